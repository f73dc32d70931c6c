import type { DocumentTemplate } from '../template.ts';

/**
 * 行政处罚决定书（罚款）(《行政处罚法》第五十九条): the party, the facts and evidence, the grounds, the decision, how
 * and when to pay (十五日内, 第六十七条; 加处罚款, 第七十二条) and the remedies (行政复议 60日, 行政诉讼 6个月).
 */
export const penaltyDecision: DocumentTemplate = {
  code: 'penalty-decision',
  name: '行政处罚决定书',
  kind: 'decision',
  placeholders: {
    'agency.name': '执法机关全称',
    docNumber: '发文字号，如 示市监罚〔2026〕12号',
    'party.name': '当事人名称或姓名',
    'party.idType': '证件类型，如 统一社会信用代码、公民身份号码',
    'party.idNumber': '证件号码',
    'party.address': '住所或住址',
    'case.number': '案件编号',
    'case.cause': '案由',
    'case.facts': '违法事实',
    'case.evidence': '证据名称，以顿号分隔',
    'notice.date': '事先告知书送达日期 YYYY-MM-DD',
    'decision.statementHandling': '陈述申辩及采纳情况，如 当事人未提出陈述、申辩',
    'decision.violatedProvision': '违反的法律条款',
    'decision.legalBasis': '处罚依据条款',
    'decision.discretion': '裁量理由',
    'decision.penalty': '除罚款外的处罚内容，如 警告',
    'decision.amount': '罚款金额（元）',
    'decision.paymentMethod': '缴款方式，如 通过非税收入缴款码缴至指定代收银行',
    'decision.reviewAuthority': '行政复议机关，如 示范区人民政府',
    'decision.court': '管辖法院，如 示范区人民法院',
    'decision.date': '决定日期 YYYY-MM-DD',
  },
  header: { issuer: '{{agency.name}}', numberField: 'docNumber' },
  title: '行政处罚决定书',
  body: [
    { type: 'paragraph', text: '当事人：{{party.name}}', indent: false },
    { type: 'paragraph', text: '{{party.idType}}：{{party.idNumber}}', indent: false },
    { type: 'paragraph', text: '住所（住址）：{{party.address}}', indent: false },
    {
      type: 'paragraph',
      text: '当事人涉嫌{{case.cause}}一案（案件编号：{{case.number}}），本机关依法进行了调查。本机关于{{notice.date|日期}}向当事人告知了拟作出行政处罚的内容及事实、理由、依据和依法享有的权利，{{decision.statementHandling}}。',
    },
    { type: 'heading', level: 1, text: '违法事实和证据' },
    { type: 'paragraph', text: '{{case.facts}}' },
    { type: 'paragraph', text: '上述事实，有{{case.evidence}}等证据证实。' },
    { type: 'heading', level: 1, text: '处罚依据和理由' },
    {
      type: 'paragraph',
      text: '当事人的上述行为违反了{{decision.violatedProvision}}的规定。{{decision.discretion}}。',
    },
    { type: 'heading', level: 1, text: '处罚决定' },
    { type: 'paragraph', text: '依据{{decision.legalBasis}}的规定，本机关决定对当事人作出如下行政处罚：' },
    { type: 'list', items: ['{{decision.penalty}}；', '罚款{{decision.amount|金额}}。'] },
    { type: 'heading', level: 1, text: '履行方式和期限' },
    {
      type: 'paragraph',
      text: '当事人应当自收到本决定书之日起十五日内缴纳罚款，缴款方式：{{decision.paymentMethod}}。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。',
    },
    { type: 'heading', level: 1, text: '救济途径' },
    {
      type: 'paragraph',
      text: '当事人如不服本决定，可以在收到本决定书之日起六十日内向{{decision.reviewAuthority}}申请行政复议，也可以在六个月内依法向{{decision.court}}提起行政诉讼。行政复议或者行政诉讼期间，本决定不停止执行，法律另有规定的除外。',
    },
  ],
  signature: { issuer: '{{agency.name}}', date: '{{decision.date|日期}}' },
};
