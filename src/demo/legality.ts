/**
 * The demo district's year of legality reviews (合法性审查, 2026), at the seed report's scale: "over 1,000 legality
 * reviews in the year, double-reviewed (the unit's own legal staff, then the justice bureau)". Every review is a
 * `legality.review` case opened through `requestReview` and decided by the opinion steps of the legality machine on
 * the day they happened (the unit's legal reviewer, then `justice` where the kind is reviewed twice), so the queue,
 * the per-stage clocks (late opinions are late by the clock), the opinions table, the statistics and the log are
 * the service's own. The normative documents of 2026 in the stock are each reviewed before their registration;
 * the year's drafts and major decisions ask for their reviews through their own steps (normative.demo.ts,
 * decisions.demo.ts).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../kernel/db/index.ts';
import { queryRows } from '../kernel/db/index.ts';
import { REVIEW_KINDS, type ReviewKind, requestReview } from '../modules/legality/index.ts';
import { type Actor, actorForUsername } from '../platform/access/index.ts';
import { addDays, type WorkCalendar } from '../platform/calendar/index.ts';
import { transition } from '../platform/workflow/index.ts';
import type { DemoStep } from './steps.ts';

/** Reviews of the year at scale 1 besides those of normative documents and major decisions (seed: 1,000+ in all). */
export const LEGALITY_DEMO = { contract: 680, other: 210, normativeFailed: 20 } as const;

const FIRST_DAY = '2026-01-05';
const LAST_DAY = '2026-10-30';

/** The departments whose own legal reviewer sits in the department (the demo's 法制审核员), and their contracts. */
const REVIEWING_DEPARTMENTS = [
  '区市场监督管理局',
  '区生态环境局',
  '区文化和旅游发展委员会',
  '区交通运输委员会',
  '区农业农村委员会',
];
const CONTRACTS = [
  '食品安全抽检服务采购合同',
  '办公场所租赁合同',
  '信息化系统运维服务合同',
  '法律顾问服务协议',
  '招商引资协议',
  '政府购买服务协议',
  '专项资金补助协议',
  '工程施工合同',
  '国有资产出租合同',
  '战略合作框架协议',
  '委托监测服务合同',
  '培训服务采购合同',
];
const OTHERS = [
  '行政处罚裁量基准调整方案',
  '行政复议答复书',
  '行政应诉答辩状',
  '政府信息公开申请答复书',
  '权责清单调整方案',
  '行政协议解除通知',
  '信访事项处理意见书',
  '执法事项目录调整意见',
];
const UNIT_PASS = [
  '主体适格，程序合法，内容不违反法律、法规的强制性规定，权利义务约定明确',
  '合同相对方资信材料齐全，价款和支付方式符合预算管理规定',
  '事实清楚，依据充分，程序合法',
];
const CHANGES = [
  '建议补充违约责任和争议解决条款，明确验收标准后签订',
  '建议删除“最终解释权归甲方所有”的表述，修改后通过',
  '建议增加保密和个人信息保护条款',
  '依据引用不完整，补充后通过',
];
const FAILS = [
  '约定由政府承担兜底回购责任，违反《中华人民共和国预算法》第三十五条，不予通过',
  '以承诺给予税收返还作为招商条件，违反《优化营商环境条例》第二十一条，不予通过',
  '超出本机关法定职权作出承诺，不予通过',
];

interface Department {
  name: string;
  unitId: string;
  admin: Actor;
  reviewer: Actor;
}

async function reviewingDepartments(db: Db, tenantId: string): Promise<Department[]> {
  const rows = await queryRows<{ name: string; unit_id: string; code: string; username: string }>(
    db,
    sql`select un.name, un.id as unit_id, r.code, min(u.username) as username
          from units un
          join users u on u.tenant_id = un.tenant_id and u.unit_id = un.id and u.status = 'active'
          join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
          join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
         where un.tenant_id = ${tenantId} and un.kind = 'department' and r.code in ('unit_admin', 'legal_reviewer')
           and un.name in (${sql.join(
             REVIEWING_DEPARTMENTS.map((n) => sql`${n}`),
             sql`, `,
           )})
         group by un.name, un.id, r.code`,
  );
  const out: Department[] = [];
  for (const name of REVIEWING_DEPARTMENTS) {
    const admin = rows.find((r) => r.name === name && r.code === 'unit_admin');
    const reviewer = rows.find((r) => r.name === name && r.code === 'legal_reviewer');
    if (!admin || !reviewer) continue;
    const a = await actorForUsername(db, tenantId, admin.username);
    const rv = await actorForUsername(db, tenantId, reviewer.username);
    if (a && rv) out.push({ name, unitId: admin.unit_id, admin: a, reviewer: rv });
  }
  return out;
}

