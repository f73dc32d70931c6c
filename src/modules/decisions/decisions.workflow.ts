import { z } from 'zod';
import { zText } from '../../kernel/schemas.ts';
import { addDays } from '../../platform/calendar/index.ts';
import { computeDeadline, effectiveRule } from '../../platform/clock/index.ts';
import {
  calendarFor,
  chinaDate,
  collectiveDiscussion,
  defineMachine,
  type Guard,
  type GuardInput,
} from '../../platform/workflow/index.ts';
import { reviewPassed } from '../legality/index.ts';
import { DecisionPermissions as P } from './decisions.permissions.ts';
import { catalogueItemListed, publishDecision, requestDecisionReview } from './decisions.service.ts';

const zDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
const zOptText = (max: number) => z.string().trim().max(max).optional();

/** 条例第三条's categories of major decisions. */
export const DECISION_CATEGORIES = {
  'public-policy': '公共服务、市场监管、社会管理、生态环境保护等方面的重大公共政策和措施',
  plan: '经济和社会发展等方面的重要规划',
  resources: '开发利用、保护重要自然资源和文化资源的重大公共政策和措施',
  construction: '重大公共建设项目',
  other: '对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项',
} as const;
export const zCategory = z.enum(Object.keys(DECISION_CATEGORIES) as [keyof typeof DECISION_CATEGORIES], {
  error: '请选择决策事项类别',
});

/** Days before a hearing its materials must reach the participants (条例第十七条 "7日前"; CD, [M] configurable). */
export const HEARING_MATERIALS_DAYS = 7;

/** What opens a decision case: the item of the year's catalogue it carries out. */
export const zDecisionFacts = z.object({
  title: zText(200),
  category: zCategory,
  catalogueItemId: z.uuid({ error: '请选择目录中的决策事项' }),
  description: zText(5000),
  proposer: zText(200),
});

export const RISK_LEVELS = { low: '低风险', medium: '中风险', high: '高风险' } as const;

const zExpert = z.object({
  name: zText(50),
  affiliation: zText(200),
  /** Declared conflict of interest (与决策事项有直接利害关系). */
  conflict: z.boolean().default(false),
  conflictNote: zOptText(500),
  recused: z.boolean().default(false),
  opinion: zOptText(5000),
  dissent: z.boolean().default(false),
  signed: z.boolean().default(false),
});

/** 专家论证 (条例第十九至二十一条): experts with a direct interest are recused; every other expert's signed opinion. */
export const zExperts = z
  .object({
    arguedOn: zDate,
    method: zText(100),
    experts: z.array(zExpert).min(1, { error: '请列明论证专家' }),
  })
  .superRefine((v, ctx) => {
    v.experts.forEach((e, i) => {
      if (e.conflict && !e.recused)
        ctx.addIssue({
          code: 'custom',
          path: ['experts', i, 'recused'],
          message: `${e.name}与决策事项有直接利害关系，应当回避`,
        });
      if (!e.recused && !e.opinion)
        ctx.addIssue({
          code: 'custom',
          path: ['experts', i, 'opinion'],
          message: `应记录${e.name}的论证意见`,
        });
      if (!e.recused && !e.signed)
        ctx.addIssue({
          code: 'custom',
          path: ['experts', i, 'signed'],
          message: `${e.name}的书面论证意见应当签字确认`,
        });
    });
    if (v.experts.every((e) => e.recused))
      ctx.addIssue({ code: 'custom', path: ['experts'], message: '回避后应至少有一名专家出具论证意见' });
  });

/** 风险评估 (条例第二十二至二十四条): the report's risk points, the conclusion and the measures. */
export const zRisk = z
  .object({
    assessedOn: zDate,
    assessor: zText(200),
    method: zText(200),
    /** 风险点 (one per line). */
    riskPoints: zText(5000),
    level: z.enum(['low', 'medium', 'high'], { error: '请选择风险等级（低、中、高）' }),
    measures: zText(5000),
    contingency: zOptText(5000),
  })
  .refine((v) => v.level === 'low' || !!v.contingency, {
    path: ['contingency'],
    error: '中、高风险的决策事项应制定应急处置预案',
  });

