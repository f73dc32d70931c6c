import { describe, expect, it } from 'vitest';
import { queryPlan, searchTokens } from './publicity.ts';

describe('publicity search tokens', () => {
  it('cuts each letter/digit run into character bigrams (NFKC, lower case), single characters kept', () => {
    expect(searchTokens(['张某某', '罚款 A'])).toEqual(['张某', '某某', '罚款', 'a']);
    expect(searchTokens(['示市监处罚〔２０２６〕1号'])).toEqual([
      '示市',
      '市监',
      '监处',
      '处罚',
      '20',
      '02',
      '26',
      '1号',
    ]);
  });
  it('plans a query: bigrams when there are any, else the single characters for ILIKE', () => {
    expect(queryPlan('保质期的')).toEqual({ tokens: ['保质', '质期', '期的'], chars: [] });
    expect(queryPlan('张')).toEqual({ tokens: [], chars: ['张'] });
    expect(queryPlan(' ，')).toEqual({ tokens: [], chars: [] });
  });
});