/**
 * The year's reviews as steps (see the file comment): contracts and others from the departments with their own legal
 * staff, failed normative drafts, and the reviews of the 2026 normative documents of the stock (`documents2026`).
 * At scale 1 about 1,040 reviews with the year's drafts and decisions; some open at the end of October (the queue),
 * some opinions late, some returned for materials and resubmitted, a few withdrawn or failed.
 */
export async function demoLegalityYear(
  db: Db,
  opts: {
    tenantId: string;
    scale: number;
    rand: () => number;
    calendar: WorkCalendar;
    justice: Actor;
    documents2026: { caseId: string; unitId: string; title: string; registeredOn: string }[];
  },
): Promise<DemoStep[]> {
  const { rand, calendar, justice } = opts;
  const departments = await reviewingDepartments(db, opts.tenantId);
  if (departments.length === 0) return [];
  const steps: DemoStep[] = [];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const wd = (d: string, k: number) => {
    if (k >= 0) return calendar.addWorkdays(d, k);
    let x = d;
    for (let left = -k; left > 0; ) {
      x = addDays(x, -1);
      if (calendar.isWorkday(x)) left--;
    }
    return x;
  };
  const workdays: string[] = [];
  for (let d = calendar.workdayOnOrAfter(FIRST_DAY); d <= LAST_DAY; d = wd(d, 1)) workdays.push(d);

  /** One review from its request to its last opinion on or before LAST_DAY (later ones stay in the queue). */
  const review = (
    kind: ReviewKind,
    dept: Department,
    title: string,
    requestedOn: string,
    opts2: {
      subject?: { type: string; id: string };
      mustPass?: boolean;
      failAtUnit?: boolean;
      late?: boolean;
    } = {},
  ) => {
    let caseId = '';
    const add = (date: string, as: Actor, what: string, run: DemoStep['run']) => {
      if (date <= LAST_DAY) steps.push({ date, as, what: `${what}：${title}`, run });
      return date <= LAST_DAY;
    };
    add(requestedOn, dept.admin, '提请合法性审查', async (ctx) => {
      caseId = (
        await requestReview(ctx, {
          kind,
          ...(opts2.subject ? { subject: opts2.subject } : {}),
          title,
          materials:
            kind === 'contract'
              ? [{ name: '合同（协议）文本' }, { name: '合同相对方资信材料' }, { name: '起草说明' }]
              : [{ name: '送审稿' }, { name: '法律依据' }],
          unitId: dept.unitId,
        })
      ).id;
    });
    const step = (date: string, as: Actor, name: string, input: unknown) =>
      add(date, as, name, (ctx) => transition(ctx, caseId, name, input));
    let d = requestedOn;
    const r = rand();
    // 退回补充材料 then resubmitted.
    if (!opts2.mustPass && r < 0.04) {
      d = wd(d, int(2, 5));
      if (
        !step(d, dept.reviewer, 'unitReturn', {
          reasons: '送审材料不全：缺少起草说明和相对方资信证明，请补充',
        })
      )
        return;
      d = wd(d, int(2, 6));
      if (!step(d, dept.admin, 'resubmit', { materials: [{ name: '补充材料' }], note: '已补充' })) return;
    } else if (!opts2.mustPass && r < 0.05) {
      d = wd(d, int(1, 4));
      step(d, dept.admin, 'withdraw', { reason: '合作方案调整，撤回审查申请' });
      return;
    }
    // The unit stage: 10 working days (15 for normative documents); about one opinion in fifteen comes late.
    const limit = kind === 'normative-document' ? 15 : 10;
    d = wd(d, opts2.late || rand() < 0.07 ? int(limit + 1, limit + 4) : int(2, limit - 1));
    if (opts2.failAtUnit || (!opts2.mustPass && rand() < 0.04)) {
      step(d, dept.reviewer, 'unitFail', {
        reasons: pick(FAILS),
        basis: '《中华人民共和国民法典》；《优化营商环境条例》',
      });
      return;
    }
    const changes = rand() < 0.2;
    const opinion = {
      outcome: changes ? 'pass-with-changes' : 'pass',
      reasons: changes ? pick(CHANGES) : pick(UNIT_PASS),
      basis:
        kind === 'contract'
          ? '《中华人民共和国民法典》合同编；《中华人民共和国政府采购法》'
          : '有关法律、法规、规章',
    };
    // A new demo district has no setting of its own: each kind is reviewed as the default says.
    if (!REVIEW_KINDS[kind].twoStage) {
      step(d, dept.reviewer, 'unitPassFinal', opinion);
      return;
    }
    if (!step(d, dept.reviewer, 'unitPass', opinion)) return;
    d = wd(d, rand() < 0.05 ? int(limit + 1, limit + 3) : int(2, Math.min(8, limit - 1)));
    if (!opts2.mustPass && rand() < 0.02) {
      step(d, justice, 'justiceFail', {
        reasons: pick(FAILS),
        basis: '《中华人民共和国预算法》；《优化营商环境条例》',
      });
      return;
    }
    const jChanges = rand() < 0.13;
    step(d, justice, 'justicePass', {
      outcome: jChanges ? 'pass-with-changes' : 'pass',
      reasons: jChanges ? pick(CHANGES) : '同意单位法制机构审查意见',
      basis: opinion.basis,
    });
  };

  const n = (x: number) => Math.round(x * opts.scale);
  for (let i = 0; i < n(LEGALITY_DEMO.contract); i++) {
    const dept = pick(departments);
    const on = workdays[Math.floor(((i + rand()) * workdays.length) / n(LEGALITY_DEMO.contract))]!;
    review('contract', dept, `${dept.name}${pick(CONTRACTS)}（${on.slice(5, 7)}月第${(i % 9) + 1}号）`, on);
  }
  for (let i = 0; i < n(LEGALITY_DEMO.other); i++) {
    const dept = pick(departments);
    const on = workdays[Math.floor(((i + rand()) * workdays.length) / n(LEGALITY_DEMO.other))]!;
    review('other', dept, `${dept.name}${pick(OTHERS)}（${on.slice(5, 7)}月第${(i % 7) + 1}号）`, on);
  }
  for (let i = 0; i < n(LEGALITY_DEMO.normativeFailed); i++) {
    const dept = pick(departments);
    const on = pick(workdays.filter((d) => d <= '2026-10-09'));
    review('normative-document', dept, `${dept.name}关于规范有关事项的通知（送审稿）`, on, {
      failAtUnit: true,
    });
  }
  // Each 2026 document of the stock: requested, passed by both stages, before its registration day.
  for (const doc of opts.documents2026) {
    const dept = departments.find((x) => x.unitId === doc.unitId) ?? departments[0]!;
    const justiceOn = wd(doc.registeredOn, -int(1, 3));
    const unitOn = wd(justiceOn, -int(3, 8));
    const requestedOn = wd(unitOn, -int(3, 12));
    let caseId = '';
    const title = doc.title;
    steps.push({
      date: requestedOn,
      as: dept.admin,
      what: `提请合法性审查：${title}`,
      run: async (ctx) => {
        caseId = (
          await requestReview(ctx, {
            kind: 'normative-document',
            subject: { type: 'normative.document', id: doc.caseId },
            title,
            materials: [{ name: '送审稿' }, { name: '起草说明' }, { name: '公众意见采纳情况' }],
            unitId: doc.unitId,
          })
        ).id;
      },
    });
    steps.push({
      date: unitOn,
      as: dept.reviewer,
      what: `单位法制机构审查：${title}`,
      run: (ctx) =>
        transition(ctx, caseId, 'unitPass', {
          outcome: 'pass',
          reasons: '制定主体、权限和程序合法，未违法设定许可、处罚、强制或减损权利、增加义务',
          basis: '《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》',
        }),
    });
    const outcome = rand() < 0.2 ? 'pass-with-changes' : 'pass';
    steps.push({
      date: justiceOn,
      as: justice,
      what: `司法局审查：${title}`,
      run: (ctx) =>
        transition(ctx, caseId, 'justicePass', {
          outcome,
          reasons: '同意单位法制机构审查意见',
          basis: '《重庆市行政规范性文件管理办法》',
        }),
    });
  }
  return steps;
}
