import dayjs from 'dayjs';

/** `2026-03-01 14:05`, or the placeholder for a missing time. */
export const formatTime = (iso: string | null | undefined, empty = '—') =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : empty;

export const formatNumber = (n: number) => n.toLocaleString('zh-CN');

/**
 * A random password that meets the server's policy (at least 10 characters, upper and lower case, digits
 * and symbols), for initial and reset passwords.
 */
export function generatePassword(length = 14): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '@#%&*+=?'];
  const all = sets.join('');
  const pick = (s: string) => s[crypto.getRandomValues(new Uint32Array(1))[0]! % s.length]!;
  const chars = sets.map(pick);
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.getRandomValues(new Uint32Array(1))[0]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
