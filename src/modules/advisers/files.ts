/**
 * Excel export of the roster (法律顾问名册) and of the work ledger (工作台账), in the layout officials keep them in:
 * a header row of Chinese column names and one row per record, every cell text; `import.ts` reads the same layout. The roster's phones are masked
 * unless the reader manages the adviser (the same rule as the screen).
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../kernel/db/index.ts';
import type { Ctx } from '../../platform/access/index.ts';
import { writeSheet } from '../../platform/spreadsheet/index.ts';
import { REF_TYPES, type RefType } from './advisers.kinds.ts';
import { allAdvisers } from './roster.ts';
import { allWorkItems, type WorkFilter } from './work.ts';

export const ROSTER_COLUMNS = [
  '姓名',
  '顾问类别',
  '律师事务所或单位',
  '所在单位',
  '执业证号',
  '执业证有效期起',
  '执业证有效期止',
  '联系电话',
  '专业领域',
  '服务单位',
  '状态',
] as const;

export const WORK_COLUMNS = [
  '办理日期',
  '法律顾问',
  '执业证号',
  '服务单位',
  '工作类别',
  '事项名称',
  '工时（小时）',
  '办理结果',
  '关联记录类型',
  '关联记录编号',
  '状态',
  '登记人',
] as const;

/** The roster in the actor's scope as .xlsx. */
export async function exportRoster(ctx: Ctx): Promise<Buffer> {
  const rows = (await allAdvisers(ctx)).map((a) => ({
    姓名: a.name,
    顾问类别: a.kindLabel,
    律师事务所或单位: a.organisation,
    所在单位: a.homeUnitName ?? '',
    执业证号: a.licenceNo,
    执业证有效期起: a.licenceValidFrom,
    执业证有效期止: a.licenceValidTo,
    联系电话: a.phone ?? '',
    专业领域: a.expertise ?? '',
    服务单位: a.currentUnits.map((u) => u.unitName).join('、'),
    状态: a.status === 'active' ? '在册' : '已解聘',
  }));
  return writeSheet('法律顾问名册', ROSTER_COLUMNS, rows);
}

/** The work items of a filter (as the list) as .xlsx. */
export async function exportWorkItems(ctx: Ctx, f: WorkFilter): Promise<Buffer> {
  const licences = new Map(
    (
      await queryRows<{ id: string; licenceNo: string }>(
        ctx.db,
        sql`select id, licence_no as "licenceNo" from advisers where tenant_id = ${ctx.actor.tenantId}`,
      )
    ).map((a) => [a.id, a.licenceNo]),
  );
  const rows = (await allWorkItems(ctx, f)).map((w) => ({
    办理日期: w.doneOn,
    法律顾问: w.adviserName,
    执业证号: licences.get(w.adviserId) ?? '',
    服务单位: w.unitName,
    工作类别: w.kindLabel,
    事项名称: w.title,
    '工时（小时）': w.hours === null ? '' : String(w.hours),
    办理结果: w.outcome ?? '',
    关联记录类型: w.refType ? (REF_TYPES[w.refType as RefType] ?? w.refType) : '',
    关联记录编号: w.refId ?? '',
    状态: w.status === 'recorded' ? '有效' : `已撤销：${w.voidReason ?? ''}`,
    登记人: w.recordedByName ?? '',
  }));
  return writeSheet('工作台账', WORK_COLUMNS, rows);
}