/** 听证会 (条例第十六、十七条): the participants are published in advance; materials reach them 7 days before. */
export const zHearing = z
  .object({
    heldOn: zDate,
    selectionMethod: zText(500),
    representatives: z
      .array(z.object({ name: zText(50), affiliation: zOptText(200) }))
      .min(1, { error: '请列明听证参加人' }),
    listPublishedOn: zDate,
    materialsSentOn: zDate,
    record: zText(10000),
  })
  .superRefine((v, ctx) => {
    if (v.listPublishedOn >= v.heldOn)
      ctx.addIssue({
        code: 'custom',
        path: ['listPublishedOn'],
        message: '听证参加人名单应当在听证会前公布',
      });
    if (v.materialsSentOn > addDays(v.heldOn, -HEARING_MATERIALS_DAYS))
      ctx.addIssue({
        code: 'custom',
        path: ['materialsSentOn'],
        message: `听证材料应当于听证会${HEARING_MATERIALS_DAYS}日前送达听证参加人`,
      });
  });

type D = Record<string, unknown>;
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as D) : null);

/** The five steps' state, from the case (the list and the catalogue show it). */
export function fiveSteps(state: string, data: D) {
  const p = obj(data.participation);
  const discussed = ['decided', 'implementing', 'evaluated', 'archived'].includes(state);
  return {
    participation: p?.closed ? 'done' : state === 'commenting' ? 'doing' : 'todo',
    experts: obj(data.experts) ? 'done' : 'todo',
    risk: obj(data.risk) ? 'done' : 'todo',
    legality: data.reviewPassed ? 'done' : state === 'legality-review' ? 'doing' : 'todo',
    discussion: discussed ? 'done' : state === 'discussion' ? 'doing' : 'todo',
  } as const;
}

/** The comment period is at least `decision.public-comment` (30 days) unless the reason for a shorter one is recorded. */
export const commentPeriodLongEnough: Guard = {
  name: 'CommentPeriodLongEnough',
  message: '公开征求意见期限短于规定的最短期限，且未说明缩短理由',
  when: (g) => !g.input.shortReason,
  check: async (g) => {
    const rule = await effectiveRule(g.ctx.db, g.ctx.actor.tenantId, 'decision.public-comment');
    const min = computeDeadline(rule, String(g.input.startOn), [], await calendarFor(g.ctx.db)).dueDate;
    if (!min) return false;
    return String(g.input.endOn) >= min
      ? true
      : [
          {
            pointer: '',
            detail: `${rule.name}：征求意见截止日期不得早于${min}（${rule.statute}），或说明缩短期限的理由`,
          },
        ];
  },
};

/** The named gates of the five steps; before collective discussion every missing one is listed. */
const participationDone: Guard = {
  name: 'PublicParticipationDone',
  message: '缺少公众参与：决策草案尚未公开征求意见或征求意见尚未结束',
  check: (g) => !!obj(g.data.participation)?.closed,
};
const expertsDone: Guard = {
  name: 'ExpertArgumentationDone',
  message: '缺少专家论证：尚未记录专家论证意见',
  check: (g) => !!obj(g.data.experts),
};
const riskDone: Guard = {
  name: 'RiskAssessmentDone',
  message: '缺少风险评估：尚未记录风险评估报告和结论',
  check: (g) => !!obj(g.data.risk),
};
const legalityPassed: Guard = {
  name: 'LegalityReviewPassed',
  message: '缺少合法性审查：未经合法性审查或者经审查不合法的，不得提交集体讨论',
  check: async (g) => {
    const gate = await reviewPassed(g.ctx, { type: 'decisions.decision', id: g.caseId });
    return gate.problems.map((p) => ({ pointer: '', detail: `缺少合法性审查：${p}` }));
  },
};
const inCatalogue: Guard = {
  name: 'DecisionInCatalogue',
  message: '决策事项不在已公布的重大行政决策事项目录中',
  check: (g) => catalogueItemListed(g.ctx, String(g.data.catalogueItemId)),
};
const fiveStepGuards = [inCatalogue, participationDone, expertsDone, riskDone, legalityPassed];

/** Legality reviewers get at least the statutory time (`decision.legality-review`, 7 WD) before the meeting. */
const reviewTimeGuaranteed: Guard = {
  name: 'ReviewTimeGuaranteed',
  message: '应当保证合法性审查机构不少于法定的审查时间',
  check: async (g: GuardInput) => {
    const rule = await effectiveRule(g.ctx.db, g.ctx.actor.tenantId, 'decision.legality-review');
    const min = computeDeadline(rule, chinaDate(g.ctx.now), [], await calendarFor(g.ctx.db)).dueDate;
    if (!min) return false;
    return String(g.input.plannedMeetingOn) >= min
      ? true
      : [
          {
            pointer: '',
            detail: `${rule.name}：拟提交会议日期不得早于${min}（${rule.statute}）`,
          },
        ];
  },
};

const notInFuture = (name: string, field: string, label: string): Guard => ({
  name,
  message: `${label}不能晚于今天`,
  check: (g) => String(g.input[field]) <= chinaDate(g.ctx.now),
});

