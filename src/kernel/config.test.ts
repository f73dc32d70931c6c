import { describe, expect, it } from 'vitest';
import { shiftedClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('lists every problem in one error', () => {
    try {
      loadConfig({ PORT: 'x', PG_POOL_MAX: '0', DATABASE_URL: 'not a url' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'DATABASE_URL',
        'PG_POOL_MAX',
        'PORT',
      ]);
    }
  });

  it('takes CLOCK_AT (ISO 8601 with offset) for a training server, never in production', () => {
    expect(loadConfig({ CLOCK_AT: '2027-01-04T09:00:00+08:00' }).CLOCK_AT).toBe('2027-01-04T09:00:00+08:00');
    expect(() => loadConfig({ CLOCK_AT: '2027-01-04' })).toThrow(ConfigError);
    expect(() => loadConfig({ CLOCK_AT: '2027-01-04T09:00:00+08:00', NODE_ENV: 'production' })).toThrow(
      /生产环境不得设置系统时间/,
    );
    expect(loadConfig({ NODE_ENV: 'production' }).CLOCK_AT).toBeUndefined();
  });

  it('a shifted clock starts at the instant and runs on in real time', async () => {
    const clock = shiftedClock('2027-01-04T09:00:00+08:00');
    const first = clock.now().getTime();
    expect(Math.abs(first - Date.parse('2027-01-04T01:00:00Z'))).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.now().getTime()).toBeGreaterThan(first);
  });
});
