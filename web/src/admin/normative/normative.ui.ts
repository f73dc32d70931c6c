import type { CaseTypeUi } from '../../shared/workflow/labels.ts';

export const NORMATIVE_TYPE = 'normative.document';

export const DOC_TYPES: Record<string, string> = {
  government: '政府规范性文件',
  department: '部门规范性文件',
  joint: '联合发文',
};

export const FILING_RECIPIENTS: Record<string, string> = {
  'superior-government': '上一级人民政府',
  'npc-standing-committee': '本级人大常委会',
  'district-government': '本级人民政府（部门文件）',
};

/** Chinese names for the normative document's facts and steps (normative.workflow.ts on the server). */
export const NORMATIVE_UI: CaseTypeUi = {
  fields: {
    title: '文件名称',
    issuerName: '制定机关',
    issuerShort: '制定机关简称（用于编号）',
    docType: '文件类型',
    legalBasis: '制定依据',
    amends: '修改的文件（文号）',
    repeals: '废止的文件（文号）',
    marketRelated: '与市场主体生产经营活动密切相关',
    interim: '暂行或试行',
    comment: '公开征求意见',
    'comment.startOn': '征求意见开始日期',
    'comment.endOn': '征求意见截止日期',
    'comment.shortReason': '缩短期限的理由',
    startOn: '征求意见开始日期',
    endOn: '征求意见截止日期',
    shortReason: '缩短征求意见期限的理由',
    commentClosed: '已结束征求意见',
    materials: '送审材料',
    'materials.name': '材料名称',
    'materials.note': '说明',
    noCommentReason: '不公开征求意见的理由',
    publishedOn: '公布日期',
    effectiveOn: '施行日期',
    channel: '公布载体',
    filedOn: '报送备案日期',
    recipients: '备案机关',
    filingRecipients: '备案机关',
    filingCorrection: '备案审查意见',
    'filingCorrection.type': '处理方式',
    'filingCorrection.reason': '理由',
    type: '处理方式',
    acceptedOn: '准予备案日期',
    decidedOn: '决定日期',
  },
  stepFields: {
    revise: { reason: '修改理由（审查或审议意见）' },
    declareNotNormative: { reason: '认定理由' },
    repeal: { reason: '废止理由' },
    declareInvalid: { reason: '宣布失效的理由' },
    abandon: { reason: '终止起草的理由' },
    resubmitFiling: { note: '补正情况说明' },
    closeComment: { note: '征求意见情况说明' },
  },
  enums: {
    docType: DOC_TYPES,
    recipients: FILING_RECIPIENTS,
    filingRecipients: FILING_RECIPIENTS,
    type: { suspend: '暂缓备案', correct: '通知补正' },
  },
  stepHelp: {
    openComment:
      '征求意见期限一般不少于7个工作日；与市场主体生产经营活动密切相关的，一般不少于30日（优化营商环境条例第六十二条）。缩短期限的应记录理由。',
    closeComment:
      '征求意见期限届满后方可结束；每条公众意见都应作出处理（采纳、部分采纳或不予采纳并说明理由）。',
    submitReview:
      '报送前应已公开征求意见并处理全部意见；依法不公开征求意见的，应记录理由。合法性审查一般不少于5个工作日。',
    reviewFinished: '合法性审查（单位法制机构、司法局）通过后，提请制定机关常务会议或办公会议审议。',
    register:
      '须合法性审查通过且经集体审议通过；编号按本行政区的编号格式自动生成，按制定机关和年度连续编号。',
    declareNotNormative: '认定不属于规范性文件的，不予编号，流程结束。',
    publish: '未经统一登记编号的规范性文件不得公布；公布后应在30日内报送备案。',
    submitFiling: '政府规范性文件报上一级人民政府和本级人大常委会备案；部门规范性文件报本级人民政府备案。',
    requestFilingCorrection: '备案审查发现问题的，暂缓备案或通知制定机关补正。',
    repeal: '废止后文件不再作为行政管理的依据，门户网站同步显示为已废止。',
    declareInvalid: '宣布失效后文件不再作为行政管理的依据。',
    expire: '有效期届满后方可办理。',
  },
  hiddenFacts: ['commentClosed'],
};
