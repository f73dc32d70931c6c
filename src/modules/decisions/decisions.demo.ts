import type { Db } from '../../kernel/db/index.ts';
import { type Actor, actorForUsername, type Ctx } from '../../platform/access/index.ts';
import { addRecord, createCase, transition } from '../../platform/workflow/index.ts';
import { reviewPassed } from '../legality/index.ts';
import { addItem, catalogueHeader, publishCatalogue } from './decisions.service.ts';
import { MajorDecision } from './decisions.workflow.ts';

/** One step of the demo year (the shape src/demo's runner takes): who, which day, the call. */
export interface DemoStep {
  date: string;
  as: Actor;
  what: string;
  run: (ctx: Ctx) => Promise<unknown>;
}

const YEAR = 2026;
/** The last day of the demo year: every period a step starts ends within 2026, the calendar's last known year. */
const LAST_DAY = '2026-10-30';

const ITEMS = [
  { title: '示范区城市生活垃圾分类实施方案', category: 'public-policy', plannedQuarter: 1 },
  { title: '示范区国土空间总体规划（2026—2035年）', category: 'plan', plannedQuarter: 2 },
  { title: '示范区老旧小区改造三年行动计划', category: 'construction', plannedQuarter: 3 },
  { title: '示范区公共停车场收费标准调整方案', category: 'public-policy', plannedQuarter: 4 },
] as const;

/**
 * The demo district's major decisions of 2026, as steps on the days they happened (src/demo runs them through the
 * services and the engine, like the enforcement year): the catalogue (items proposed by the market regulation
 * bureau, published on 2026-01-20 after the Party committee's consent, one item added in June with its reason), and
 * four decisions:
 * - 垃圾分类: all five steps (public comment with its 30 days, experts with one recused, risk, the double legality
 *   review, the executive meeting's minutes), decided, published and being implemented with two progress reports;
 * - 国土空间规划: comment, a hearing, experts, risk and the legality review done, waiting for the meeting;
 * - 老旧小区改造: its draft out for public comment (from 10-12);
 * - 停车收费: just started.
 * Every date is fixed in 2026 and no later than 2026-10-30, so no period reaches 2027 whatever the real date; a step
 * that fails stops the demo with the decision and the step named (no silent catch). Empty when the demo accounts
 * are missing.
 */
