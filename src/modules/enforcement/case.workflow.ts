/**
 * 行政处罚普通程序 (ordinary procedure, 行政处罚法 Arts. 54–65; rules.md §1.2–1.9) as a workflow machine. A case's
 * facts live in the case data; every step is one legal act with its required input, its guards (named rules with
 * a Chinese message) and what it does to the statutory clocks.
 *
 * Suspension (中止): one `suspend` step from any active state stores the state it left in `resumeTo` (every step
 * records the state it reaches in `stage`, see `withStage`), stops the clock running in that state, and one
 * `resumeTo<State>` step per state (guarded by `ResumesWhereSuspended`) brings the case back and resumes the clock.
 * The engine's steps have one target state each, so a return "to where it was" needs a step per target; the guard
 * makes only the right one succeed. The decision-period extension is a step per pre-decision state for the same
 * reason. The clock events are also kept in the case data so that the guards recompute the same due dates.
 */
import { z } from 'zod';
import { zText } from '../../kernel/schemas.ts';
import type { ClockEvent } from '../../platform/clock/index.ts';
import {
  approved,
  type ClockAction,
  collectiveDiscussion,
  defineMachine,
  factHolds,
  type Guard,
  type TransitionDef,
} from '../../platform/workflow/index.ts';
import { addWorkdays, credentialedOfficers, dueDateOf, findBody, findMatter } from './case.guards.ts';
import {
  type CaseFlags,
  CLUE_SOURCES,
  collectiveDiscussionRequired,
  DECISION_OUTCOMES,
  type DecisionOutcome,
  EVIDENCE_TYPES,
  hearingQualifies,
  lateSurcharge,
  legalReviewRequired,
  type PartyKind,
  SERVICE_METHODS,
  SHA256_PATTERN,
} from './case.rules.ts';
import { CIRCUMSTANCES, type Circumstance, checkFineAgainstDiscretion } from './discretion.ts';
import { EnforcementPermissions as P } from './enforcement.permissions.ts';
import {
  passedLegalityReview,
  reviewEndedWithoutPassing,
  sendToLegalReview,
  withdrawLegalReview,
} from './legal-review.ts';
import { insertPublished, markWithdrawn, publicationPassesMaskingGate } from './publicity.ts';

export const zDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
export const zSha256 = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SHA256_PATTERN, { error: '文件哈希应为64位十六进制的SHA-256值' });
const zOptText = (max: number) => z.string().trim().max(max).optional();
const zUuid = z.uuid({ error: '编号格式错误' });

export const zParty = z
  .object({
    kind: z.enum(['person', 'organisation'], { error: '请选择当事人类型' }),
    name: zText(100),
    idNumber: zOptText(18),
    creditCode: zOptText(18),
    address: zOptText(200),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'organisation' && !p.creditCode)
      ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '法人或其他组织应提供统一社会信用代码' });
  });

/** 线索登记: the clue and the body that will handle it. */
export const zPenaltyClue = z.object({
  bodyId: zUuid,
  source: z.enum(CLUE_SOURCES, { error: '请选择线索来源' }),
  clueReceivedOn: zDate,
  summary: zText(2000),
  party: zParty,
  /** The local 较大数额 for this party (yuan), when it differs from `HEARING_FINE_THRESHOLD`. */
  hearingThreshold: z.number().positive().optional(),
  /** Officers who declared a conflict or whose recusal was decided (行政处罚法第四十三条). */
  recused: z.array(zUuid).default([]),
});

type S =
  | 'source'
  | 'verifying'
  | 'filed'
  | 'not-filed'
  | 'investigating'
  | 'investigated'
  | 'notified'
  | 'hearing'
  | 'legal-review'
  | 'discussion'
  | 'decided'
  | 'served'
  | 'executing'
  | 'closed'
  | 'archived'
  | 'suspended';

const STATES: Record<S, { label: string; final?: boolean }> = {
  source: { label: '线索登记' },
  verifying: { label: '核查' },
  filed: { label: '已立案' },
  'not-filed': { label: '不予立案', final: true },
  investigating: { label: '调查取证' },
  investigated: { label: '调查终结' },
  notified: { label: '已告知' },
  hearing: { label: '听证' },
  'legal-review': { label: '法制审核' },
  discussion: { label: '集体讨论' },
  decided: { label: '已决定' },
  served: { label: '已送达' },
  executing: { label: '执行中' },
  closed: { label: '已结案' },
  archived: { label: '已归档', final: true },
  suspended: { label: '中止' },
};

/** States from which a case may be suspended, and the clock each one runs (stopped while suspended). */
const SUSPENDABLE: Record<Exclude<S, 'not-filed' | 'archived' | 'suspended' | 'closed'>, ClockRef | null> = {
  source: { key: 'filing', events: 'filingEvents' },
  verifying: { key: 'filing', events: 'filingEvents' },
  filed: { key: 'decision', events: 'decisionEvents' },
  investigating: { key: 'decision', events: 'decisionEvents' },
  investigated: { key: 'decision', events: 'decisionEvents' },
  notified: { key: 'decision', events: 'decisionEvents' },
  hearing: { key: 'decision', events: 'decisionEvents' },
  'legal-review': { key: 'decision', events: 'decisionEvents' },
  discussion: { key: 'decision', events: 'decisionEvents' },
  decided: { key: 'service', events: 'serviceEvents' },
  served: null,
  executing: null,
};
interface ClockRef {
  key: string;
  events: 'filingEvents' | 'decisionEvents' | 'serviceEvents';
}
type Suspendable = keyof typeof SUSPENDABLE;
const SUSPENDABLE_STATES = Object.keys(SUSPENDABLE) as Suspendable[];
/** Pre-decision states: the 90-day decision period runs. */
const DECISION_STATES = [
  'filed',
  'investigating',
  'investigated',
  'notified',
  'hearing',
  'legal-review',
  'discussion',
] as const satisfies readonly S[];

// ---------- reading the case data ----------

