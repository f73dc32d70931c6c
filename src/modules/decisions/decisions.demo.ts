import { type Config, loadConfig } from '../../kernel/config.ts';
import type { FieldCrypto } from '../../kernel/crypto.ts';
import type { Db } from '../../kernel/db/index.ts';
import { actorForUsername, type Ctx } from '../../platform/access/index.ts';
import { chinaDate, createCase, transition } from '../../platform/workflow/index.ts';
import { addItem, catalogueHeader, publishCatalogue } from './decisions.service.ts';
import { MajorDecision } from './decisions.workflow.ts';

const ITEMS = [
  { title: '示范区城市生活垃圾分类实施方案', category: 'public-policy', plannedQuarter: 1 },
  { title: '示范区国土空间总体规划（2026—2035年）', category: 'plan', plannedQuarter: 2 },
  { title: '示范区老旧小区改造三年行动计划', category: 'construction', plannedQuarter: 3 },
  { title: '示范区公共停车场收费标准调整方案', category: 'public-policy', plannedQuarter: 4 },
] as const;

/**
 * The demo district's major decisions: the 2026 catalogue (published, items proposed by the market regulation
 * bureau) and three decisions at different steps: one whose draft is out for public comment, one with public
 * participation, expert argumentation and risk assessment done, and one just started. Steps go through the
 * workflow engine as the demo accounts (`justice` publishes, `unitadmin` handles), so the log holds them all.
 * Skipped (returns 0) when the demo accounts are missing.
 */
export async function seedDemoDecisions(
  deps: { db: Db; crypto: FieldCrypto; config?: Config | undefined },
  tenantId: string,
): Promise<number> {
  const justice = await actorForUsername(deps.db, tenantId, 'justice');
  const unitadmin = await actorForUsername(deps.db, tenantId, 'unitadmin');
  if (!justice || !unitadmin?.unitId) return 0;
  const now = new Date();
  const config = deps.config ?? loadConfig({});
  const ctxOf = (actor: NonNullable<typeof justice>): Ctx => ({
    db: deps.db,
    actor,
    requestId: null,
    now,
    crypto: deps.crypto,
    config,
  });
  const year = Number(chinaDate(now).slice(0, 4));
  const items: { id: string; title: string; category: string }[] = [];
  for (const it of ITEMS)
    items.push(
      await addItem(ctxOf(justice), year, { ...it, proposingUnitId: unitadmin.unitId, reason: '示范数据' }),
    );
  if ((await catalogueHeader(deps.db, tenantId, year)).status !== 'published')
    await publishCatalogue(ctxOf(justice), year, {
      partyConsentOn: chinaDate(now),
      note: '经区委常委会会议同意',
    });

  const ctx = ctxOf(unitadmin);
  const start = async (i: number) =>
    createCase(ctx, MajorDecision.type, {
      data: {
        title: items[i]!.title,
        category: items[i]!.category,
        catalogueItemId: items[i]!.id,
        description: `${items[i]!.title}（示范数据）`,
        proposer: '区市场监督管理局',
      },
    });
  const today = chinaDate(now);
  const back = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);

  // Each decision on its own: a period reaching a year the calendar does not know yet (CALENDAR.YEAR_UNKNOWN) leaves
  // that decision at the step before instead of failing the demo.
  const steps = async (f: () => Promise<unknown>) => {
    try {
      await f();
    } catch {}
  };
  // out for public comment (30 days)
  const commenting = await start(0);
  await steps(() =>
    transition(ctx, commenting.id, 'openComment', {
      startOn: today,
      endOn: new Date(now.getTime() + 35 * 86_400_000).toISOString().slice(0, 10),
      channel: '区政府网站',
    }),
  );
  // participation, experts and risk done: next the legality review
  const ready = await start(1);
  await steps(async () => {
    await transition(ctx, ready.id, 'openComment', {
      startOn: back(40),
      endOn: back(5),
      channel: '区政府网站、示范日报',
    });
    await transition(ctx, ready.id, 'closeComment', {
      commentCount: 18,
      adoptionReport: '收到意见18条：采纳9条，部分采纳5条，不予采纳4条并说明理由',
    });
    await transition(ctx, ready.id, 'argue', {
      arguedOn: back(4),
      method: '专家论证会',
      experts: [
        {
          name: '赵教授',
          affiliation: '西南政法大学',
          opinion: '规划目标合理，建议强化生态保护红线衔接',
          signed: true,
        },
        { name: '钱高工', affiliation: '市规划设计研究院', opinion: '同意，建议分期实施', signed: true },
        {
          name: '孙经理',
          affiliation: '某房地产开发公司',
          conflict: true,
          conflictNote: '拟参与片区开发',
          recused: true,
        },
      ],
    });
    await transition(ctx, ready.id, 'assessRisk', {
      assessedOn: back(3),
      assessor: '区社会稳定风险评估中心',
      method: '舆情跟踪、走访、座谈',
      riskPoints: '征收拆迁补偿争议；历史文化街区保护',
      level: 'medium',
      measures: '依法公开补偿标准，设立咨询点',
      contingency: '成立应急处置小组，24小时值守',
    });
  });
  // just started
  await start(2);
  return 3;
}