export async function demoDecisionSteps(db: Db, tenantId: string): Promise<DemoStep[]> {
  const actor = (u: string) => actorForUsername(db, tenantId, u);
  const [justice, unitadmin, reviewer, leader] = await Promise.all([
    actor('justice'),
    actor('unitadmin'),
    actor('reviewer'),
    actor('leader'),
  ]);
  if (!justice || !unitadmin?.unitId || !reviewer || !leader) return [];
  const unitId = unitadmin.unitId;
  const steps: DemoStep[] = [];
  const step = (date: string, as: Actor, what: string, run: (ctx: Ctx) => Promise<unknown>) => {
    if (date > LAST_DAY) throw new Error(`示范数据：重大行政决策“${what}”的日期${date}晚于${LAST_DAY}`);
    steps.push({ date, as, what: `重大行政决策：${what}`, run });
  };

  const items: string[] = [];
  for (const [i, it] of ITEMS.entries())
    step('2026-01-12', justice, `目录事项 ${it.title}`, async (ctx) => {
      items[i] = (
        await addItem(ctx, YEAR, { ...it, proposingUnitId: unitId, reason: '区政府年度重大行政决策事项目录' })
      ).id;
    });
  step('2026-01-20', justice, '公布年度目录', async (ctx) => {
    if ((await catalogueHeader(ctx.db, tenantId, YEAR)).status !== 'published')
      await publishCatalogue(ctx, YEAR, { partyConsentOn: '2026-01-16', note: '经区委常委会会议同意' });
  });
  step('2026-06-15', justice, '目录调整', (ctx) =>
    addItem(ctx, YEAR, {
      title: '示范区重大动物疫病防控应急处置方案',
      category: 'other',
      proposingUnitId: unitId,
      plannedQuarter: 4,
      reason: '根据市政府部署和区委常委会会议决定增补',
    }),
  );

  const ids: string[] = [];
  const start = (i: number, date: string) =>
    step(date, unitadmin, `启动 ${ITEMS[i]!.title}`, async (ctx) => {
      ids[i] = (
        await createCase(ctx, MajorDecision.type, {
          data: {
            title: ITEMS[i]!.title,
            category: ITEMS[i]!.category,
            catalogueItemId: items[i],
            description: `${ITEMS[i]!.title}（示范数据）`,
            proposer: '区市场监督管理局',
          },
        })
      ).id;
    });
  const go = (i: number, date: string, as: Actor, name: string, input: unknown) =>
    step(date, as, `${ITEMS[i]!.title} ${name}`, (ctx) => transition(ctx, ids[i]!, name, input));
  const review = (i: number, date: string, as: Actor, name: string, input: unknown) =>
    step(date, as, `${ITEMS[i]!.title} ${name}`, async (ctx) => {
      const gate = await reviewPassed(ctx, { type: MajorDecision.type, id: ids[i]! });
      if (!gate.review) throw new Error('没有合法性审查');
      return transition(ctx, gate.review.id, name, input);
    });
  const experts = (on: string) => ({
    arguedOn: on,
    method: '专家论证会',
    experts: [
      {
        name: '赵教授',
        affiliation: '西南政法大学',
        opinion: '目标合理，建议分阶段实施并明确考核指标',
        signed: true,
      },
      {
        name: '钱高工',
        affiliation: '市环境卫生科学研究院',
        opinion: '同意，建议加强末端处理能力建设',
        signed: true,
      },
      {
        name: '孙经理',
        affiliation: '某环保科技公司',
        conflict: true,
        conflictNote: '拟参与收运服务投标',
        recused: true,
      },
    ],
  });

  // 1. 垃圾分类: the five steps, decided, published, implementing.
  start(0, '2026-01-26');
  go(0, '2026-02-02', unitadmin, 'openComment', {
    startOn: '2026-02-02',
    endOn: '2026-03-09',
    channel: '区政府网站、示范日报',
  });
  go(0, '2026-03-10', unitadmin, 'closeComment', {
    commentCount: 26,
    adoptionReport: '收到意见26条：采纳12条，部分采纳8条，不予采纳6条并说明理由',
  });
  go(0, '2026-03-12', unitadmin, 'argue', experts('2026-03-12'));
  go(0, '2026-03-16', unitadmin, 'assessRisk', {
    assessedOn: '2026-03-16',
    assessor: '区社会稳定风险评估中心',
    method: '问卷调查、座谈、舆情分析',
    riskPoints: '收费标准调整引发群众不满；中转站选址邻避问题',
    level: 'medium',
    measures: '分步实施，公开收费依据；选址前公示并听取周边居民意见',
    contingency: '成立应急处置小组，设立咨询热线',
  });
  go(0, '2026-03-18', unitadmin, 'submitReview', {
    materials: [{ name: '决策草案' }, { name: '起草说明' }, { name: '公众参与、专家论证、风险评估情况' }],
    plannedMeetingOn: '2026-04-02',
  });
  review(0, '2026-03-24', reviewer, 'unitPass', {
    outcome: 'pass',
    reasons: '决策权限和程序合法，内容不违反上位法',
    basis: '《重大行政决策程序暂行条例》第二十五条至第二十八条',
  });
  review(0, '2026-03-27', justice, 'justicePass', {
    outcome: 'pass-with-changes',
    reasons: '建议删除对未分类投放行为“加倍收费”的表述（无上位法依据），修改后通过',
    basis: '《中华人民共和国固体废物污染环境防治法》；《重大行政决策程序暂行条例》',
  });
  go(0, '2026-03-30', unitadmin, 'reviewFinished', {});
  go(0, '2026-03-31', unitadmin, 'submitToMeeting', { meetingType: 'executive', plannedOn: '2026-04-02' });
  step('2026-04-02', leader, `${ITEMS[0].title} 常务会议`, (ctx) =>
    addRecord(ctx, ids[0]!, 'collective-discussion', {
      meetingType: '区政府第32次常务会议',
      date: '2026-04-02',
      attendees: [{ name: '何区长' }, { name: '王副区长' }, { name: '李副区长' }, { name: '张副区长' }],
      opinions: [
        { name: '何区长', opinion: '同意' },
        { name: '王副区长', opinion: '同意，建议加强宣传' },
        { name: '李副区长', opinion: '同意' },
        { name: '张副区长', opinion: '原则同意，建议收费调整延后半年', dissent: true },
      ],
      chairStatement: '会议讨论通过，收费调整按方案执行，同时做好政策解读',
      result: 'approved',
    }),
  );
  go(0, '2026-04-02', leader, 'decide', {
    decidedOn: '2026-04-02',
    decision: '同意《示范区城市生活垃圾分类实施方案》，由区城市管理局牵头组织实施',
  });
  go(0, '2026-04-08', unitadmin, 'publish', {
    publishedOn: '2026-04-08',
    documentNo: '示范府发〔2026〕12号',
    channel: '示范区人民政府网站',
    summary: '2026年底前城区生活垃圾分类覆盖率达到90%，2027年实现全区覆盖',
    adoptionExplanation: '公众意见采纳情况已随决策一并公布',
  });
  go(0, '2026-07-15', unitadmin, 'reportProgress', {
    reportedOn: '2026-07-15',
    progress: '城区12个街道已全部启动，覆盖率68%',
    problems: '部分老旧小区投放点设置困难',
  });
  go(0, '2026-10-15', unitadmin, 'reportProgress', { reportedOn: '2026-10-15', progress: '覆盖率达到84%' });

  // 2. 国土空间规划: comment, hearing, experts, risk and legality done; waiting for the meeting.
  start(1, '2026-05-11');
  go(1, '2026-06-01', unitadmin, 'openComment', {
    startOn: '2026-06-01',
    endOn: '2026-07-06',
    channel: '区政府网站、规划展览馆',
  });
  go(1, '2026-07-07', unitadmin, 'closeComment', {
    commentCount: 41,
    adoptionReport: '收到意见41条：采纳17条，部分采纳11条，不予采纳13条并说明理由',
  });
  go(1, '2026-07-20', unitadmin, 'holdHearing', {
    heldOn: '2026-07-20',
    selectionMethod: '自愿报名，按利益相关方类别随机选取',
    representatives: [
      { name: '周某', affiliation: '南湖街道居民代表' },
      { name: '吴某', affiliation: '区工商联' },
      { name: '郑某', affiliation: '龙湾街道村民代表' },
    ],
    listPublishedOn: '2026-07-08',
    materialsSentOn: '2026-07-09',
    record: '听证会于2026年7月20日举行，听证参加人就生态保护红线、产业用地布局发表意见。',
  });
  go(1, '2026-07-28', unitadmin, 'argue', {
    arguedOn: '2026-07-28',
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
  go(1, '2026-08-05', unitadmin, 'assessRisk', {
    assessedOn: '2026-08-05',
    assessor: '区社会稳定风险评估中心',
    method: '舆情跟踪、走访、座谈',
    riskPoints: '征收拆迁补偿争议；历史文化街区保护',
    level: 'medium',
    measures: '依法公开补偿标准，设立咨询点',
    contingency: '成立应急处置小组，24小时值守',
  });
  go(1, '2026-10-12', unitadmin, 'submitReview', {
    materials: [
      { name: '规划草案' },
      { name: '听证报告' },
      { name: '专家论证意见' },
      { name: '风险评估报告' },
    ],
    plannedMeetingOn: '2026-11-05',
  });
  review(1, '2026-10-16', reviewer, 'unitPass', {
    outcome: 'pass',
    reasons: '编制程序合法',
    basis: '《中华人民共和国土地管理法》；《中华人民共和国城乡规划法》',
  });
  review(1, '2026-10-21', justice, 'justicePass', {
    outcome: 'pass',
    reasons: '同意',
    basis: '《重大行政决策程序暂行条例》',
  });
  go(1, '2026-10-22', unitadmin, 'reviewFinished', {});

  // 3. 老旧小区改造: out for public comment (30 days from 10-12).
  start(2, '2026-09-21');
  go(2, '2026-10-12', unitadmin, 'openComment', {
    startOn: '2026-10-12',
    endOn: '2026-11-13',
    channel: '区政府网站',
  });

  // 4. 停车收费: just started.
  start(3, '2026-10-20');
  return steps;
}