type D = Record<string, unknown>;
const rec = (v: unknown): D => (v && typeof v === 'object' ? (v as D) : {});
const events = (d: D, f: ClockRef['events']): ClockEvent[] => (d[f] as ClockEvent[] | undefined) ?? [];
const partyKind = (d: D): PartyKind => (rec(d.party).kind as PartyKind) ?? 'person';
const flagsOf = (d: D): CaseFlags => rec(d.flags) as CaseFlags;
const hearing = (d: D) =>
  rec(d.hearing) as { requestedOn?: string; hearingOn?: string; heldOn?: string; held?: boolean };
const notice = (d: D) =>
  rec(d.priorNotice) as {
    notifiedOn?: string;
    hearingQualifies?: boolean;
    proposed?: { fine?: number; otherPenalties?: string[] };
  };
const decision = (d: D) =>
  rec(d.decision) as { outcome?: DecisionOutcome; decidedOn?: string; fine?: number };
const fineOf = (d: D) => (decision(d).outcome === 'penalty' ? (decision(d).fine ?? 0) : 0);
const pascal = (s: string) => s.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** The fine's due date: the approved deferral date, or 15 days after the party received the decision (A6). */
async function paymentDue(g: Parameters<Guard['check']>[0]): Promise<string | null> {
  if (typeof g.data.approvedDueDate === 'string') return g.data.approvedDueDate;
  const received = rec(g.data.service).receivedOn;
  return typeof received === 'string' ? dueDateOf(g.ctx, 'penalty.fine-payment', received) : null;
}

/** Every step records the state it reaches, so that `suspend` knows where to come back to. */
// biome-ignore lint/suspicious/noExplicitAny: steps of every input type
function withStage<T extends Record<string, TransitionDef<S, any>>>(ts: T): T {
  // biome-ignore lint/suspicious/noExplicitAny: steps of every input type
  const out: Record<string, TransitionDef<S, any>> = {};
  for (const [name, t] of Object.entries(ts))
    out[name] = { ...t, apply: (d, i) => ({ ...(t.apply ? t.apply(d, i) : d), stage: t.to }) };
  return out as T;
}
// biome-ignore lint/suspicious/noExplicitAny: each step's input type is inferred from its own schema
const step = <I>(t: TransitionDef<S, I>): TransitionDef<S, any> => t;

// ---------- guards shared by several steps ----------

const hearingConcluded: Guard = {
  name: 'HearingConcludedFirst',
  message:
    '当事人要求听证的，应在听证结束（或当事人无正当理由不到场）后再进行下一步（行政处罚法第六十四条、第六十五条）',
  when: (g) => !!hearing(g.data).requestedOn,
  check: (g) => !!hearing(g.data).heldOn,
};

// ---------- steps ----------

const suspendSteps = Object.fromEntries(
  SUSPENDABLE_STATES.map((s) => [
    `resumeTo${pascal(s)}`,
    step({
      label: `恢复办理（回到“${STATES[s].label}”）`,
      from: ['suspended'],
      to: s,
      permission: P['enforcement.case.handle'],
      input: z.object({ resumedOn: zDate, reason: zText(500) }),
      guards: [
        {
          name: 'ResumesWhereSuspended',
          message: `案件中止前不在“${STATES[s].label}”环节，应恢复到中止前的环节`,
          check: (g) => g.data.resumeTo === s,
        },
      ],
      apply: (d, i) => {
        const c = SUSPENDABLE[s];
        return {
          ...d,
          resumeTo: null,
          suspension: { ...rec(d.suspension), resumedOn: i.resumedOn, resumeReason: i.reason },
          ...(c ? { [c.events]: [...events(d, c.events), { type: 'resume', date: i.resumedOn }] } : {}),
        };
      },
      clock: (i) => {
        const c = SUSPENDABLE[s];
        return c ? [{ key: c.key, type: 'resume', on: i.resumedOn }] : [];
      },
    }),
  ]),
);

const extendSteps = Object.fromEntries(
  DECISION_STATES.map((s) => [
    `extendIn${pascal(s)}`,
    step({
      label: '延长作出处罚决定的期限',
      from: [s],
      to: s,
      permission: P['enforcement.case.handle'],
      input: z.object({
        reason: zText(500),
        approvedBy: zText(50),
        days: z.number().int().min(1).max(30).default(30),
      }),
      guards: [
        approved({
          name: 'ExtensionRequiresHeadApproval',
          message: '延长办案期限须经行政机关负责人批准',
          step: 'extension',
        }),
        collectiveDiscussion({
          name: 'FurtherExtensionRequiresCollectiveDiscussion',
          message: '办案期限已经延长过一次，再次延长须经行政机关负责人集体讨论决定',
          when: (g) => events(g.data, 'decisionEvents').some((e) => e.type === 'extend'),
        }),
      ],
      apply: (d, i) => ({
        ...d,
        decisionEvents: [
          ...events(d, 'decisionEvents'),
          { type: 'extend', amount: i.days, unit: 'day', reason: i.reason, approvedBy: i.approvedBy },
        ],
      }),
      clock: (i) => [
        {
          key: 'decision',
          type: 'extend',
          amount: i.days,
          unit: 'day',
          reason: i.reason,
          approvedBy: i.approvedBy,
        },
      ],
    }),
  ]),
);

/**
 * 行政处罚决定公开 (rules.md §1.11, §13.2): publishing the reviewed public version and withdrawing it. Publication
 * does not move the case, so there is a step per state after the decision (the engine's steps have one target
 * state each): `publishInDecided` … `publishInClosed`, `withdrawInDecided` … `withdrawInClosed`. The rows live in
 * `published_decisions` (written by the steps' `effect`, in the transition's transaction).
 */
const PUBLICITY_STATES = ['decided', 'served', 'executing', 'closed'] as const satisfies readonly S[];
const publication = (d: D) =>
  rec(d.publication) as { status?: 'published' | 'withdrawn' | 'exempt'; publishedOn?: string };
