import type { DocumentTemplate } from '../template.ts';

/**
 * 送达回证: which document was served on whom, where and how. The recipient's signature, the date of receipt and the
 * remarks are left blank on purpose (filled in by hand); they are literal text, not placeholders.
 */
export const deliveryReceipt: DocumentTemplate = {
  code: 'delivery-receipt',
  name: '送达回证',
  kind: 'receipt',
  placeholders: {
    'agency.name': '送达机关全称',
    'case.number': '案件编号',
    'case.cause': '案由',
    'delivery.documentName': '送达文书名称，如 行政处罚决定书',
    'delivery.documentNumber': '送达文书文号，如 示市监罚〔2026〕12号',
    'party.name': '受送达人',
    'delivery.address': '送达地点',
    'delivery.method': '送达方式，如 直接送达、邮寄送达',
    'delivery.officers': '送达人姓名',
    'delivery.date': '制作日期 YYYY-MM-DD',
  },
  header: { issuer: '{{agency.name}}' },
  title: '送达回证',
  body: [
    {
      type: 'table',
      widths: [3, 7],
      rows: [
        ['案件名称', '{{case.cause}}（{{case.number}}）'],
        ['送达文书名称及文号', '{{delivery.documentName}}（{{delivery.documentNumber}}）'],
        ['受送达人', '{{party.name}}'],
        ['送达地点', '{{delivery.address}}'],
        ['送达方式', '{{delivery.method}}'],
        ['送达人', '{{delivery.officers}}'],
        ['受送达人签名或盖章', '\n\n（签名或盖章）　　　　年　　月　　日'],
        ['代收人及代收理由', '\n\n（签名）　　　　　　　年　　月　　日'],
        ['备注', '\n\n'],
      ],
    },
  ],
  signature: { issuer: '{{agency.name}}', date: '{{delivery.date|日期}}' },
};
