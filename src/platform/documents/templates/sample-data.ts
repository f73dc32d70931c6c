/**
 * Sample data for the seed templates (the 示范区 demo district): used by tests and by the demo to show a complete
 * document. Every value is fictitious.
 */
const agency = {
  name: '示范区市场监督管理局',
  address: '示范区人民路1号',
  phone: '0000-12345678',
};

const party = {
  name: '示范区某某食品有限公司',
  idType: '统一社会信用代码',
  idNumber: '91110000MA0000000X',
  address: '示范区幸福街88号',
};

const caseData = {
  number: 'SFQ-SJ-2026-0012',
  filedDate: '2026-08-03',
  cause: '销售不符合食品安全标准的食品',
  facts:
    '2026年7月28日，执法人员对当事人经营场所进行检查，发现其销售的某品牌糕点经抽样检验，菌落总数项目不符合食品安全国家标准。',
  evidence: '现场检查笔录、询问笔录、抽样检验报告',
};

const decision = {
  violatedProvision: '《中华人民共和国食品安全法》第三十四条第（二）项',
  legalBasis: '《中华人民共和国食品安全法》第一百二十四条第一款',
  discretion: '鉴于当事人积极配合调查，主动召回问题食品，依法从轻处罚',
  statementHandling: '当事人在规定期限内未提出陈述、申辩',
  penalty: '没收违法所得人民币叁佰元整',
  amount: 5000,
  paymentMethod: '凭缴款码通过非税收入收缴系统缴纳',
  reviewAuthority: '示范区人民政府',
  court: '示范区人民法院',
  date: '2026-10-09',
};

/** Data for 行政处罚决定书. */
export const decisionData = {
  agency,
  party,
  case: caseData,
  decision,
  notice: { date: '2026-09-10' },
  docNumber: '示市监罚〔2026〕12号',
};

/** Data for 行政处罚事先告知书 and 听证告知书. */
export const noticeData = {
  agency,
  party,
  case: caseData,
  decision,
  notice: { date: '2026-09-10', replyDays: 5 },
  officer: { names: '张三、李四' },
  docNumber: '示市监罚告〔2026〕12号',
};

/** Data for 送达回证. */
export const deliveryData = {
  agency,
  party,
  case: caseData,
  delivery: {
    documentName: '行政处罚决定书',
    documentNumber: '示市监罚〔2026〕12号',
    address: '示范区幸福街88号',
    method: '直接送达',
    officers: '张三、李四',
    date: '2026-10-09',
  },
};

/** Data for 政府信息公开申请答复书. */
export const disclosureData = {
  agency: { name: '示范区人民政府办公室', address: '示范区人民路2号', phone: '0000-87654321' },
  request: {
    applicantName: '王某',
    number: 'GK-2026-0088',
    receivedDate: '2026-09-01',
    content: '2025年示范区老旧小区改造项目清单',
  },
  reply: {
    findings: '你申请获取的信息属于本机关公开职责范围内的政府信息',
    legalBasis: '第三十六条第（二）项',
    decision: '予以公开，相关信息见附件',
    reviewAuthority: '示范区人民政府',
    court: '示范区人民法院',
    date: '2026-09-22',
  },
  docNumber: '示政办公开〔2026〕8号',
};

/** The sample data that fills each seed template, by template code (template previews). */
export const sampleDataFor: Readonly<Record<string, Record<string, unknown>>> = {
  'penalty-prior-notice': noticeData,
  'hearing-notice': noticeData,
  'penalty-decision': decisionData,
  'delivery-receipt': deliveryData,
  'disclosure-reply': disclosureData,
};
