import { describe, expect, it } from 'vitest';
import { DomainError } from '../../kernel/errors.ts';
import {
  formatMoneyDigits,
  moneyWithDigits,
  toChineseMoney,
  toChineseUppercaseNumber,
  toFen,
} from './money.ts';

describe('toChineseMoney', () => {
  // The brief's cases and the examples of 《正确填写票据和结算凭证的基本规定》 (People's Bank of China).
  it.each([
    [5000, '人民币伍仟元整'],
    [1234.56, '人民币壹仟贰佰叁拾肆元伍角陆分'],
    [100000, '人民币壹拾万元整'],
    [0.05, '人民币伍分'],
    [0, '人民币零元整'],
    [0.5, '人民币伍角'],
    [10, '人民币壹拾元整'],
    [15, '人民币壹拾伍元整'],
    [1409.5, '人民币壹仟肆佰零玖元伍角'],
    [6007.14, '人民币陆仟零柒元壹角肆分'],
    [1680.32, '人民币壹仟陆佰捌拾元零叁角贰分'],
    [107000.53, '人民币壹拾万柒仟元零伍角叁分'],
    [16409.02, '人民币壹万陆仟肆佰零玖元零贰分'],
    [325.04, '人民币叁佰贰拾伍元零肆分'],
    [1000.01, '人民币壹仟元零壹分'],
    [100010, '人民币壹拾万零壹拾元整'],
    [1010, '人民币壹仟零壹拾元整'],
    [200000000, '人民币贰亿元整'],
    [100010000, '人民币壹亿零壹万元整'],
    [105000000, '人民币壹亿零伍佰万元整'],
    [123456789012.34, '人民币壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分'],
    ['5000.00', '人民币伍仟元整'],
    ['0.1', '人民币壹角'],
    [0.1 + 0.2, '人民币叁角'],
  ])('%s → %s', (amount, expected) => {
    expect(toChineseMoney(amount)).toBe(expected);
  });

  it('can leave out 人民币', () => {
    expect(toChineseMoney(5000, { currency: false })).toBe('伍仟元整');
  });

  it.each([[-1], [Number.NaN], [1.234], ['1,000'], ['abc'], [1e13], [0.005]])('refuses %s', (amount) => {
    expect(() => toChineseMoney(amount)).toThrow(DomainError);
  });

  it('works in whole 分', () => {
    expect(toFen(1234.56)).toBe(123456);
    expect(toFen('0.07')).toBe(7);
    expect(toFen(19.99)).toBe(1999);
  });
});

describe('digits and uppercase numbers', () => {
  it.each([
    [5000, '5,000.00'],
    [1234.5, '1,234.50'],
    [0.05, '0.05'],
    [1234567.89, '1,234,567.89'],
  ])('formatMoneyDigits(%s) = %s', (amount, expected) => {
    expect(formatMoneyDigits(amount)).toBe(expected);
  });

  it('金额 filter text has both forms', () => {
    expect(moneyWithDigits(5000)).toBe('人民币伍仟元整（￥5,000.00）');
  });

  it.each([
    [0, '零'],
    [7, '柒'],
    [15, '壹拾伍'],
    [105, '壹佰零伍'],
    [20000, '贰万'],
    [100010, '壹拾万零壹拾'],
  ])('toChineseUppercaseNumber(%s) = %s', (n, expected) => {
    expect(toChineseUppercaseNumber(n)).toBe(expected);
  });

  it('refuses fractions and negatives', () => {
    expect(() => toChineseUppercaseNumber(1.5)).toThrow(DomainError);
    expect(() => toChineseUppercaseNumber(-3)).toThrow(DomainError);
  });
});
