import { z } from 'zod';
import { zText } from '../../kernel/schemas.ts';
import { zIdNumber, zMobile, zUscc } from '../../platform/validators/index.ts';
import {
  approved,
  calendarFor,
  defineMachine,
  factHolds,
  passedLegalReview,
} from '../../platform/workflow/index.ts';
import { DisclosurePermissions as P } from './disclosure.permissions.ts';

/** 政府信息公开条例第三十六条: the ways an application can be answered. */
export const REPLY_OUTCOMES = {
  'already-public': '已主动公开，告知获取方式',
  disclosed: '予以公开',
  'partly-disclosed': '部分公开（第三十七条）',
  'not-disclosed': '不予公开',
  'does-not-exist': '经检索没有所申请的信息',
  'not-ours': '不属于本机关负责公开',
  repeated: '重复申请',
  'special-regime': '按有关法律、行政法规办理',
} as const;

const zDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

export const zApplicant = z
  .object({
    kind: z.enum(['person', 'organisation'], { error: '请选择申请人类型' }),
    name: zText(100),
    idNumber: zIdNumber.optional(),
    creditCode: zUscc.optional(),
    phone: zMobile.optional(),
    address: z.string().trim().max(200).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.kind === 'organisation' && !a.creditCode)
      ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '法人或其他组织应提供统一社会信用代码' });
  });

export const zDisclosureRequest = z.object({
  applicant: zApplicant,
  /** 第三十一条: the day the application counts as received. */
  receivedOn: zDate,
  channel: z.enum(['in-person', 'post', 'online', 'fax', 'email'], { error: '请选择申请方式' }),
  description: zText(2000),
});

/** The application is received; corrections, consultations and the reply follow 政府信息公开条例 Arts. 30–36. */
export const DisclosureRequest = defineMachine({
  type: 'disclosure.request',
  name: '政府信息公开申请',
  numberPrefix: '依申请公开',
  readPermission: P['disclosure.request.read'],
  createPermission: P['disclosure.request.create'],
  personalFields: ['applicant'],
  states: {
    received: { label: '办理中' },
    correction: { label: '补正中' },
    consulting: { label: '征求意见中' },
    replied: { label: '已答复' },
    withdrawn: { label: '视为撤回', final: true },
    closed: { label: '已办结', final: true },
  },
  initial: 'received',
  createInput: zDisclosureRequest,
  pastDates: ['receivedOn'],
  title: (d) => `${(d.applicant as { name: string }).name}：${String(d.description).slice(0, 40)}`,
  onCreate: (d) => [{ key: 'reply', type: 'start', rule: 'disclosure.reply', from: String(d.receivedOn) }],
  records: {
    'legal-review': { permission: P['disclosure.request.review'], label: '法制审核' },
    approval: { permission: P['disclosure.request.approve'], label: '延期审批' },
  },
  transitions: {
    requestCorrection: {
      label: '一次性告知补正',
      from: ['received'],
      to: 'correction',
      permission: P['disclosure.request.handle'],
      input: z.object({ items: zText(2000), noticeOn: zDate }),
      guards: [
        {
          name: 'CorrectionNoticeWithinSevenWorkdays',
          message: '补正通知应在收到申请之日起7个工作日内一次性发出（政府信息公开条例第三十条）',
          check: async (g) => {
            const cal = await calendarFor(g.ctx.db);
            return String(g.input.noticeOn) <= cal.addWorkdays(String(g.data.receivedOn), 7);
          },
        },
        factHolds({
          name: 'CorrectionOnlyOnce',
          message: '补正只能一次性告知',
          check: (d) => !d.correctionRequested,
        }),
      ],
      apply: (d, i) => ({ ...d, correctionRequested: true, correctionItems: i.items }),
      clock: (i) => [
        {
          key: 'reply',
          type: 'stop',
          reason: '通知补正，答复期限自收到补正后的申请之日起计算',
          on: String(i.noticeOn),
        },
      ],
    },
    receiveCorrection: {
      label: '收到补正材料',
      from: ['correction'],
      to: 'received',
      permission: P['disclosure.request.handle'],
      input: z.object({ receivedOn: zDate }),
      clock: (i) => [{ key: 'reply', type: 'restart', reason: '收到补正后的申请', on: String(i.receivedOn) }],
    },
    deemWithdrawn: {
      label: '无正当理由逾期不补正，视为撤回',
      from: ['correction'],
      to: 'withdrawn',
      permission: P['disclosure.request.handle'],
      input: z.object({ reason: zText(500) }),
      clock: () => [{ key: 'reply', type: 'cancel' }],
    },
    consult: {
      label: '书面征求第三方或其他机关意见',
      from: ['received'],
      to: 'consulting',
      permission: P['disclosure.request.handle'],
      input: z.object({ party: zText(100), partyKind: z.enum(['third-party', 'agency']), sentOn: zDate }),
      clock: (i) => [
        {
          key: 'reply',
          type: 'stop',
          reason: '征求第三方或其他机关意见，所需时间不计算在期限内',
          on: String(i.sentOn),
        },
        {
          key: 'consultation',
          type: 'start',
          rule: 'disclosure.third-party-opinion',
          from: String(i.sentOn),
        },
      ],
    },
    receiveOpinion: {
      label: '收到意见（或逾期未提出）',
      from: ['consulting'],
      to: 'received',
      permission: P['disclosure.request.handle'],
      input: z.object({ opinion: z.enum(['consent', 'object', 'no-reply']), receivedOn: zDate }),
      clock: (i) => [
        { key: 'consultation', type: 'meet', on: String(i.receivedOn) },
        { key: 'reply', type: 'resume', on: String(i.receivedOn) },
      ],
    },
    extend: {
      label: '延长答复期限（不超过20个工作日）',
      from: ['received'],
      to: 'received',
      permission: P['disclosure.request.handle'],
      input: z.object({ reason: zText(500), approvedBy: zText(50) }),
      guards: [
        approved({
          name: 'ExtensionRequiresApproval',
          message: '延长答复期限须经政府信息公开工作机构负责人同意',
          step: 'extension',
        }),
        factHolds({
          name: 'ExtendOnlyOnce',
          message: '答复期限只能延长一次，且不超过20个工作日',
          check: (d) => !d.extended,
        }),
      ],
      apply: (d) => ({ ...d, extended: true }),
      clock: (i) => [
        {
          key: 'reply',
          type: 'extend',
          amount: 20,
          unit: 'workday',
          reason: String(i.reason),
          approvedBy: String(i.approvedBy),
        },
      ],
    },
    reply: {
      label: '作出答复',
      from: ['received'],
      to: 'replied',
      permission: P['disclosure.request.handle'],
      input: z.object({
        outcome: z.enum(Object.keys(REPLY_OUTCOMES) as [keyof typeof REPLY_OUTCOMES], {
          error: '请选择答复类型',
        }),
        content: zText(10000),
        repliedOn: zDate,
      }),
      guards: [
        passedLegalReview({
          name: 'RefusalRequiresPassedLegalReview',
          message: '不予公开或部分公开的答复，须经法制审核通过',
          when: (g) => g.input.outcome === 'not-disclosed' || g.input.outcome === 'partly-disclosed',
        }),
      ],
      apply: (d, i) => ({ ...d, outcome: i.outcome, repliedOn: i.repliedOn }),
      clock: (i) => [{ key: 'reply', type: 'meet', on: String(i.repliedOn) }],
    },
    close: {
      label: '办结归档',
      from: ['replied'],
      to: 'closed',
      permission: P['disclosure.request.handle'],
      input: z.object({ note: z.string().trim().max(500).optional() }),
    },
  },
});
