/**
 * Domain errors carry a stable code, an HTTP-agnostic kind and a Chinese message for users.
 * The HTTP layer maps them to RFC 9457 problem+json in one place (src/http/problems.ts).
 */

/** What went wrong, independent of transport. The HTTP layer maps kinds to status codes. */
export type ErrorKind =
  | 'invalid' // bad input: 400
  | 'unauthenticated' // 401
  | 'forbidden' // visible but not allowed: 403
  | 'not-found' // absent or not visible: 404
  | 'conflict' // a business rule or state forbids it: 409
  | 'locked' // account locked: 423
  | 'too-many' // rate limited: 429
  | 'unavailable'; // a dependency is down: 503

/** One problem with one input field, pointed at with a JSON Pointer (RFC 6901), e.g. `/body/name`. */
export interface FieldProblem {
  pointer: string;
  detail: string;
}

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  /** Chinese text shown to the user. Never contains personal data. */
  readonly detail: string;
  readonly errors: FieldProblem[];

  constructor(code: string, kind: ErrorKind, detail: string, errors: FieldProblem[] = []) {
    super(`${code}: ${detail}`);
    this.name = 'DomainError';
    this.code = code;
    this.kind = kind;
    this.detail = detail;
    this.errors = errors;
  }
}

export const invalid = (code: string, detail: string, errors: FieldProblem[] = []) =>
  new DomainError(code, 'invalid', detail, errors);
export const conflict = (code: string, detail: string) => new DomainError(code, 'conflict', detail);
export const notFound = (code: string, detail = '记录不存在或无权查看') =>
  new DomainError(code, 'not-found', detail);
export const forbidden = (code: string, detail = '没有执行此操作的权限') =>
  new DomainError(code, 'forbidden', detail);
export const unauthenticated = (detail = '请先登录') =>
  new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', detail);

/**
 * Collects every problem with an input before failing, so users see all of them at once.
 * `check.add(pointer, detail)`, then `check.throwIfAny(code, summary)`.
 */
export class ProblemCollector {
  readonly errors: FieldProblem[] = [];
  add(pointer: string, detail: string): this {
    this.errors.push({ pointer, detail });
    return this;
  }
  get any(): boolean {
    return this.errors.length > 0;
  }
  throwIfAny(code: string, detail = '提交的数据有误，请按提示修改'): void {
    if (this.errors.length > 0) throw invalid(code, detail, this.errors);
  }
}