const zPublish = z.object({
  publishedOn: zDate,
  /** The party's display name as published (masked under the agency's policy). */
  partyName: zText(100),
  /** The public version of the decision (masked, matching the served decision otherwise). */
  publicText: zText(20000),
  penaltySummary: zText(500),
  /** Who did the 保密审查 (confidentiality review) of the public version. */
  reviewedBy: zText(50),
});
const zWithdraw = z
  .object({
    /** The day the decision was changed, revoked, confirmed illegal or void (the 3-working-day clock starts). */
    changedOn: zDate,
    withdrawnOn: zDate,
    cause: z.enum(['changed', 'revoked', 'confirmed-illegal', 'confirmed-void'], {
      error: '请选择撤回原因类型',
    }),
    /** The public explanation (公开说明理由). */
    reason: zText(1000),
    /** What changed it: the reconsideration decision, the judgment or the self-correction decision. */
    basis: zText(500),
  })
  .refine((v) => v.withdrawnOn >= v.changedOn, {
    path: ['withdrawnOn'],
    error: '撤回日期不能早于决定变更日期',
  });
/**
 * 依法不予公开: a decision that the law keeps off the portal (rules.md §13.2: a minor party; state secrets;
 * trade secrets or privacy at the heart of the facts; a danger to security or stability). The reason and its
 * basis are recorded, and the publication period is closed instead of turning red.
 */
const zExempt = z.object({
  reason: z.enum(['minor', 'state-secret', 'trade-secret-or-privacy', 'security-or-stability', 'other-law'], {
    error: '请选择不予公开的法定情形',
  }),
  basis: zText(500),
  decidedBy: zText(50),
});
const publicitySteps = Object.fromEntries(
  PUBLICITY_STATES.flatMap((s) => [
    [
      `publishIn${pascal(s)}`,
      step({
        label: '公开行政处罚决定',
        from: [s],
        to: s,
        permission: P['enforcement.decision.publish'],
        input: zPublish,
        guards: [
          factHolds({
            name: 'OnlyPenaltyDecisionsArePublished',
            message: '只有作出行政处罚的决定才需公开',
            check: (d) => decision(d).outcome === 'penalty',
          }),
          factHolds({
            name: 'NotPublishedYet',
            message: '该决定已经公开或已依法决定不予公开',
            check: (d) => publication(d).status !== 'published' && publication(d).status !== 'exempt',
          }),
          {
            name: 'PublishedNotBeforeDecision',
            message: '公开日期不能早于决定日期',
            check: (g) => String(g.input.publishedOn) >= String(decision(g.data).decidedOn),
          },
          publicationPassesMaskingGate,
        ],
        apply: (d, i) => ({
          ...d,
          publication: { status: 'published', publishedOn: i.publishedOn, reviewedBy: i.reviewedBy },
        }),
        clock: (i, d) => (d.publishClock ? [{ key: 'publish', type: 'meet', on: i.publishedOn }] : []),
        effect: insertPublished,
      }),
    ],
    [
      `withdrawIn${pascal(s)}`,
      step({
        label: '撤回已公开的行政处罚决定',
        from: [s],
        to: s,
        permission: P['enforcement.decision.publish'],
        input: zWithdraw,
        guards: [
          factHolds({
            name: 'PublishedDecisionToWithdraw',
            message: '该决定尚未公开或已经撤回',
            check: (d) => publication(d).status === 'published',
          }),
        ],
        apply: (d, i) => ({
          ...d,
          publication: { ...publication(d), status: 'withdrawn', withdrawal: i },
        }),
        clock: (i) => [
          { key: 'withdrawal', type: 'start', rule: 'penalty.publicity-withdrawal', from: i.changedOn },
          { key: 'withdrawal', type: 'meet', on: i.withdrawnOn },
        ],
        effect: markWithdrawn,
      }),
    ],
    [
      `exemptFromPublicationIn${pascal(s)}`,
      step({
        label: '依法不予公开',
        from: [s],
        to: s,
        permission: P['enforcement.decision.publish'],
        input: zExempt,
        guards: [
          factHolds({
            name: 'OnlyUnpublishedPenaltyDecisions',
            message: '只有尚未公开的行政处罚决定才能决定不予公开',
            check: (d) => decision(d).outcome === 'penalty' && !publication(d).status,
          }),
        ],
        apply: (d, i) => ({ ...d, publication: { status: 'exempt', exemption: i } }),
        // The publication period ends: nothing is owed any more (the reason is on the record and in the log).
        clock: (_i, d) => (d.publishClock ? [{ key: 'publish', type: 'cancel' }] : []),
      }),
    ],
  ]),
);

const zProposed = z.object({
  fine: z.number().min(0).optional(),
  circumstance: z.enum(CIRCUMSTANCES).optional(),
  otherPenalties: z.array(zText(50)).default([]),
  largeConfiscation: z.boolean().default(false),
});

/** 陈述申辩 (行政处罚法第四十五条): whether the party stated and defended, and how the agency's review answered it. */
const STATEMENT_ADOPTIONS = ['采纳', '部分采纳', '不予采纳'] as const;
const zStatement = z
  .object({
    recordedOn: zDate,
    made: z.boolean({ error: '请选择当事人是否提出陈述、申辩' }),
    summary: zOptText(5000),
    adoption: z.enum(STATEMENT_ADOPTIONS, { error: '请选择复核意见' }).optional(),
    reason: zOptText(2000),
  })
  .superRefine((v, ctx) => {
    if (!v.made) return;
    if (!v.summary)
      ctx.addIssue({ code: 'custom', path: ['summary'], message: '请概述当事人陈述、申辩的意见' });
    if (!v.adoption) ctx.addIssue({ code: 'custom', path: ['adoption'], message: '请选择复核意见' });
    else if (v.adoption !== '采纳' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '未采纳或部分采纳的，应说明理由' });
  });

