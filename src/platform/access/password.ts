import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum for argon2id). */
export const hashPassword = (plain: string): Promise<string> => hash(plain, { algorithm: 2 });

export const verifyPassword = async (stored: string, plain: string): Promise<boolean> => {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
};

/** A hash of a random password, verified against when the username is unknown, so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => {
  dummyHash ??= hashPassword('fazhi-dummy-password-for-timing');
  return dummyHash;
};

const COMMON = new Set([
  'password',
  'password1',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'admin123',
  'abc12345',
]);

/**
 * The password policy: at least 10 characters, at least three of upper case, lower case, digits and
 * symbols, not containing the username, not a well-known password. Returns every broken rule.
 */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('密码至少10位');
  if (password.length > 128) problems.push('密码不能超过128位');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((r) => r.test(password)).length;
  if (classes < 3) problems.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('密码不能包含用户名');
  if (COMMON.has(password.toLowerCase())) problems.push('密码过于常见');
  return problems;
}
