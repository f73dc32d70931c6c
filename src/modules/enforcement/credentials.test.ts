import { describe, expect, it } from 'vitest';
import { type CredentialRecord, credentialProblems } from './credentials.ts';

const cred: CredentialRecord = {
  credentialNo: '渝执50011300001',
  category: '行政执法证',
  domains: ['市场监管', '食品安全'],
  validFrom: '2024-01-01',
  validTo: '2026-12-31',
  status: 'active',
};

describe('credentialProblems', () => {
  const cases: [
    string,
    CredentialRecord | null,
    string,
    Parameters<typeof credentialProblems>[2],
    string[],
  ][] = [
    ['valid on the first day', cred, '2024-01-01', {}, []],
    ['valid on the last day', cred, '2026-12-31', {}, []],
    ['valid mid-term with a covered domain', cred, '2025-06-30', { domain: '食品安全' }, []],
    ['missing credential', null, '2025-06-30', {}, ['missing']],
    ['blank credential number', { ...cred, credentialNo: ' ' }, '2025-06-30', {}, ['missing']],
    ['the day before validity', cred, '2023-12-31', {}, ['not-yet-valid']],
    ['the day after expiry', cred, '2027-01-01', {}, ['expired']],
    ['revoked', { ...cred, status: 'revoked' }, '2025-06-30', {}, ['revoked']],
    ['suspended', { ...cred, status: 'suspended' }, '2025-06-30', {}, ['suspended']],
    ['wrong domain', cred, '2025-06-30', { domain: '生态环境' }, ['wrong-domain']],
    [
      'wrong category',
      { ...cred, category: '执法监督证' },
      '2025-06-30',
      { category: '行政执法证' },
      ['wrong-category'],
    ],
    [
      'revoked, expired and wrong domain at once',
      { ...cred, status: 'revoked' },
      '2027-03-01',
      { domain: '交通运输' },
      ['revoked', 'expired', 'wrong-domain'],
    ],
  ];
  it.each(cases)('%s', (_name, officer, onDate, need, codes) => {
    const problems = credentialProblems(officer, onDate, need);
    expect(problems.map((p) => p.code)).toEqual(codes);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(0);
  });
});