const zDecision = z
  .object({
    outcome: z.enum(Object.keys(DECISION_OUTCOMES) as [DecisionOutcome], { error: '请选择处理决定' }),
    decidedOn: zDate,
    decisionNo: zText(50),
    facts: zText(5000),
    basis: zText(2000),
    /** 违反的法律条款, e.g. 《中华人民共和国食品安全法》第三十四条第十项 (printed in the decision). */
    violatedProvision: zOptText(500),
    fine: z.number().min(0).optional(),
    circumstance: z.enum(CIRCUMSTANCES, { error: '请选择裁量情形' }).optional(),
    otherPenalties: z.array(zText(50)).default([]),
    /** Why the fine departs from the circumstance's band (裁量基准). */
    deviationReason: zOptText(2000),
    /** 移送司法机关: the receiving authority. */
    transferredTo: zOptText(100),
    /** Why the decision comes after the 90-day period (the clock stays red). */
    lateReason: zOptText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'penalty') {
      if (!v.circumstance)
        ctx.addIssue({ code: 'custom', path: ['circumstance'], message: '请选择裁量情形' });
      if (!(v.fine && v.fine > 0) && v.otherPenalties.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['fine'],
          message: '给予行政处罚的，应写明罚款金额或其他处罚种类',
        });
    } else if ((v.fine ?? 0) > 0 || v.otherPenalties.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['fine'],
        message: '不予处罚、事实不成立或移送的，不能处以罚款或其他处罚',
      });
    if (v.outcome === 'transferred' && !v.transferredTo)
      ctx.addIssue({ code: 'custom', path: ['transferredTo'], message: '请填写接收移送的司法机关' });
  });

