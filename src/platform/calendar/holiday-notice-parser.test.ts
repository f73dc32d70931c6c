import { describe, expect, it } from 'vitest';
import { parseHolidayNotice } from './holiday-notice-parser.ts';
import { extension2020, notice2023, notice2024, notice2025, notice2026 } from './holiday-notices.fixture.ts';

describe('parseHolidayNotice', () => {
  it('parses the 2025 notice (国办发明电〔2024〕12号)', () => {
    const { calendar, problems, notes } = parseHolidayNotice(notice2025);
    expect(problems).toEqual([]);
    expect(notes).toEqual([]);
    expect(calendar?.year).toBe(2025);
    expect(calendar?.source).toBe('国办发明电〔2024〕12号');
    expect(calendar?.makeupWorkdays).toEqual([
      { date: '2025-01-26', name: '春节' },
      { date: '2025-02-08', name: '春节' },
      { date: '2025-04-27', name: '劳动节' },
      { date: '2025-09-28', name: '国庆节、中秋节' },
      { date: '2025-10-11', name: '国庆节、中秋节' },
    ]);
  });

  it('parses the 2026 notice and records title and date as the source', () => {
    const { calendar, problems } = parseHolidayNotice(notice2026);
    expect(problems).toEqual([]);
    expect(calendar?.source).toBe('国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）');
    expect(calendar?.holidays.filter((h) => h.name === '春节').map((h) => h.date)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
  });

  it('parses cross-year dates with explicit years (2023 元旦 from 2022-12-31)', () => {
    const { calendar } = parseHolidayNotice(notice2023);
    expect(calendar?.holidays.slice(0, 3).map((h) => h.date)).toEqual([
      '2022-12-31',
      '2023-01-01',
      '2023-01-02',
    ]);
  });

  it('lists ignored advisory sentences as notes (2024 除夕)', () => {
    const { calendar, notes } = parseHolidayNotice(notice2024);
    expect(calendar?.holidays.some((h) => h.date === '2024-02-09')).toBe(false);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('除夕');
  });

  it('accepts half-width punctuation and spacing', () => {
    const text =
      '关于2026年部分节假日安排的通知\n 一、元旦: 1月1日 (周四) 至3日 (周六) 放假调休, 共3天. \n'.replace(
        '.',
        '。',
      );
    const { calendar, problems } = parseHolidayNotice(text);
    expect(problems).toEqual([]);
    expect(calendar?.holidays.map((h) => h.date)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
  });

  it.each([
    ['一、元旦：1月1日（周五）至3日（周六）放假调休，共3天。', '实为周四'],
    ['一、元旦：1月1日至3日放假调休，共4天。', '共4天'],
    ['一、元旦：1月1日至3日放假调休，共3天。1月4日（周日）、1月5日（周一）上班。', '应为周六或周日'],
    ['一、元旦：1月1日至3日放假调休，共3天。1月4日（周日）起正常上班。', '无法识别的上班日期'],
    ['一、元旦：1月1日至3日放假调休，共3天，另行通知。', '无法识别的内容：“另行通知”'],
    ['一、元旦：放假3天。', '无法识别放假日期'],
    ['一、元旦：1月1日至3日放假调休，共3天。请各单位提前安排。', '无法识别的内容'],
    ['一、元旦：2月30日放假，共1天。', '日期无效'],
    ['一、元旦：1月1日（农历冬月十三、周四、全天）放假，共1天。', '无法识别的括注'],
    ['一、元旦：1月3日至1日放假，共3天。', '不合理'],
    ['一、元旦：1月1日至3日放假，共3天。\n二、春节：1月3日放假，共1天。', '重复'],
    ['元旦放假三天', '无法识别的内容'],
  ])('reports a problem instead of guessing: %s', (body, expected) => {
    const { calendar, problems } = parseHolidayNotice(`国务院办公厅关于2026年部分节假日安排的通知\n${body}`);
    expect(calendar).toBeNull();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.detail).join('\n')).toContain(expected);
    expect(problems[0]?.pointer).toMatch(/^\/lines\/\d+$/);
    expect(problems[0]?.detail).toMatch(/^第\d+行：/);
  });

  it('collects every problem, not just the first', () => {
    const text = `关于2026年部分节假日安排的通知
一、元旦：1月1日（周五）至3日放假，共3天。
二、春节：2月15日至23日放假调休，共8天。
三、清明：暂定。
这一行不认识`;
    const { problems } = parseHolidayNotice(text);
    expect(problems.map((p) => p.pointer)).toEqual(['/lines/1', '/lines/2', '/lines/3', '/lines/4']);
  });

  it('needs a year', () => {
    expect(parseHolidayNotice('一、元旦：1月1日放假，共1天。').problems[0]?.detail).toContain(
      '无法确定通知所属年份',
    );
    const ok = parseHolidayNotice('一、元旦：1月1日放假，共1天。', { year: 2026, source: '测试' });
    expect(ok.calendar).toEqual({
      year: 2026,
      source: '测试',
      holidays: [{ date: '2026-01-01', name: '元旦' }],
      makeupWorkdays: [],
    });
  });

  it('reports a year that differs from the expected one', () => {
    const { problems } = parseHolidayNotice(notice2025, { year: 2026 });
    expect(problems[0]?.detail).toContain('与预期年份（2026年）不一致');
  });

  it('refuses the 2020 extension notice, which is not a yearly arrangement', () => {
    const { calendar, problems } = parseHolidayNotice(extension2020, { year: 2020 });
    expect(calendar).toBeNull();
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });
});