/**
 * 重大行政决策 (rules.md §5.2): drafting, then the five steps (public participation with the comment period and an
 * optional hearing, expert argumentation with recusal, risk assessment, legality review through the legality
 * service, collective discussion at the executive meeting), the decision, publication, implementation reports,
 * post-implementation evaluation and the archive.
 */
export const MajorDecision = defineMachine({
  type: 'decisions.decision',
  name: '重大行政决策',
  numberPrefix: '重大决策',
  readPermission: P['decisions.decision.read'],
  createPermission: P['decisions.decision.handle'],
  states: {
    drafting: { label: '决策草案拟订中' },
    commenting: { label: '公开征求意见中' },
    'legality-review': { label: '合法性审查中' },
    discussion: { label: '待集体讨论' },
    decided: { label: '已决定，待公布' },
    implementing: { label: '已公布，执行中' },
    evaluated: { label: '已完成决策后评估' },
    archived: { label: '已归档', final: true },
    abandoned: { label: '已终止', final: true },
  },
  initial: 'drafting',
  createInput: zDecisionFacts,
  title: (d) => String(d.title),
  records: {
    'collective-discussion': {
      permission: P['decisions.decision.discuss'],
      label: '集体讨论（政府常务会议或全体会议）',
      awaitedIn: ['discussion'],
    },
  },
  transitions: {
    openComment: {
      label: '公开征求意见',
      from: ['drafting'],
      to: 'commenting',
      permission: P['decisions.decision.handle'],
      input: z
        .object({ startOn: zDate, endOn: zDate, channel: zText(200), shortReason: zOptText(1000) })
        .refine((i) => i.endOn > i.startOn, { path: ['endOn'], error: '截止日期应晚于开始日期' }),
      guards: [
        {
          name: 'CommentOnlyOnce',
          message: '已公开征求过意见',
          check: (g) => !obj(g.data.participation)?.closed,
        },
        commentPeriodLongEnough,
      ],
      apply: (d, i) => ({
        ...d,
        participation: {
          startOn: i.startOn,
          endOn: i.endOn,
          channel: i.channel,
          shortReason: i.shortReason ?? null,
          closed: false,
        },
      }),
    },
    closeComment: {
      label: '征求意见结束，汇总采纳情况',
      from: ['commenting'],
      to: 'drafting',
      permission: P['decisions.decision.handle'],
      input: z.object({
        commentCount: z
          .number({ error: '请填写收到的意见条数' })
          .int({ error: '意见条数应为整数' })
          .min(0, { error: '意见条数不能为负' })
          .max(1_000_000, { error: '意见条数过大' })
          .optional(),
        adoptionReport: zText(10000),
      }),
      guards: [
        {
          name: 'CommentPeriodOver',
          message: '征求意见期限尚未届满',
          check: (g) => chinaDate(g.ctx.now) > String(obj(g.data.participation)?.endOn),
        },
      ],
      apply: (d, i) => ({
        ...d,
        participation: { ...obj(d.participation), closed: true, ...i },
      }),
    },
    holdHearing: {
      label: '记录听证会',
      from: ['drafting'],
      to: 'drafting',
      permission: P['decisions.decision.handle'],
      input: zHearing,
      guards: [notInFuture('HearingNotInFuture', 'heldOn', '听证会日期')],
      apply: (d, i) => ({ ...d, hearing: i }),
    },
    argue: {
      label: '记录专家论证',
      from: ['drafting'],
      to: 'drafting',
      permission: P['decisions.decision.handle'],
      input: zExperts,
      guards: [notInFuture('ArgumentNotInFuture', 'arguedOn', '论证日期')],
      apply: (d, i) => ({ ...d, experts: i }),
    },
    assessRisk: {
      label: '记录风险评估',
      from: ['drafting'],
      to: 'drafting',
      permission: P['decisions.decision.handle'],
      input: zRisk,
      guards: [notInFuture('AssessmentNotInFuture', 'assessedOn', '评估日期')],
      apply: (d, i) => ({ ...d, risk: i }),
    },
    submitReview: {
      label: '报送合法性审查',
      from: ['drafting'],
      to: 'legality-review',
      permission: P['decisions.decision.handle'],
      input: z.object({
        materials: z
          .array(z.object({ name: zText(200), note: zOptText(1000) }))
          .min(1, { error: '请列明送审材料（决策草案、法律依据、履行程序情况说明等）' }),
        plannedMeetingOn: zDate,
      }),
      guards: [reviewTimeGuaranteed],
      apply: (d, i) => ({ ...d, reviewPassed: false, plannedMeetingOn: i.plannedMeetingOn }),
      clock: () => [{ key: 'legality', type: 'start', rule: 'decision.legality-review' }],
      effect: (ctx, row, i) => requestDecisionReview(ctx, row, i.materials),
    },
    reviewFinished: {
      label: '合法性审查通过',
      from: ['legality-review'],
      to: 'drafting',
      permission: P['decisions.decision.handle'],
      input: z.object({}),
      guards: [legalityPassed],
      apply: (d) => ({ ...d, reviewPassed: true }),
      clock: () => [{ key: 'legality', type: 'meet' }],
    },
    reviseAfterReview: {
      label: '根据审查意见修改决策草案',
      from: ['legality-review'],
      to: 'drafting',
      permission: P['decisions.decision.handle'],
      input: z.object({ reason: zText(2000) }),
      clock: () => [{ key: 'legality', type: 'cancel' }],
    },
    submitToMeeting: {
      label: '提请政府常务会议或全体会议讨论',
      from: ['drafting'],
      to: 'discussion',
      permission: P['decisions.decision.handle'],
      input: z.object({
        meetingType: z.enum(['executive', 'plenary'], { error: '请选择常务会议或全体会议' }),
        plannedOn: zDate,
      }),
      guards: fiveStepGuards,
      apply: (d, i) => ({ ...d, meeting: i }),
    },
    decide: {
      label: '行政首长作出决定',
      from: ['discussion'],
      to: 'decided',
      permission: P['decisions.decision.discuss'],
      input: z.object({ decidedOn: zDate, decision: zText(10000) }),
      guards: [
        ...fiveStepGuards,
        collectiveDiscussion({
          name: 'CollectiveDiscussionApproved',
          message: '缺少集体讨论：决策草案应当经政府常务会议或者全体会议讨论通过',
        }),
        notInFuture('DecisionNotInFuture', 'decidedOn', '决定日期'),
      ],
      apply: (d, i) => ({ ...d, decidedOn: i.decidedOn, decision: i.decision }),
    },
    returnToDrafting: {
      label: '会议未通过，退回修改',
      from: ['discussion'],
      to: 'drafting',
      permission: P['decisions.decision.discuss'],
      input: z.object({ reason: zText(2000) }),
    },
    publish: {
      label: '公布决策',
      from: ['decided'],
      to: 'implementing',
      permission: P['decisions.decision.handle'],
      input: z.object({
        publishedOn: zDate,
        documentNo: zText(100),
        channel: zText(200),
        summary: zText(10000),
        adoptionExplanation: zOptText(10000),
      }),
      guards: [notInFuture('PublicationNotInFuture', 'publishedOn', '公布日期')],
      apply: (d, i) => ({ ...d, publishedOn: i.publishedOn, documentNo: i.documentNo }),
      effect: (ctx, row, i) => publishDecision(ctx, row, i),
    },
    reportProgress: {
      label: '报告执行情况',
      from: ['implementing', 'evaluated'],
      to: 'implementing',
      permission: P['decisions.decision.handle'],
      input: z.object({ reportedOn: zDate, progress: zText(5000), problems: zOptText(5000) }),
      guards: [notInFuture('ReportNotInFuture', 'reportedOn', '报告日期')],
      apply: (d, i) => ({
        ...d,
        progressReports: [...(Array.isArray(d.progressReports) ? d.progressReports : []), i],
      }),
    },
    evaluate: {
      label: '决策后评估',
      from: ['implementing'],
      to: 'evaluated',
      permission: P['decisions.decision.handle'],
      input: z.object({
        evaluatedOn: zDate,
        evaluator: zText(200),
        report: zText(10000),
        conclusion: z.enum(['continue', 'adjust', 'terminate'], {
          error: '请选择评估结论（继续执行、调整或停止执行）',
        }),
      }),
      guards: [
        notInFuture('EvaluationNotInFuture', 'evaluatedOn', '评估日期'),
        {
          name: 'EvaluatorIndependent',
          message: '决策后评估不得由承担决策前主要评估工作的单位实施',
          check: (g) => String(g.input.evaluator) !== String(obj(g.data.risk)?.assessor),
        },
      ],
      apply: (d, i) => ({ ...d, evaluation: i }),
    },
    archive: {
      label: '归档',
      from: ['implementing', 'evaluated'],
      to: 'archived',
      permission: P['decisions.decision.handle'],
      input: z.object({ archivedOn: zDate, fileNo: zText(100) }),
      apply: (d, i) => ({ ...d, archive: i }),
    },
    abandon: {
      label: '终止决策程序',
      from: ['drafting', 'discussion'],
      to: 'abandoned',
      permission: P['decisions.decision.handle'],
      input: z.object({ reason: zText(2000) }),
    },
  },
});
