import type { CaseTypeUi } from '../../shared/workflow/labels.ts';

/** 政府信息公开条例第三十六条: the ways an application can be answered (as the server's REPLY_OUTCOMES). */
export const REPLY_OUTCOMES: Record<string, string> = {
  'already-public': '已主动公开，告知获取方式',
  disclosed: '予以公开',
  'partly-disclosed': '部分公开（第三十七条）',
  'not-disclosed': '不予公开',
  'does-not-exist': '经检索没有所申请的信息',
  'not-ours': '不属于本机关负责公开',
  repeated: '重复申请',
  'special-regime': '按有关法律、行政法规办理',
};

export const CHANNELS: Record<string, string> = {
  'in-person': '当面',
  post: '邮寄',
  online: '网络',
  fax: '传真',
  email: '电子邮件',
};

export const APPLICANT_KINDS: Record<string, string> = { person: '公民', organisation: '法人或其他组织' };

/** Chinese names for the disclosure request's facts and steps (disclosure.workflow.ts on the server). */
export const DISCLOSURE_UI: CaseTypeUi = {
  fields: {
    'applicant.kind': '申请人类型',
    'applicant.name': '申请人',
    'applicant.idNumber': '身份证号',
    'applicant.creditCode': '统一社会信用代码',
    'applicant.phone': '联系电话',
    'applicant.address': '通讯地址',
    receivedOn: '收到申请日期',
    channel: '申请方式',
    description: '申请公开的信息',
    items: '需补正的事项',
    noticeOn: '告知补正日期',
    party: '征求意见对象',
    partyKind: '对象类型',
    sentOn: '发出征求意见日期',
    opinion: '意见',
    approvedBy: '批准人',
    outcome: '答复类型',
    content: '答复内容',
    repliedOn: '答复日期',
    correctionItems: '补正事项',
    extended: '已延长答复期限',
  },
  stepFields: {
    receiveCorrection: { receivedOn: '收到补正材料日期' },
    receiveOpinion: { receivedOn: '收到意见日期', opinion: '第三方意见' },
    deemWithdrawn: { reason: '视为撤回的理由' },
    extend: { reason: '延期理由' },
    close: { note: '归档备注' },
  },
  enums: {
    channel: CHANNELS,
    kind: APPLICANT_KINDS,
    outcome: REPLY_OUTCOMES,
    partyKind: { 'third-party': '第三方', agency: '其他行政机关' },
    opinion: { consent: '同意公开', object: '不同意公开', 'no-reply': '逾期未提出意见' },
  },
  stepHelp: {
    requestCorrection:
      '应在收到申请之日起7个工作日内一次性告知需要补正的事项（第三十条），答复期限自收到补正后重新计算。',
    consult: '征求意见所需时间不计算在答复期限内（第三十二条、第三十三条）。',
    extend: '延长答复期限须先经政府信息公开工作机构负责人审批同意，延长不超过20个工作日（第三十三条）。',
    reply: '不予公开或部分公开的，须先经法制审核通过。',
  },
  approvalSteps: [{ value: 'extension', label: '延长答复期限' }],
  hiddenFacts: ['correctionRequested'],
};
