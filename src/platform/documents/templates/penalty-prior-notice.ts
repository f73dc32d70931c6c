import type { DocumentTemplate } from '../template.ts';

/**
 * 行政处罚事先告知书 (《行政处罚法》第四十四条、第四十五条): the facts, grounds and intended penalty, and the
 * party's right to state and defend within the period given.
 */
export const penaltyPriorNotice: DocumentTemplate = {
  code: 'penalty-prior-notice',
  name: '行政处罚事先告知书',
  kind: 'notice',
  placeholders: {
    'agency.name': '执法机关全称，如 示范区市场监督管理局',
    'agency.address': '执法机关地址',
    'agency.phone': '联系电话',
    docNumber: '发文字号，如 示市监罚告〔2026〕12号',
    'party.name': '当事人名称或姓名',
    'case.number': '案件编号',
    'case.filedDate': '立案日期 YYYY-MM-DD',
    'case.cause': '案由（涉嫌的违法行为），如 销售不符合食品安全标准的食品',
    'case.facts': '经查明的违法事实',
    'case.evidence': '证据名称，以顿号分隔',
    'decision.violatedProvision': '违反的法律条款，如 《中华人民共和国食品安全法》第三十四条第（十）项',
    'decision.legalBasis': '处罚依据条款',
    'decision.penalty': '拟作出的处罚内容，如 警告，并处罚款人民币伍仟元整',
    'notice.replyDays': '陈述申辩期限（工作日数），如 5',
    'notice.date': '告知书日期 YYYY-MM-DD',
    'officer.names': '承办人员姓名',
  },
  header: { issuer: '{{agency.name}}', numberField: 'docNumber' },
  title: '行政处罚事先告知书',
  recipient: '{{party.name}}',
  body: [
    {
      type: 'paragraph',
      text: '本机关于{{case.filedDate|日期}}对你（单位）涉嫌{{case.cause}}一案立案调查（案件编号：{{case.number}}）。经查明：{{case.facts}}',
    },
    { type: 'paragraph', text: '以上事实，有{{case.evidence}}等证据证实。' },
    {
      type: 'paragraph',
      text: '你（单位）的上述行为违反了{{decision.violatedProvision}}的规定。依据{{decision.legalBasis}}的规定，本机关拟对你（单位）作出如下行政处罚：{{decision.penalty}}。',
    },
    {
      type: 'paragraph',
      text: '根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有陈述、申辩的权利。如需陈述、申辩，请于收到本告知书之日起{{notice.replyDays}}个工作日内向本机关提出；逾期未提出的，视为放弃上述权利。',
    },
    { type: 'paragraph', text: '联系人：{{officer.names}}　　联系电话：{{agency.phone}}' },
    { type: 'paragraph', text: '地址：{{agency.address}}' },
  ],
  signature: { issuer: '{{agency.name}}', date: '{{notice.date|日期}}' },
};
