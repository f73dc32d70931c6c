/**
 * 行政处罚简易程序 (当场处罚, 行政处罚法 Arts. 51–53): facts conclusive with a legal basis, a warning or a fine of
 * at most 200 yuan (citizens) or 3,000 yuan (organisations); the decision is made on the spot on a pre-printed,
 * numbered form, then filed with the body (备案).
 */
import { z } from 'zod';
import { zText } from '../../kernel/schemas.ts';
import { defineMachine } from '../../platform/workflow/index.ts';
import { addWorkdays, credentialedOfficers, findMatter } from './case.guards.ts';
import { ON_SPOT_COLLECTION_LIMIT, SUMMARY_FILING_WORKDAYS, SUMMARY_FINE_LIMIT } from './case.rules.ts';
import { zDate, zParty } from './case.workflow.ts';
import { EnforcementPermissions as P } from './enforcement.permissions.ts';

const yuan = (n: number) => `${n.toLocaleString('zh-CN')}元`;

export const zSummaryDecision = z
  .object({
    bodyId: z.uuid(),
    matterId: z.uuid(),
    domain: zText(50),
    party: zParty,
    decidedOn: zDate,
    place: zText(200),
    facts: zText(2000),
    basis: zText(1000),
    penalty: z.enum(['警告', '罚款'], { error: '当场处罚只能是警告或罚款' }),
    fine: z.number().min(0).default(0),
    /** The number of the pre-printed decision form (预定格式、编有号码的行政处罚决定书). */
    formNo: zText(50),
    officers: z.array(z.uuid()).min(1, { error: '请填写当场处罚的执法人员' }),
    partySigned: z.boolean(),
    refusalNote: z.string().trim().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    const limit = SUMMARY_FINE_LIMIT[v.party.kind];
    if (v.penalty === '罚款' && !(v.fine > 0))
      ctx.addIssue({ code: 'custom', path: ['fine'], message: '请填写罚款金额' });
    if (v.penalty === '警告' && v.fine > 0)
      ctx.addIssue({ code: 'custom', path: ['fine'], message: '警告不能同时处以罚款' });
    if (v.fine > limit)
      ctx.addIssue({
        code: 'custom',
        path: ['fine'],
        message: `当场处罚的罚款不得超过${yuan(limit)}（${v.party.kind === 'person' ? '公民' : '法人或者其他组织'}，行政处罚法第五十一条），应适用普通程序`,
      });
    if (!v.partySigned && !v.refusalNote)
      ctx.addIssue({ code: 'custom', path: ['refusalNote'], message: '当事人拒绝签收的，应在决定书上注明' });
  });

/** The summary-procedure (on-the-spot) penalty. */
export const SummaryPenaltyCase = defineMachine({
  type: 'enforcement.summary-case',
  name: '行政处罚案件（简易程序）',
  numberPrefix: '当场处罚',
  readPermission: P['enforcement.case.read'],
  createPermission: P['enforcement.case.create'],
  personalFields: ['party'],
  states: {
    decided: { label: '当场作出决定' },
    filed: { label: '已备案' },
    closed: { label: '已结案', final: true },
  },
  initial: 'decided',
  createInput: zSummaryDecision,
  title: (d) => `${(d.party as { name: string }).name}：${String(d.facts).slice(0, 40)}`,
  onCreate: (d) =>
    Number(d.fine) > 0
      ? [{ key: 'payment', type: 'start', rule: 'penalty.fine-payment', from: String(d.decidedOn) }]
      : [],
  transitions: {
    file: {
      label: '报所属行政机关备案',
      from: ['decided'],
      to: 'filed',
      permission: P['enforcement.case.handle'],
      input: z.object({ filedOn: zDate, lateReason: z.string().trim().max(1000).optional() }),
      guards: [
        {
          name: 'FiledWithBodyWithinTwoWorkdays',
          message: `当场作出的行政处罚决定应在${SUMMARY_FILING_WORKDAYS}个工作日内报所属行政机关备案（行政处罚法第五十二条；期限按本地规定）；逾期的须写明理由`,
          when: (g) => !g.input.lateReason,
          check: async (g) =>
            String(g.input.filedOn) <=
            (await addWorkdays(g.ctx, String(g.data.decidedOn), SUMMARY_FILING_WORKDAYS)),
        },
        {
          name: 'MatterInCatalogueOfBody',
          message: '执法事项须为本执法主体执法事项清单中有效的行政处罚事项',
          check: async (g) => {
            const m = await findMatter(g.ctx, g.data.matterId);
            return !!m && m.status === 'active' && m.type === '行政处罚' && m.bodyId === g.data.bodyId;
          },
        },
        {
          name: 'OfficersCredentialed',
          message: '当场处罚的执法人员须出示当日有效的行政执法证件（行政处罚法第五十二条）',
          check: async (g) => {
            const ids = g.data.officers as string[];
            const ok = await credentialedOfficers(
              g.ctx,
              ids,
              String(g.data.bodyId),
              String(g.data.decidedOn),
              String(g.data.domain),
            );
            return ok.length === new Set(ids).size;
          },
        },
      ],
      apply: (d, i) => ({ ...d, filedOn: i.filedOn }),
    },
    close: {
      label: '结案',
      from: ['filed'],
      to: 'closed',
      permission: P['enforcement.case.handle'],
      input: z.object({
        paidOn: zDate.optional(),
        onSpotCollection: z.boolean().default(false),
        receiptNo: z.string().trim().max(50).optional(),
      }),
      guards: [
        {
          name: 'FinePaidBeforeClosing',
          message: '处以罚款的，应在缴款后结案',
          when: (g) => Number(g.data.fine) > 0,
          check: (g) => !!g.input.paidOn && !!g.input.receiptNo,
        },
        {
          name: 'OnSpotCollectionUpTo100',
          message: `当场收缴罚款仅限${ON_SPOT_COLLECTION_LIMIT}元以下的罚款或不当场收缴事后难以执行的（行政处罚法第六十八条）`,
          when: (g) => g.input.onSpotCollection === true,
          check: (g) => Number(g.data.fine) <= ON_SPOT_COLLECTION_LIMIT,
        },
      ],
      apply: (d, i) => ({ ...d, payment: i }),
      clock: (i, d) =>
        Number(d.fine) > 0 && i.paidOn ? [{ key: 'payment', type: 'meet', on: String(i.paidOn) }] : [],
    },
  },
});
