/** Enforcement credentials (行政执法证件, 行政处罚法 Arts. 42, 55): whether a credential is usable on a date. */

export const CREDENTIAL_CATEGORIES = ['行政执法证', '执法监督证'] as const;
export type CredentialCategory = (typeof CREDENTIAL_CATEGORIES)[number];

/** active 有效 · suspended 暂扣 · revoked 注销（吊销、收回） */
export const OFFICER_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type OfficerStatus = (typeof OFFICER_STATUSES)[number];
export const OFFICER_STATUS_LABELS: Record<OfficerStatus, string> = {
  active: '有效',
  suspended: '暂扣',
  revoked: '注销',
};

/** What `credentialProblems` reads of an officer's credential. */
export interface CredentialRecord {
  credentialNo: string | null;
  category: string;
  domains: string[];
  /** `YYYY-MM-DD`, inclusive. */
  validFrom: string;
  /** `YYYY-MM-DD`, inclusive. */
  validTo: string;
  status: string;
}

export type CredentialProblemCode =
  | 'missing'
  | 'revoked'
  | 'suspended'
  | 'not-yet-valid'
  | 'expired'
  | 'wrong-category'
  | 'wrong-domain';

export interface CredentialProblem {
  code: CredentialProblemCode;
  message: string;
}

/** What a task asks of a credential. */
export interface CredentialRequirement {
  /** The enforcement domain of the task (e.g. 市场监管). */
  domain?: string | undefined;
  /** The category the task needs (enforcement tasks: 行政执法证). */
  category?: CredentialCategory | undefined;
}

/**
 * Every reason the credential may not be used on `onDate` (`YYYY-MM-DD`): missing, revoked or suspended,
 * not yet valid, expired, of the wrong category, or not covering the task's domain. Empty: usable.
 * An expired or missing credential blocks assignment to enforcement tasks.
 */
export function credentialProblems(
  officer: CredentialRecord | null | undefined,
  onDate: string,
  need: CredentialRequirement = {},
): CredentialProblem[] {
  if (!officer || !officer.credentialNo?.trim()) return [{ code: 'missing', message: '未持有行政执法证件' }];
  const out: CredentialProblem[] = [];
  const no = officer.credentialNo;
  if (officer.status === 'revoked') out.push({ code: 'revoked', message: `执法证件${no}已注销` });
  else if (officer.status === 'suspended') out.push({ code: 'suspended', message: `执法证件${no}已暂扣` });
  else if (officer.status !== 'active')
    out.push({ code: 'revoked', message: `执法证件${no}状态异常（${officer.status}）` });
  if (onDate < officer.validFrom)
    out.push({
      code: 'not-yet-valid',
      message: `执法证件${no}自${officer.validFrom}起有效，${onDate}尚未生效`,
    });
  if (onDate > officer.validTo)
    out.push({ code: 'expired', message: `执法证件${no}已于${officer.validTo}到期` });
  if (need.category && officer.category !== need.category)
    out.push({
      code: 'wrong-category',
      message: `执法证件${no}为${officer.category}，本项工作须持${need.category}`,
    });
  if (need.domain && !officer.domains.includes(need.domain))
    out.push({
      code: 'wrong-domain',
      message: `执法证件${no}的执法领域（${officer.domains.join('、') || '无'}）不含“${need.domain}”`,
    });
  return out;
}
