import { z } from 'zod';
import { zText } from '../../kernel/schemas.ts';
import { computeDeadline, effectiveRule } from '../../platform/clock/index.ts';
import {
  calendarFor,
  chinaDate,
  collectiveDiscussion,
  defineMachine,
  factHolds,
  type Guard,
} from '../../platform/workflow/index.ts';
import { reviewPassed } from '../legality/index.ts';
import { NormativePermissions as P } from './normative.permissions.ts';
import {
  assignNumber,
  expiresOn,
  hasNumber,
  markFiled,
  markFilingAccepted,
  markStatus,
  publishDocument,
  requestLegalityReview,
  undisposedComments,
  versionCount,
} from './normative.service.ts';

const zDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

/** What opens a draft: its facts; the text itself is version 1 (normative.service `createDocument`). */
export const zDocumentFacts = z.object({
  title: zText(200),
  /** 制定机关 (issuing body) and its short form used in the number, e.g. 示范区人民政府 / 示范府. */
  issuerName: zText(100),
  issuerShort: zText(20),
  docType: z.enum(['government', 'department', 'joint'], { error: '请选择文件类型（政府、部门或联合发文）' }),
  legalBasis: z.array(zText(300)).min(1, { error: '请列明制定依据（法律、法规、规章或上级文件）' }),
  /** Numbers of documents in force this one amends or repeals (e.g. 示范府规〔2024〕2号). */
  amends: z.array(zText(100)).default([]),
  repeals: z.array(zText(100)).default([]),
  /** 与市场主体生产经营活动密切相关 (营商条例第六十二条: comment period ≥ 30 days). */
  marketRelated: z.boolean().default(false),
  /** 暂行/试行 (validity ≤ 2 years). */
  interim: z.boolean().default(false),
});

type D = Record<string, unknown>;

const commentRule = (d: D) =>
  d.marketRelated ? 'normative.public-comment-business' : 'normative.public-comment';

/** The comment period is at least the statutory minimum, unless the reason for a shorter one is recorded. */
export const commentPeriodLongEnough: Guard = {
  name: 'CommentPeriodLongEnough',
  message: '公开征求意见期限短于规定的最短期限，且未记录缩短理由',
  when: (g) => !g.input.shortReason,
  check: async (g) => {
    const rule = await effectiveRule(g.ctx.db, g.ctx.actor.tenantId, commentRule(g.data));
    const min = computeDeadline(rule, String(g.input.startOn), [], await calendarFor(g.ctx.db)).dueDate;
    if (!min) return false;
    return String(g.input.endOn) >= min
      ? true
      : [
          {
            pointer: '',
            detail: `${rule.name}：征求意见截止日期不得早于${min}（${rule.statute}），或记录缩短理由`,
          },
        ];
  },
};

const legalityPassed: Guard = {
  name: 'LegalityReviewPassed',
  message: '合法性审查未通过',
  check: async (g) => {
    const gate = await reviewPassed(g.ctx, { type: 'normative.document', id: g.caseId });
    return gate.problems.map((p) => ({ pointer: '', detail: p }));
  },
};

const hasVersion: Guard = {
  name: 'DraftHasText',
  message: '草案尚无文本版本',
  check: async (g) => (await versionCount(g.ctx, g.caseId)) > 0,
};

const cancelLive = (): { key: string; type: 'cancel' }[] => [{ key: 'filing', type: 'cancel' }];

const inForce = ['published', 'filing', 'correction', 'filed'] as const;

/**
 * 行政规范性文件 (rules.md §4.2): drafting with versions, public comment clause by clause with dispositions,
 * legality review through the legality service, collective deliberation, unified registration and numbering (or
 * "not a normative document"), publication (never without a number), filing with the correction loop, validity
 * with expiry warnings, and the end of force (repeal, expiry, declared invalid).
 */
