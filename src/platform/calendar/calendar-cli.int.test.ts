import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDeps } from '../../../test/support/db.ts';
import { addLine, isWorkdayLine, loadLines, yearsLines } from '../../cli/commands/calendar.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { testNotice2027 } from './notice-2027.fixture.ts';

/** The `fazhi calendar` commands, through their functions on the test database, and once as a real process. */
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let dir: string;
beforeAll(async () => {
  deps = await openTestDeps();
  dir = mkdtempSync(join(tmpdir(), 'fazhi-calendar-cli-'));
});
afterAll(async () => {
  await deps.database.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('fazhi calendar (functions)', () => {
  it('is-workday, add and years answer in one line each', async () => {
    expect(await isWorkdayLine(deps.db, '2020-01-31')).toBe(
      '2020-01-31 星期五 休息日（春节，国办发明电〔2020〕1号）',
    );
    expect(await addLine(deps.db, '2025-09-30', '7', 'workdays')).toBe(
      '2025-10-16 星期四（2025-09-30 起 7个工作日）',
    );
    expect(await addLine(deps.db, '2025-09-20', '15', 'days')).toBe(
      '2025-10-09 星期四（2025-09-20 起 15日；末日 2025-10-05 为休息日，顺延至下一个工作日）',
    );
    expect(await addLine(deps.db, '2025-09-20', '15', 'days', false)).toBe(
      '2025-10-05 星期日（2025-09-20 起 15日；末日为休息日，未顺延）',
    );
    // 2026-02-28 is a make-up Saturday: a working day, no rolling
    expect(await addLine(deps.db, '2025-11-30', '3', '月')).toBe('2026-02-28 星期六（2025-11-30 起 3个月）');
    expect(await addLine(deps.db, '2025-11-15', '3', 'months')).toBe(
      '2026-02-24 星期二（2025-11-15 起 3个月；末日 2026-02-15 为休息日，顺延至下一个工作日）',
    );
    await expect(addLine(deps.db, '2025-09-30', '7', 'weeks')).rejects.toThrow('单位应为');
    await expect(addLine(deps.db, '2026-12-20', '15', 'days')).rejects.toMatchObject({
      code: 'CALENDAR.YEAR_UNKNOWN',
    });
    const years = await yearsLines(deps.db);
    expect(years).toHaveLength(7);
    expect(years[0]).toMatch(/^2020 {2}放假30天 {2}调休上班6天/);
  });

  it('load: dry run stores nothing; a load by a named administrator is logged as a CLI action', async () => {
    const notice = file('2027.txt', testNotice2027);
    const dry = await loadLines(deps, { notice, dryRun: true });
    expect(dry[0]).toBe('预览（未保存）：');
    expect(dry[1]).toMatch(
      /^2027年放假安排（国办发明电〔2026〕99号）：放假28天，调休上班6天；全年工作日\d+天/,
    );
    await expect(isWorkdayLine(deps.db, '2027-02-05')).rejects.toMatchObject({
      code: 'CALENDAR.YEAR_UNKNOWN',
    });

    await expect(loadLines(deps, { notice, user: 'officer' })).rejects.toMatchObject({
      code: 'ACCESS.FORBIDDEN',
    });
    await expect(loadLines(deps, { notice, tenant: '500199' })).rejects.toMatchObject({
      code: 'TENANCY.NOT_FOUND',
    });

    const out = await loadLines(deps, { notice, user: 'admin', tenant: '500113' });
    expect(out[0]).toMatch(/^已载入：2027年放假安排/);
    expect(out.at(-1)).toMatch(/^全过程记录：500113 /);
    expect(await isWorkdayLine(deps.db, '2027-02-05')).toBe(
      '2027-02-05 星期五 休息日（春节，国办发明电〔2026〕99号）',
    );
    const [entry] = await queryRows<{ body: string }>(
      deps.db,
      sql`select body from log_entries where kind = 'calendar.year.loaded'`,
    );
    expect(JSON.parse(entry!.body)).toMatchObject({
      actor: { username: 'admin' },
      data: { via: 'cli', year: 2027 },
    });

    // Replacing needs --replace; the refusal lists the differences.
    const rows = file('2027.csv', '日期,类型,名称\n2027-01-01,休,元旦\n');
    await expect(loadLines(deps, { rows, source: '测试' })).rejects.toMatchObject({
      code: 'CALENDAR.YEAR_EXISTS',
    });
    const replaced = await loadLines(deps, { rows, source: '测试', replace: true });
    expect(replaced[0]).toMatch(/^已替换：/);
    expect(replaced).toContain('  2027-02-05（周五）：取消放假（春节），恢复为平常工作日');
  });
});

describe('fazhi calendar (process)', () => {
  // One real process run is enough to prove the wiring; it uses its own PGlite data directory whatever the engine.
  it.runIf(process.env.FAZHI_TEST_ENGINE === 'pglite')(
    'bin/fazhi.mjs calendar is-workday, and load refused without a tenant',
    async () => {
      const run = promisify(execFile);
      const env = { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_URL: '', LOG_LEVEL: 'warn' };
      const bin = resolve(import.meta.dirname, '../../../bin/fazhi.mjs');
      const ok = await run('node', [bin, 'calendar', 'is-workday', '2020-01-31'], { env });
      expect(ok.stdout).toBe('2020-01-31 星期五 休息日（春节，国办发明电〔2020〕1号）\n');
      const refused = await run(
        'node',
        [bin, 'calendar', 'load', '--notice', file('n.txt', testNotice2027)],
        {
          env,
        },
      ).catch((e: { code: number; stderr: string }) => e);
      expect(refused).toMatchObject({ code: 1 });
      expect((refused as { stderr: string }).stderr).toContain('行政区 500113 不存在');
    },
    60_000,
  );
});
