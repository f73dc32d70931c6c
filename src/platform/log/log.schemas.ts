import { z } from 'zod';
import { zDateTime, zId, zText } from '../../kernel/schemas.ts';

export const zSubjectEntriesQuery = z.object({
  subjectType: zText(64),
  subjectId: zText(200),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const zSubjectEntry = z.object({
  id: zId,
  seq: z
    .number()
    .int()
    .nullable()
    .meta({ description: '在本行政区日志中的位置（从 0 起）；尚未排序时为 null' }),
  kind: z.string(),
  at: zDateTime,
  actorId: z.string().nullable(),
  entry: z.record(z.string(), z.unknown()).meta({ description: '条目正文（RFC 8785 规范化 JSON，已解析）' }),
});

export const zSubjectEntryList = z.object({ items: z.array(zSubjectEntry) });

export const zReceipt = z
  .object({
    format: z.literal('fazhi-log-receipt/v1'),
    origin: z.string(),
    index: z.number().int(),
    entry: z.string().meta({ description: 'base64：条目的 RFC 8785 规范化 JSON 文本' }),
    leafHash: z.string(),
    treeSize: z.number().int(),
    inclusionProof: z.array(z.string()),
    checkpoint: z.string().meta({ description: 'C2SP 签名注记格式的检查点' }),
    verifierKey: z.string(),
  })
  .meta({
    id: 'LogReceipt',
    description:
      '可离线验证的全过程记录回执（格式见 src/platform/log/core/RECEIPT.md），以 RFC 8785 规范化 JSON 返回',
  });
