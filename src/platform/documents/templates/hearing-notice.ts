import type { DocumentTemplate } from '../template.ts';

/**
 * 行政处罚听证告知书 (《行政处罚法》第六十三条、第六十四条): for 较大数额罚款 and the other penalties that carry a
 * right to a hearing; the party must ask within five days of being told (第六十四条第一项).
 */
export const hearingNotice: DocumentTemplate = {
  code: 'hearing-notice',
  name: '行政处罚听证告知书',
  kind: 'notice',
  placeholders: {
    'agency.name': '执法机关全称',
    'agency.address': '执法机关地址',
    'agency.phone': '联系电话',
    docNumber: '发文字号，如 示市监听告〔2026〕3号',
    'party.name': '当事人名称或姓名',
    'case.number': '案件编号',
    'case.cause': '案由',
    'decision.violatedProvision': '违反的法律条款',
    'decision.legalBasis': '处罚依据条款',
    'decision.penalty': '拟作出的处罚内容',
    'decision.amount': '拟罚款金额（元），如 50000',
    'notice.date': '告知书日期 YYYY-MM-DD',
    'officer.names': '承办人员姓名',
  },
  header: { issuer: '{{agency.name}}', numberField: 'docNumber' },
  title: '行政处罚听证告知书',
  recipient: '{{party.name}}',
  body: [
    {
      type: 'paragraph',
      text: '你（单位）涉嫌{{case.cause}}一案（案件编号：{{case.number}}），违反了{{decision.violatedProvision}}的规定。依据{{decision.legalBasis}}的规定，本机关拟对你（单位）作出{{decision.penalty}}、罚款{{decision.amount|金额}}的行政处罚。',
    },
    {
      type: 'paragraph',
      text: '根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求举行听证。如要求听证，应当在收到本告知书之日起五日内向本机关提出；逾期未提出的，视为放弃听证权利。你（单位）同时享有陈述、申辩的权利。',
    },
    { type: 'paragraph', text: '联系人：{{officer.names}}　　联系电话：{{agency.phone}}' },
    { type: 'paragraph', text: '地址：{{agency.address}}' },
  ],
  signature: { issuer: '{{agency.name}}', date: '{{notice.date|日期}}' },
};