export const NormativeDocument = defineMachine({
  type: 'normative.document',
  name: '行政规范性文件',
  numberPrefix: '规范性文件登记',
  readPermission: P['normative.document.read'],
  createPermission: P['normative.document.draft'],
  states: {
    drafting: { label: '起草中' },
    commenting: { label: '公开征求意见中' },
    'legality-review': { label: '合法性审查中' },
    deliberation: { label: '待集体审议' },
    registered: { label: '已登记编号，待公布' },
    published: { label: '已公布，待报送备案' },
    filing: { label: '备案审查中' },
    correction: { label: '备案暂缓或补正中' },
    filed: { label: '已备案' },
    'not-normative': { label: '不属于规范性文件', final: true },
    repealed: { label: '已废止', final: true },
    expired: { label: '有效期届满失效', final: true },
    invalid: { label: '已宣布无效', final: true },
    abandoned: { label: '已终止起草', final: true },
  },
  initial: 'drafting',
  createInput: zDocumentFacts,
  title: (d) => String(d.title),
  records: {
    'collective-discussion': {
      permission: P['normative.document.deliberate'],
      label: '集体审议',
      awaitedIn: ['deliberation'],
    },
  },
  transitions: {
    openComment: {
      label: '公开征求意见',
      from: ['drafting'],
      to: 'commenting',
      permission: P['normative.document.draft'],
      input: z
        .object({ startOn: zDate, endOn: zDate, shortReason: z.string().trim().max(1000).optional() })
        .refine((i) => i.endOn > i.startOn, { path: ['endOn'], error: '截止日期应晚于开始日期' }),
      guards: [
        hasVersion,
        factHolds({ name: 'CommentOnlyOnce', message: '已公开征求过意见', check: (d) => !d.commentClosed }),
        commentPeriodLongEnough,
      ],
      apply: (d, i) => ({
        ...d,
        comment: { startOn: i.startOn, endOn: i.endOn, shortReason: i.shortReason ?? null },
      }),
    },
    closeComment: {
      label: '征求意见结束',
      from: ['commenting'],
      to: 'drafting',
      permission: P['normative.document.draft'],
      input: z.object({ note: z.string().trim().max(1000).optional() }),
      guards: [
        {
          name: 'CommentPeriodOver',
          message: '征求意见期限尚未届满',
          check: (g) => chinaDate(g.ctx.now) > String((g.data.comment as D).endOn),
        },
      ],
      apply: (d) => ({ ...d, commentClosed: true }),
    },
    submitReview: {
      label: '报送合法性审查',
      from: ['drafting'],
      to: 'legality-review',
      permission: P['normative.document.draft'],
      input: z.object({
        materials: z
          .array(z.object({ name: zText(200), note: z.string().trim().max(1000).optional() }))
          .min(1, { error: '请列明送审材料' }),
        noCommentReason: z.string().trim().max(1000).optional(),
      }),
      guards: [
        hasVersion,
        {
          name: 'PublicCommentHeld',
          message: '草案应当公开征求意见；依法不公开征求意见的，应当记录理由',
          when: (g) => !g.input.noCommentReason,
          check: (g) => !!g.data.commentClosed,
        },
        {
          name: 'AllCommentsDisposed',
          message: '尚有公众意见未作处理（采纳、部分采纳或不予采纳并说明理由）',
          check: async (g) => (await undisposedComments(g.ctx, g.caseId)) === 0,
        },
      ],
      effect: (ctx, row, i) => requestLegalityReview(ctx, row, i.materials),
    },
    reviewFinished: {
      label: '合法性审查通过，提请集体审议',
      from: ['legality-review'],
      to: 'deliberation',
      permission: P['normative.document.draft'],
      input: z.object({}),
      guards: [legalityPassed],
    },
    revise: {
      label: '根据审查意见修改草案',
      from: ['legality-review', 'deliberation'],
      to: 'drafting',
      permission: P['normative.document.draft'],
      input: z.object({ reason: zText(1000) }),
    },
    register: {
      label: '统一登记、统一编号',
      from: ['deliberation'],
      to: 'registered',
      permission: P['normative.document.register'],
      input: z.object({ note: z.string().trim().max(1000).optional() }),
      guards: [
        legalityPassed,
        collectiveDiscussion({
          name: 'DeliberationApproved',
          message: '规范性文件应经制定机关常务会议或办公会议审议通过',
        }),
      ],
      effect: (ctx, row) => assignNumber(ctx, row),
    },
    declareNotNormative: {
      label: '认定不属于规范性文件（不予编号）',
      from: ['drafting', 'legality-review', 'deliberation'],
      to: 'not-normative',
      permission: P['normative.document.register'],
      input: z.object({ reason: zText(1000) }),
    },
    publish: {
      label: '统一印发并公布',
      from: ['registered'],
      to: 'published',
      permission: P['normative.document.draft'],
      input: z
        .object({ publishedOn: zDate, effectiveOn: zDate, channel: zText(200) })
        .refine((i) => i.effectiveOn >= i.publishedOn, {
          path: ['effectiveOn'],
          error: '施行日期不得早于公布日期',
        }),
      guards: [
        {
          name: 'PublicationRequiresNumber',
          message: '未经统一登记编号的规范性文件不得公布',
          check: async (g) => hasNumber(g.ctx, g.caseId),
        },
        {
          name: 'PublicationNotInFuture',
          message: '公布日期不能晚于今天',
          check: (g) => String(g.input.publishedOn) <= chinaDate(g.ctx.now),
        },
      ],
      apply: (d, i) => ({ ...d, publishedOn: i.publishedOn, effectiveOn: i.effectiveOn }),
      // The validity period (years) is not a clock: the working-day calendar knows only loaded years, so the
      // expiry date is computed from the rule's length and warned about by `expiringDocuments`.
      clock: (i) => [{ key: 'filing', type: 'start', rule: 'normative.filing', from: i.publishedOn }],
      effect: (ctx, row, i) => publishDocument(ctx, row, i),
    },
    submitFiling: {
      label: '报送备案（上一级人民政府、本级人大常委会）',
      from: ['published'],
      to: 'filing',
      permission: P['normative.document.draft'],
      input: z.object({
        filedOn: zDate,
        recipients: z
          .array(z.enum(['superior-government', 'npc-standing-committee', 'district-government']))
          .min(1, { error: '请选择备案机关' }),
      }),
      guards: [
        {
          name: 'FilingNotInFuture',
          message: '报送日期不能晚于今天',
          check: (g) => String(g.input.filedOn) <= chinaDate(g.ctx.now),
        },
      ],
      apply: (d, i) => ({ ...d, filedOn: i.filedOn, filingRecipients: i.recipients }),
      clock: (i) => [{ key: 'filing', type: 'meet', on: i.filedOn }],
      effect: (ctx, row, i) => markFiled(ctx, row, i.filedOn),
    },
    requestFilingCorrection: {
      label: '备案审查：暂缓备案或通知补正',
      from: ['filing'],
      to: 'correction',
      permission: P['normative.document.filing'],
      input: z.object({
        type: z.enum(['suspend', 'correct'], { error: '请选择暂缓备案或补正' }),
        reason: zText(2000),
      }),
      apply: (d, i) => ({ ...d, filingCorrection: { type: i.type, reason: i.reason } }),
    },
    resubmitFiling: {
      label: '补正后重新报送备案',
      from: ['correction'],
      to: 'filing',
      permission: P['normative.document.draft'],
      input: z.object({ note: zText(2000) }),
    },
    acceptFiling: {
      label: '准予备案',
      from: ['filing'],
      to: 'filed',
      permission: P['normative.document.filing'],
      input: z.object({ acceptedOn: zDate }),
      effect: (ctx, row, i) => markFilingAccepted(ctx, row, i.acceptedOn),
    },
    repeal: {
      label: '废止',
      from: [...inForce],
      to: 'repealed',
      permission: P['normative.document.filing'],
      input: z.object({ reason: zText(2000), decidedOn: zDate }),
      clock: cancelLive,
      effect: (ctx, row) => markStatus(ctx, row, 'repealed'),
    },
    declareInvalid: {
      label: '宣布失效',
      from: [...inForce],
      to: 'invalid',
      permission: P['normative.document.filing'],
      input: z.object({ reason: zText(2000), decidedOn: zDate }),
      clock: cancelLive,
      effect: (ctx, row) => markStatus(ctx, row, 'invalid'),
    },
    expire: {
      label: '有效期届满失效',
      from: [...inForce],
      to: 'expired',
      permission: P['normative.document.filing'],
      input: z.object({ note: z.string().trim().max(1000).optional() }),
      guards: [
        {
          name: 'ValidityPeriodOver',
          message: '有效期尚未届满',
          check: async (g) => {
            const until = await expiresOn(g.ctx, g.caseId);
            return !!until && chinaDate(g.ctx.now) > until;
          },
        },
      ],
      clock: cancelLive,
      effect: (ctx, row) => markStatus(ctx, row, 'expired'),
    },
    abandon: {
      label: '终止起草',
      from: ['drafting'],
      to: 'abandoned',
      permission: P['normative.document.draft'],
      input: z.object({ reason: zText(1000) }),
    },
  },
});
