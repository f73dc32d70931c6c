import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../http/deps.ts';
import type { Db } from '../../kernel/db/index.ts';
import { forbidden, invalid, notFound } from '../../kernel/errors.ts';
import { roles, userRoles, users } from '../../platform/access/index.ts';
import { CalendarPermissions } from '../../platform/calendar/calendar.permissions.ts';
import {
  type AddUnit,
  addToDate,
  type CalendarLoader,
  type CalendarLoadInput,
  type CalendarPreview,
  type CalendarYear,
  checkDate,
  decodeText,
  ensureCalendarSeeded,
  listCalendarYears,
  loadCalendarYear,
  previewCalendarYear,
  readCalendarFile,
} from '../../platform/calendar/index.ts';
import { getTenant } from '../../platform/tenancy/index.ts';
import { withRuntime } from '../with-runtime.ts';

const UNITS: Record<string, AddUnit> = {
  workday: 'workday',
  workdays: 'workday',
  工作日: 'workday',
  个工作日: 'workday',
  day: 'day',
  days: 'day',
  日: 'day',
  天: 'day',
  month: 'month',
  months: 'month',
  月: 'month',
  个月: 'month',
};

/** `workdays` / `days` / `months` (or 工作日 / 日 / 月) → the unit. */
export function parseAddUnit(word: string): AddUnit {
  const unit = UNITS[word.trim().toLowerCase()];
  if (!unit)
    throw new InvalidArgumentError(`单位应为 workdays、days 或 months（工作日、日、月），实为“${word}”`);
  return unit;
}

/** `fazhi calendar is-workday DATE`: one line. */
export async function isWorkdayLine(db: Db, date: string): Promise<string> {
  return (await checkDate(db, date)).text;
}

/** `fazhi calendar add DATE N UNIT`: one line with the resulting date and weekday. */
export async function addLine(
  db: Db,
  date: string,
  amount: string,
  unitWord: string,
  roll?: boolean,
): Promise<string> {
  const n = Number(amount);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`期限长度须为非负整数，实为“${amount}”`);
  const unit = parseAddUnit(unitWord);
  return (await addToDate(db, { date, amount: n, unit, roll: roll ?? unit !== 'workday' })).text;
}

/** `fazhi calendar years`: one line per loaded year. */
export async function yearsLines(db: Db): Promise<string[]> {
  const years = await listCalendarYears(db);
  if (years.length === 0) return ['尚未载入任何年份的节假日安排'];
  return years.map(
    (y) =>
      `${y.year}  放假${y.holidays}天  调休上班${y.makeupWorkdays}天  ${y.source}  （${y.loadedBy}，${y.loadedAt.toISOString().slice(0, 10)}载入）`,
  );
}

/**
 * Who loads from the command line: the tenant whose log records it (default `DEFAULT_TENANT`) and, with `--user`,
 * the administrator (who must hold `calendar.manage`); without it, the system.
 */
export async function cliLoader(
  db: Db,
  tenantId: string,
  username: string | undefined,
  now: Date,
): Promise<CalendarLoader> {
  if (!(await getTenant(db, tenantId)))
    throw notFound('TENANCY.NOT_FOUND', `行政区 ${tenantId} 不存在：载入记录须写入某个行政区的全过程记录`);
  if (!username)
    return { tenantId, actor: null, loadedBy: `${tenantId}/cli`, requestId: null, now, via: 'cli' };
  const rows = await db
    .select({
      userId: users.id,
      displayName: users.displayName,
      unitId: users.unitId,
      status: users.status,
      role: roles.code,
      permissions: roles.permissions,
    })
    .from(users)
    .leftJoin(userRoles, and(eq(userRoles.tenantId, users.tenantId), eq(userRoles.userId, users.id)))
    .leftJoin(roles, and(eq(roles.tenantId, userRoles.tenantId), eq(roles.id, userRoles.roleId)))
    .where(and(eq(users.tenantId, tenantId), eq(users.username, username)));
  const first = rows[0];
  if (!first || first.status !== 'active')
    throw notFound('ACCESS.USER_NOT_FOUND', `行政区 ${tenantId} 中没有启用的用户 ${username}`);
  const manage = CalendarPermissions['calendar.manage'];
  if (!rows.some((r) => r.permissions?.includes(manage)))
    throw forbidden('ACCESS.FORBIDDEN', `用户 ${username} 没有“维护工作日历”权限`);
  return {
    tenantId,
    actor: {
      userId: first.userId,
      username,
      displayName: first.displayName,
      roles: rows
        .map((r) => r.role)
        .filter((r): r is string => r !== null)
        .sort(),
      unitId: first.unitId,
    },
    loadedBy: `${tenantId}/${username}`,
    requestId: null,
    now,
    via: 'cli',
  };
}

export interface LoadOptions {
  notice?: string;
  rows?: string;
  json?: string;
  year?: number;
  source?: string;
  replace?: boolean;
  dryRun?: boolean;
  tenant?: string;
  user?: string;
}