const transitions = withStage({
  verify: step({
    label: '核查线索',
    from: ['source'],
    to: 'verifying',
    permission: P['enforcement.case.handle'],
    input: z.object({ startedOn: zDate, note: zOptText(1000) }),
  }),
  file: step({
    label: '立案',
    from: ['verifying'],
    to: 'filed',
    permission: P['enforcement.case.handle'],
    input: z.object({
      filedOn: zDate,
      matterId: zUuid,
      domain: zText(50),
      cause: zText(200),
      approvedBy: zText(50),
      lateReason: zOptText(1000),
    }),
    guards: [
      {
        name: 'FilingWithinTimeLimit',
        message:
          '应在发现线索或收到材料之日起的核查期限内决定是否立案（市场监管领域15个工作日，可配置）；逾期的须写明理由',
        when: (g) => !g.input.lateReason,
        check: async (g) => {
          const due = await dueDateOf(
            g.ctx,
            'penalty.filing-check.samr',
            String(g.data.clueReceivedOn),
            events(g.data, 'filingEvents'),
          );
          return (
            !!due &&
            String(g.input.filedOn) <= due &&
            String(g.input.filedOn) >= String(g.data.clueReceivedOn)
          );
        },
      },
      {
        name: 'MatterInCatalogueOfBody',
        message: '立案的执法事项须为本执法主体执法事项清单中有效的行政处罚事项',
        check: async (g) => {
          const m = await findMatter(g.ctx, g.input.matterId);
          return !!m && m.status === 'active' && m.type === '行政处罚' && m.bodyId === g.data.bodyId;
        },
      },
      {
        name: 'DomainWithinBodyAuthority',
        message: '执法领域须在本执法主体的职权范围之内',
        check: async (g) => {
          const b = await findBody(g.ctx, g.data.bodyId);
          return !!b && b.status === 'active' && b.domains.includes(String(g.input.domain));
        },
      },
    ],
    apply: (d, i) => ({
      ...d,
      filing: { filedOn: i.filedOn, matterId: i.matterId, cause: i.cause, approvedBy: i.approvedBy },
      domain: i.domain,
      decisionEvents: [],
    }),
    clock: (i) => [
      { key: 'filing', type: 'meet', on: i.filedOn },
      { key: 'decision', type: 'start', rule: 'penalty.decision', from: i.filedOn },
    ],
  }),
  refuseFiling: step({
    label: '不予立案',
    from: ['verifying'],
    to: 'not-filed',
    permission: P['enforcement.case.handle'],
    input: z.object({ decidedOn: zDate, reason: zText(1000), approvedBy: zText(50) }),
    apply: (d, i) => ({ ...d, notFiled: i }),
    clock: (i) => [{ key: 'filing', type: 'meet', on: i.decidedOn }],
  }),
  assignInvestigators: step({
    label: '指派调查人员',
    from: ['filed'],
    to: 'investigating',
    permission: P['enforcement.case.handle'],
    input: z.object({
      assignedOn: zDate,
      investigators: z.array(zUuid).min(1, { error: '请指派调查人员' }),
      /** Conflicts declared at assignment (申请回避或自行回避). */
      recused: z.array(zUuid).default([]),
    }),
    guards: [
      {
        name: 'AtLeastTwoCredentialedInvestigators',
        message:
          '调查取证须由两名以上本执法主体的执法人员进行，每人均须持有当日有效、覆盖本案执法领域的行政执法证件（行政处罚法第四十二条）',
        check: async (g) => {
          const ids = [...new Set(g.input.investigators as string[])];
          const ok = await credentialedOfficers(
            g.ctx,
            ids,
            String(g.data.bodyId),
            String(g.input.assignedOn),
            g.data.domain as string | undefined,
          );
          return ids.length >= 2 && ok.length === ids.length;
        },
      },
      {
        name: 'NoRecusedInvestigator',
        message: '已申请回避或决定回避的人员不能参与调查（行政处罚法第四十三条）',
        check: (g) => {
          const recused = new Set([
            ...((g.data.recused as string[]) ?? []),
            ...(g.input.recused as string[]),
          ]);
          return !(g.input.investigators as string[]).some((id) => recused.has(id));
        },
      },
    ],
    apply: (d, i) => ({
      ...d,
      investigators: [...new Set(i.investigators)],
      recused: [...new Set([...((d.recused as string[]) ?? []), ...i.recused])],
      assignedOn: i.assignedOn,
    }),
  }),
  recordEvidence: step({
    label: '登记证据',
    from: ['investigating'],
    to: 'investigating',
    permission: P['enforcement.case.handle'],
    input: z.object({
      items: z
        .array(
          z.object({
            type: z.enum(EVIDENCE_TYPES, { error: `证据种类须为：${EVIDENCE_TYPES.join('、')}` }),
            title: zText(200),
            collectedOn: zDate,
            method: zOptText(200),
            fileName: zOptText(200),
            sha256: zSha256,
          }),
        )
        .min(1, { error: '请至少登记一项证据' }),
    }),
    apply: (d, i) => ({ ...d, evidence: [...((d.evidence as unknown[]) ?? []), ...i.items] }),
  }),
  concludeInvestigation: step({
    label: '调查终结',
    from: ['investigating'],
    to: 'investigated',
    permission: P['enforcement.case.handle'],
    input: z.object({
      concludedOn: zDate,
      report: zText(10000),
      flags: z
        .object({
          majorPublicInterest: z.boolean().default(false),
          complex: z.boolean().default(false),
          majorPenalty: z.boolean().default(false),
          otherLaw: z.boolean().default(false),
        })
        .default({ majorPublicInterest: false, complex: false, majorPenalty: false, otherLaw: false }),
    }),
    guards: [
      factHolds({
        name: 'EvidenceBeforeReport',
        message: '调查终结报告前应至少登记一项证据（行政处罚法第四十六条）',
        check: (d) => ((d.evidence as unknown[]) ?? []).length > 0,
      }),
    ],
    apply: (d, i) => ({ ...d, report: { concludedOn: i.concludedOn, text: i.report }, flags: i.flags }),
  }),
  notify: step({
    label: '行政处罚事先告知',
    from: ['investigated'],
    to: 'notified',
    permission: P['enforcement.case.handle'],
    input: z.object({
      notifiedOn: zDate,
      method: z.enum(SERVICE_METHODS, { error: '请选择送达方式' }),
      /** 告知书文号 and the period the party has to state and defend (工作日), as printed on the notice. */
      noticeNo: zOptText(50),
      replyDays: z.number().int().min(1, { error: '陈述申辩期限至少1个工作日' }).max(30).optional(),
      facts: zText(5000),
      reasons: zText(5000),
      basis: zText(2000),
      proposed: zProposed,
      rights: z.object({
        statement: z.literal(true, { error: '应告知当事人陈述权' }),
        defence: z.literal(true, { error: '应告知当事人申辩权' }),
        hearing: z.boolean().default(false),
      }),
    }),
    guards: [
      {
        name: 'HearingRightNotifiedWhenQualifies',
        message:
          '拟作出较大数额罚款、吊销许可证件、责令停产停业等处罚的，应告知当事人有要求听证的权利（行政处罚法第六十三条）',
        check: (g) => {
          const p = g.input.proposed as z.infer<typeof zProposed>;
          const q = hearingQualifies({
            partyKind: partyKind(g.data),
            fine: p.fine,
            otherPenalties: p.otherPenalties,
            largeConfiscation: p.largeConfiscation,
            threshold: g.data.hearingThreshold as number | undefined,
          });
          return !q || (g.input.rights as { hearing: boolean }).hearing;
        },
      },
    ],
    apply: (d, i) => {
      const q = hearingQualifies({
        partyKind: partyKind(d),
        fine: i.proposed.fine,
        otherPenalties: i.proposed.otherPenalties,
        largeConfiscation: i.proposed.largeConfiscation,
        threshold: d.hearingThreshold as number | undefined,
      });
      return { ...d, priorNotice: { ...i, hearingQualifies: q }, hearingClock: q };
    },
    clock: (i, d) =>
      d.hearingClock
        ? [{ key: 'hearing-request', type: 'start', rule: 'penalty.hearing-request', from: i.notifiedOn }]
        : [],
  }),
  waiveHearing: step({
    label: '当事人书面放弃听证',
    from: ['notified'],
    to: 'notified',
    permission: P['enforcement.case.handle'],
    input: z.object({ waivedOn: zDate, document: zText(200), documentSha256: zSha256 }),
    guards: [
      factHolds({
        name: 'HearingAvailable',
        message: '本案拟作出的处罚不属于听证范围',
        check: (d) => !!notice(d).hearingQualifies,
      }),
    ],
    apply: (d, i) => ({ ...d, hearingWaived: i }),
    clock: (i) => [{ key: 'hearing-request', type: 'meet', on: i.waivedOn }],
  }),
  recordStatement: step({
    label: '记录陈述申辩及复核',
    from: ['notified'],
    to: 'notified',
    permission: P['enforcement.case.handle'],
    input: zStatement,
    guards: [
      factHolds({
        name: 'StatementOnlyOnce',
        message: '本案已记录陈述申辩情况',
        check: (d) => !d.statement,
      }),
      {
        name: 'StatementAfterNotice',
        message: '陈述申辩的日期不能早于事先告知日期',
        check: (g) => String(g.input.recordedOn) >= String(notice(g.data).notifiedOn ?? ''),
      },
    ],
    apply: (d, i) => ({ ...d, statement: i }),
  }),
  requestHearing: step({
    label: '当事人要求听证',
    from: ['notified', 'legal-review'],
    to: 'hearing',
    permission: P['enforcement.case.handle'],
    input: z.object({ requestedOn: zDate }),
    guards: [
      factHolds({
        name: 'HearingAvailable',
        message: '本案拟作出的处罚不属于听证范围',
        check: (d) => !!notice(d).hearingQualifies && !d.hearingWaived,
      }),
      {
        name: 'HearingRequestWithinFiveWorkdays',
        message: '当事人应在告知后5个工作日内提出听证要求（行政处罚法第六十四条第一项）',
        check: async (g) => {
          const n = notice(g.data);
          if (!n.notifiedOn) return false;
          const due = await dueDateOf(g.ctx, 'penalty.hearing-request', n.notifiedOn);
          return !!due && String(g.input.requestedOn) <= due;
        },
      },
    ],
    apply: (d, i) => ({ ...d, hearing: { requestedOn: i.requestedOn } }),
    clock: (i) => [{ key: 'hearing-request', type: 'meet', on: i.requestedOn }],
    effect: withdrawLegalReview,
  }),
  scheduleHearing: step({
    label: '通知听证时间地点',
    from: ['hearing'],
    to: 'hearing',
    permission: P['enforcement.case.handle'],
    input: z.object({
      noticeOn: zDate,
      hearingOn: zDate,
      place: zText(200),
      presiderId: zUuid,
      presiderName: zText(50),
      publicHearing: z.boolean().default(true),
    }),
    guards: [
      {
        name: 'HearingNoticeSevenWorkdaysBefore',
        message: '应在举行听证的7个工作日前通知当事人听证的时间、地点（行政处罚法第六十四条第二项）',
        check: async (g) =>
          String(g.input.hearingOn) >= (await addWorkdays(g.ctx, String(g.input.noticeOn), 7)),
      },
      {
        name: 'PresiderNotInvestigator',
        message: '听证由非本案调查人员主持（行政处罚法第六十四条第四项）',
        check: (g) => !((g.data.investigators as string[]) ?? []).includes(String(g.input.presiderId)),
      },
    ],
    apply: (d, i) => ({ ...d, hearing: { ...hearing(d), ...i } }),
  }),
  holdHearing: step({
    label: '举行听证',
    from: ['hearing'],
    to: 'hearing',
    permission: P['enforcement.case.handle'],
    input: z.object({
      heldOn: zDate,
      partyAbsent: z.boolean().default(false),
      record: zText(10000),
      recordSigned: z.boolean(),
      refusalNote: zOptText(500),
    }),
    guards: [
      {
        name: 'HearingAsScheduled',
        message: '应先通知听证时间、地点，并在通知的日期或之后举行听证',
        check: (g) => {
          const h = hearing(g.data);
          return !!h.hearingOn && String(g.input.heldOn) >= h.hearingOn;
        },
      },
    ],
    apply: (d, i) => ({ ...d, hearing: { ...hearing(d), ...i, held: !i.partyAbsent } }),
  }),
  submitForReview: step({
    label: '送法制审核',
    from: ['investigated', 'notified', 'hearing'],
    to: 'legal-review',
    permission: P['enforcement.case.handle'],
    input: z.object({ submittedOn: zDate, materials: zOptText(2000) }),
    guards: [hearingConcluded],
    apply: (d, i) => ({ ...d, reviewSubmitted: i.submittedOn }),
    clock: (i) => [
      { key: 'legal-review', type: 'start', rule: 'penalty.legal-review.samr', from: i.submittedOn },
    ],
    effect: sendToLegalReview,
  }),
  resubmitForReview: step({
    label: '重新送法制审核',
    from: ['legal-review'],
    to: 'legal-review',
    permission: P['enforcement.case.handle'],
    input: z.object({ submittedOn: zDate, materials: zOptText(2000) }),
    guards: [reviewEndedWithoutPassing],
    apply: (d, i) => ({ ...d, reviewSubmitted: i.submittedOn }),
    clock: (i) => [
      { key: 'legal-review', type: 'start', rule: 'penalty.legal-review.samr', from: i.submittedOn },
    ],
    effect: sendToLegalReview,
  }),
  submitForDiscussion: step({
    label: '提交负责人集体讨论',
    from: ['investigated', 'notified', 'hearing', 'legal-review'],
    to: 'discussion',
    permission: P['enforcement.case.handle'],
    input: z.object({ submittedOn: zDate }),
    guards: [hearingConcluded],
    clock: (i, d) => (d.reviewSubmitted ? [{ key: 'legal-review', type: 'meet', on: i.submittedOn }] : []),
  }),
  decide: step({
    label: '作出决定',
    from: ['investigated', 'notified', 'hearing', 'legal-review', 'discussion'],
    to: 'decided',
    permission: P['enforcement.case.approve'],
    input: zDecision,
    guards: [
      {
        name: 'PenaltyRequiresPriorNotice',
        message:
          '作出行政处罚决定前，应告知当事人拟作出处罚的事实、理由、依据及陈述、申辩、要求听证等权利（行政处罚法第四十四条、第六十二条）',
        when: (g) => g.input.outcome === 'penalty',
        check: (g) => !!notice(g.data).notifiedOn,
      },
      hearingConcluded,
      {
        name: 'HearingRequestPeriodElapsed',
        message: '当事人要求听证的期限（告知后5个工作日）届满前，不能作出处罚决定，当事人书面放弃的除外',
        when: (g) =>
          g.input.outcome === 'penalty' &&
          !!notice(g.data).hearingQualifies &&
          !hearing(g.data).requestedOn &&
          !g.data.hearingWaived,
        check: async (g) => {
          const due = await dueDateOf(g.ctx, 'penalty.hearing-request', String(notice(g.data).notifiedOn));
          return !!due && String(g.input.decidedOn) > due;
        },
      },
      {
        name: 'NoHeavierPenaltyAfterDefence',
        message: '不得因当事人陈述、申辩而给予比告知更重的处罚（行政处罚法第四十五条）',
        when: (g) => g.input.outcome === 'penalty' && !!notice(g.data).proposed,
        check: (g) => {
          const p = notice(g.data).proposed!;
          const fine = Number(g.input.fine ?? 0);
          const others = (g.input.otherPenalties as string[]) ?? [];
          return fine <= (p.fine ?? 0) && others.every((o) => (p.otherPenalties ?? []).includes(o));
        },
      },
      passedLegalityReview({
        name: 'DecisionRequiresPassedLegalReview',
        message:
          '本案属于行政处罚法第五十八条规定的情形（重大公共利益、经过听证、案情疑难复杂、重大处罚或法律法规规定），未经法制审核或审核未通过的，不得作出决定',
        when: (g) => legalReviewRequired(flagsOf(g.data), !!hearing(g.data).held),
      }),
      collectiveDiscussion({
        name: 'MajorCaseRequiresCollectiveDiscussion',
        message:
          '情节复杂或重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（行政处罚法第五十七条第二款）',
        when: (g) => collectiveDiscussionRequired(flagsOf(g.data)),
      }),
      {
        name: 'FineWithinDiscretionBand',
        message: '罚款须在法定幅度之内；不在所适用情形的裁量基准档次之内的，须记录偏离裁量基准的理由',
        when: (g) => g.input.outcome === 'penalty',
        check: async (g) => {
          const m = await findMatter(g.ctx, rec(g.data.filing).matterId);
          if (!m) return false;
          return checkFineAgainstDiscretion(
            m,
            g.input.circumstance as Circumstance,
            Number(g.input.fine ?? 0),
            g.input.deviationReason as string | undefined,
          ).ok;
        },
      },
      {
        name: 'DecisionWithinTimeLimit',
        message:
          '应自立案之日起90日内作出行政处罚决定（行政处罚法第六十条；经批准延长的除外）；逾期的须写明理由',
        when: (g) => !g.input.lateReason,
        check: async (g) => {
          const due = await dueDateOf(
            g.ctx,
            'penalty.decision',
            String(rec(g.data.filing).filedOn),
            events(g.data, 'decisionEvents'),
          );
          return !!due && String(g.input.decidedOn) <= due;
        },
      },
    ],
    apply: (d, i) => ({ ...d, decision: i, serviceEvents: [], publishClock: i.outcome === 'penalty' }),
    clock: (i, d) => {
      const out: ClockAction[] = [{ key: 'decision', type: 'meet', on: i.decidedOn }];
      // 事后公开: penalty decisions are published within 7 working days (A15)
      if (i.outcome === 'penalty')
        out.push({
          key: 'publish',
          type: 'start',
          rule: 'enforcement.publish-license-penalty',
          from: i.decidedOn,
        });
      if (d.reviewSubmitted) out.push({ key: 'legal-review', type: 'meet', on: i.decidedOn });
      if (d.hearingClock) out.push({ key: 'hearing-request', type: 'cancel' });
      if (i.outcome !== 'transferred')
        out.push({ key: 'service', type: 'start', rule: 'penalty.service-absent', from: i.decidedOn });
      return out;
    },
  }),
  serve: step({
    label: '送达决定书',
    from: ['decided'],
    to: 'served',
    permission: P['enforcement.case.handle'],
    input: z
      .object({
        servedOn: zDate,
        /** The day the party received it (for 公告送达, the day service is deemed complete). */
        receivedOn: zDate,
        method: z.enum(SERVICE_METHODS, { error: '请选择送达方式' }),
        proof: zText(500),
        proofSha256: zSha256.optional(),
        /** 电子送达: the party agreed and signed the confirmation (行政处罚法第六十一条第二款). */
        partyConsent: z.boolean().default(false),
        lateReason: zOptText(1000),
      })
      .refine((v) => v.receivedOn >= v.servedOn, { path: ['receivedOn'], error: '签收日期不能早于送达日期' }),
    guards: [
      {
        name: 'TransferredCaseIsNotServed',
        message: '移送司法机关的案件不送达行政处罚决定书',
        check: (g) => decision(g.data).outcome !== 'transferred',
      },
      {
        name: 'ServiceWithinSevenWorkdays',
        message:
          '当事人不在场的，应在7个工作日内送达行政处罚决定书（行政处罚法第六十一条）；逾期的须写明理由',
        when: (g) => !g.input.lateReason,
        check: async (g) => {
          const due = await dueDateOf(
            g.ctx,
            'penalty.service-absent',
            String(decision(g.data).decidedOn),
            events(g.data, 'serviceEvents'),
          );
          return !!due && String(g.input.servedOn) <= due;
        },
      },
      {
        name: 'ElectronicServiceNeedsConsent',
        message: '电子送达须经当事人同意并签订确认书（行政处罚法第六十一条第二款）',
        when: (g) => g.input.method === '电子送达',
        check: (g) => g.input.partyConsent === true,
      },
    ],
    apply: (d, i) => ({ ...d, service: i, paymentClock: fineOf(d) > 0, paid: 0, payments: [] }),
    clock: (i, d) => [
      { key: 'service', type: 'meet', on: i.servedOn },
      ...(d.paymentClock
        ? [{ key: 'payment', type: 'start' as const, rule: 'penalty.fine-payment', from: i.receivedOn }]
        : []),
    ],
  }),
  startExecution: step({
    label: '执行罚款',
    from: ['served'],
    to: 'executing',
    permission: P['enforcement.case.handle'],
    input: z.object({ note: zOptText(500) }),
    guards: [
      factHolds({
        name: 'FineToExecute',
        message: '只有处以罚款的决定需要执行缴款',
        check: (d) => fineOf(d) > 0,
      }),
    ],
  }),
  approveDeferral: step({
    label: '暂缓或分期缴纳罚款',
    from: ['executing'],
    to: 'executing',
    permission: P['enforcement.case.handle'],
    input: z.object({
      approvedOn: zDate,
      kind: z.enum(['deferral', 'instalment'], { error: '请选择暂缓或分期' }),
      newDueDate: zDate,
      reason: zText(1000),
      instalments: z.array(z.object({ dueOn: zDate, amount: z.number().positive() })).default([]),
    }),
    guards: [
      approved({
        name: 'DeferralRequiresApproval',
        message: '暂缓或分期缴纳罚款须经行政机关批准（行政处罚法第六十六条）',
        step: 'deferral',
      }),
      factHolds({
        name: 'DeferralOnlyOnce',
        message: '本案已批准过暂缓或分期缴纳',
        check: (d) => !d.deferral,
      }),
    ],
    apply: (d, i) => ({ ...d, deferral: i, approvedDueDate: i.newDueDate }),
    clock: (i) => [
      {
        key: 'payment',
        type: 'stop',
        reason: '经批准暂缓或者分期缴纳罚款，按批准的期限另行计算（行政处罚法第六十六条）',
        on: i.approvedOn,
      },
    ],
  }),
  recordPayment: step({
    label: '登记缴款',
    from: ['executing'],
    to: 'executing',
    permission: P['enforcement.case.handle'],
    input: z.object({
      paidOn: zDate,
      amount: z.number().positive(),
      surcharge: z.number().min(0).default(0),
      receiptNo: zText(50),
    }),
    guards: [
      {
        name: 'InstalmentsNeedApproval',
        message: '未经批准分期缴纳的，应一次缴清罚款',
        when: (g) => Number(g.data.paid ?? 0) + Number(g.input.amount) < fineOf(g.data),
        check: (g) => rec(g.data.deferral).kind === 'instalment',
      },
      {
        name: 'LateSurchargeCharged',
        message: '逾期缴纳罚款的，每日按罚款数额的3%加处罚款，加处罚款不超过罚款数额（行政处罚法第七十二条）',
        when: (g) => Number(g.data.paid ?? 0) + Number(g.input.amount) >= fineOf(g.data),
        check: async (g) => {
          const due = await paymentDue(g);
          if (!due) return false;
          const owed = lateSurcharge(fineOf(g.data), due, String(g.input.paidOn));
          return Number(g.input.surcharge) + Number(g.data.surchargePaid ?? 0) >= owed;
        },
      },
    ],
    apply: (d, i) => {
      const paid = Number(d.paid ?? 0) + i.amount;
      return {
        ...d,
        payments: [...((d.payments as unknown[]) ?? []), i],
        paid,
        surchargePaid: Number(d.surchargePaid ?? 0) + i.surcharge,
        paidInFull: paid >= fineOf(d),
      };
    },
    clock: (i, d) => (d.paidInFull && d.paymentClock ? [{ key: 'payment', type: 'meet', on: i.paidOn }] : []),
  }),
  sendDemand: step({
    label: '催告履行',
    from: ['executing'],
    to: 'executing',
    permission: P['enforcement.case.handle'],
    input: z.object({
      servedOn: zDate,
      method: z.enum(SERVICE_METHODS, { error: '请选择送达方式' }),
      amountDue: z.number().positive(),
    }),
    guards: [
      {
        name: 'PaymentOverdue',
        message: '当事人逾期未缴纳罚款的，才能催告履行（行政强制法第五十四条）',
        check: async (g) => {
          if (g.data.paidInFull) return false;
          const due = await paymentDue(g);
          return !!due && String(g.input.servedOn) > due;
        },
      },
    ],
    apply: (d, i) => ({ ...d, demand: i }),
    clock: (i) => [{ key: 'demand', type: 'start', rule: 'coercion.demand-before-court', from: i.servedOn }],
  }),
  applyCourtEnforcement: step({
    label: '申请人民法院强制执行',
    from: ['executing'],
    to: 'executing',
    permission: P['enforcement.case.handle'],
    input: z.object({ appliedOn: zDate, court: zText(100) }),
    guards: [
      {
        name: 'DemandNoticeTenWorkdaysBefore',
        message:
          '申请人民法院强制执行前，应书面催告当事人，催告书送达10个工作日后仍未履行的，方可申请（行政强制法第五十四条）',
        check: async (g) => {
          const servedOn = rec(g.data.demand).servedOn;
          if (typeof servedOn !== 'string') return false;
          const due = await dueDateOf(g.ctx, 'coercion.demand-before-court', servedOn);
          return !!due && String(g.input.appliedOn) >= due;
        },
      },
    ],
    apply: (d, i) => ({ ...d, courtEnforcement: i }),
    clock: (i) => [{ key: 'demand', type: 'meet', on: i.appliedOn }],
  }),
  close: step({
    label: '结案',
    from: ['decided', 'served', 'executing'],
    to: 'closed',
    permission: P['enforcement.case.handle'],
    input: z.object({ closedOn: zDate, summary: zText(2000), approvedBy: zText(50) }),
    guards: [
      {
        name: 'OnlyTransferredCaseClosesAtDecision',
        message: '除移送司法机关外，决定书送达后方可结案',
        when: (g) => g.state === 'decided',
        check: (g) => decision(g.data).outcome === 'transferred',
      },
      {
        name: 'FineIsExecutedBeforeClosing',
        message: '处以罚款的，应执行完毕后结案',
        when: (g) => g.state === 'served',
        check: (g) => fineOf(g.data) === 0,
      },
      {
        name: 'ExecutionCompleted',
        message: '罚款（含加处罚款）缴清或已申请人民法院强制执行后方可结案',
        when: (g) => g.state === 'executing',
        check: (g) => !!g.data.paidInFull || !!g.data.courtEnforcement,
      },
    ],
    apply: (d, i) => ({ ...d, closing: i }),
  }),
  archive: step({
    label: '归档',
    from: ['closed'],
    to: 'archived',
    permission: P['enforcement.case.handle'],
    input: z.object({ archivedOn: zDate, archiveNo: zText(50), volumes: z.number().int().min(1).default(1) }),
    apply: (d, i) => ({ ...d, archive: i }),
  }),
  suspend: step({
    label: '中止案件',
    from: SUSPENDABLE_STATES,
    to: 'suspended',
    permission: P['enforcement.case.handle'],
    input: z.object({ suspendedOn: zDate, reason: zText(1000) }),
    apply: (d, i) => {
      const at = ((d.stage as string) ?? 'source') as Suspendable;
      const c = SUSPENDABLE[at];
      return {
        ...d,
        resumeTo: at,
        suspension: { suspendedOn: i.suspendedOn, reason: i.reason, from: at },
        ...(c
          ? { [c.events]: [...events(d, c.events), { type: 'stop', date: i.suspendedOn, reason: i.reason }] }
          : {}),
      };
    },
    clock: (i, d) => {
      const c = SUSPENDABLE[d.resumeTo as Suspendable];
      return c ? [{ key: c.key, type: 'stop', reason: `案件中止：${i.reason}`, on: i.suspendedOn }] : [];
    },
  }),
  ...suspendSteps,
  ...extendSteps,
  ...publicitySteps,
});

/** The ordinary-procedure penalty case (行政处罚普通程序). */
export const PenaltyCase = defineMachine<S>({
  type: 'enforcement.penalty-case',
  name: '行政处罚案件（普通程序）',
  numberPrefix: '行政处罚',
  readPermission: P['enforcement.case.read'],
  createPermission: P['enforcement.case.create'],
  personalFields: ['party'],
  states: STATES,
  initial: 'source',
  createInput: zPenaltyClue,
  pastDates: ['clueReceivedOn'],
  title: (d) => `${rec(d.party).name as string}：${String(d.summary).slice(0, 40)}`,
  onCreate: (d) => [
    { key: 'filing', type: 'start', rule: 'penalty.filing-check.samr', from: String(d.clueReceivedOn) },
  ],
  records: {
    'collective-discussion': {
      permission: P['enforcement.case.approve'],
      label: '负责人集体讨论',
      awaitedIn: ['discussion'],
    },
    approval: { permission: P['enforcement.case.approve'], label: '负责人审批' },
  },
  transitions,
});
