import type { DocumentTemplate } from '../template.ts';

/**
 * 政府信息公开申请答复书 (《政府信息公开条例》第三十三条、第三十六条; remedies 第五十一条): the request, the
 * answer with its legal basis, and the remedies. `reply.decision` is the answer in the words of 第三十六条
 * (予以公开 and where to get it, 不予公开 and why, 信息不存在, 不属于本机关负责公开, …).
 */
export const disclosureReply: DocumentTemplate = {
  code: 'disclosure-reply',
  name: '政府信息公开申请答复书',
  kind: 'letter',
  placeholders: {
    'agency.name': '答复机关全称',
    'agency.address': '答复机关地址',
    'agency.phone': '联系电话',
    docNumber: '发文字号，如 示政公开〔2026〕8号',
    'request.applicantName': '申请人姓名或名称',
    'request.number': '申请编号',
    'request.receivedDate': '收到申请日期 YYYY-MM-DD',
    'request.content': '申请公开的内容（照录申请人描述）',
    'reply.findings': '审查情况',
    'reply.legalBasis': '答复依据的条款，如 第三十六条第（一）项',
    'reply.decision': '答复结论，如 予以公开，相关信息见附件',
    'reply.reviewAuthority': '行政复议机关',
    'reply.court': '管辖法院',
    'reply.date': '答复日期 YYYY-MM-DD',
  },
  header: { issuer: '{{agency.name}}', numberField: 'docNumber' },
  title: '政府信息公开申请答复书',
  recipient: '{{request.applicantName}}',
  body: [
    {
      type: 'paragraph',
      text: '本机关于{{request.receivedDate|日期}}收到你（单位）提出的政府信息公开申请（申请编号：{{request.number}}），申请获取“{{request.content}}”的政府信息。',
    },
    { type: 'paragraph', text: '经审查，{{reply.findings}}。' },
    {
      type: 'paragraph',
      text: '根据《中华人民共和国政府信息公开条例》{{reply.legalBasis}}的规定，答复如下：{{reply.decision}}。',
    },
    {
      type: 'paragraph',
      text: '如对本答复不服，可以在收到本答复之日起六十日内向{{reply.reviewAuthority}}申请行政复议，或者在六个月内向{{reply.court}}提起行政诉讼。',
    },
    { type: 'paragraph', text: '联系电话：{{agency.phone}}　　地址：{{agency.address}}' },
  ],
  signature: { issuer: '{{agency.name}}', date: '{{reply.date|日期}}' },
};