/** Reads the file named by `--notice`, `--rows` or `--json` into the load input. */
export async function loadInputFromFiles(o: LoadOptions): Promise<CalendarLoadInput> {
  const given = [o.notice, o.rows, o.json].filter((f) => f !== undefined);
  if (given.length !== 1) throw new InvalidArgumentError('请指定 --notice、--rows、--json 三者之一');
  const common = {
    ...(o.year !== undefined ? { forYear: o.year } : {}),
    ...(o.source !== undefined ? { source: o.source } : {}),
    ...(o.replace ? { replace: true } : {}),
  };
  const bytes = new Uint8Array(readFileSync(given[0]!));
  if (o.notice !== undefined) {
    const notice = decodeText(bytes);
    if (notice === null)
      throw invalid('CALENDAR.FILE_INVALID', '无法识别通知文件的文字编码，请以 UTF-8 保存');
    return { ...common, notice };
  }
  if (o.json !== undefined) {
    let year: CalendarYear;
    try {
      year = JSON.parse(decodeText(bytes) ?? '') as CalendarYear;
    } catch {
      throw invalid('CALENDAR.FILE_INVALID', 'JSON 文件格式错误');
    }
    return { ...common, year };
  }
  const name = basename(o.rows!);
  const file = await readCalendarFile(name, bytes);
  return {
    ...common,
    rows: file.rows,
    rowNumbers: file.rowNumbers,
    fileProblems: file.problems,
    file: { name, bytes },
    pointerBase: '/file',
  };
}

function previewLines(p: CalendarPreview): string[] {
  const lines = [
    `${p.year}年放假安排（${p.source}）：放假${p.calendar.holidays.length}天，调休上班${p.calendar.makeupWorkdays.length}天；全年工作日${p.workdays}天，休息日${p.restDays}天`,
  ];
  if (p.current) lines.push(`已载入的版本：${p.current.source}（${p.current.loadedBy}）`);
  if (p.unchanged) lines.push('与已载入的版本完全相同');
  for (const s of p.diff?.summary ?? []) lines.push(`  ${s}`);
  for (const n of p.notes) lines.push(`注意：${n}`);
  return lines;
}

/** `fazhi calendar load …`: the same checks and log entry as the API, recorded as a CLI action. */
export async function loadLines(deps: Pick<AppDeps, 'db' | 'config'>, o: LoadOptions, now = new Date()) {
  const input = await loadInputFromFiles(o);
  if (o.dryRun) return ['预览（未保存）：', ...previewLines(await previewCalendarYear(deps.db, input))];
  const who = await cliLoader(deps.db, o.tenant ?? deps.config.DEFAULT_TENANT, o.user, now);
  const r = await loadCalendarYear(deps.db, who, input);
  const head = { created: '已载入', replaced: '已替换', unchanged: '未改变（数据相同）' }[r.action];
  return [
    `${head}：${previewLines(r)[0]}`,
    ...previewLines(r).slice(1),
    ...(r.logEntryId ? [`全过程记录：${who.tenantId} ${r.logEntryId}`] : []),
  ];
}

const yearNumber = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1949 || n > 2100)
    throw new InvalidArgumentError('年份须为1949至2100之间的整数');
  return n;
};

/** `fazhi calendar …`: is-workday, add, years, load. */
export function registerCalendarCommands(program: Command) {
  const calendar = program.command('calendar').description('工作日历（法定节假日与调休）');
  const run = (fn: (deps: AppDeps) => Promise<string | string[]>) =>
    withRuntime(async (d) => {
      await ensureCalendarSeeded(d.db);
      const out = await fn(d);
      for (const line of ([] as string[]).concat(out)) console.log(line);
    });

  calendar
    .command('is-workday <date>')
    .description('某日是否为工作日及原因，例如 fazhi calendar is-workday 2020-01-31')
    .action((date: string) => run((d) => isWorkdayLine(d.db, date)));

  calendar
    .command('add <date> <amount> <unit>')
    .description('推算期限，例如 fazhi calendar add 2025-09-30 7 workdays（单位：workdays、days、months）')
    .option('--roll', '末日遇休息日顺延至下一个工作日（日、月默认顺延）')
    .option('--no-roll', '末日不顺延')
    .action((date: string, amount: string, unit: string, o: { roll?: boolean }) =>
      run((d) => addLine(d.db, date, amount, unit, o.roll)),
    );

  calendar
    .command('years')
    .description('已载入的年份')
    .action(() => run((d) => yearsLines(d.db)));

  calendar
    .command('load')
    .description('载入一年的放假安排（国务院办公厅通知文本、Excel/CSV 或 JSON），记入全过程记录')
    .option('--notice <file>', '通知全文（文本文件）')
    .option('--rows <file>', 'Excel（.xlsx，第一个工作表）或 CSV：列为 日期、类型（休/班）、名称')
    .option('--json <file>', '年度数据（CalendarYear JSON）')
    .option('--year <year>', '年份（数据行无法确定年份时必填）', yearNumber)
    .option('--source <text>', '来源（通知文号；数据行必填）')
    .option('--replace', '替换已载入的年份')
    .option('--dry-run', '只检查并显示差异，不保存')
    .option('--tenant <code>', '记入哪个行政区的全过程记录（默认 DEFAULT_TENANT）')
    .option('--user <username>', '以哪位管理员的名义（须有“维护工作日历”权限；不填则为系统）')
    .action((o: LoadOptions) => run((d) => loadLines(d, o)));
}
