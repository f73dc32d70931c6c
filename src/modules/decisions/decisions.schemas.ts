import { z } from 'zod';
import { zId, zText } from '../../kernel/schemas.ts';
import { zCategory } from './decisions.workflow.ts';

export const zYearParams = z.object({
  year: z.coerce
    .number({ error: '年度无效' })
    .int()
    .min(2000, { error: '年度无效' })
    .max(2100, { error: '年度无效' }),
});
export const zItemParams = zYearParams.extend({ id: zId });
export const zTenantQuery = z.object({
  tenant: z
    .string()
    .regex(/^\d{6,12}$/, { error: '行政区划代码无效' })
    .optional(),
});
export const zListQuery = z.object({
  year: z.coerce.number({ error: '年度无效' }).int().min(2000).max(2100).optional(),
});
export const zPublicListQuery = zTenantQuery.extend(zListQuery.shape);

const zReason = z.string().trim().max(2000).optional();
const zQuarter = z
  .number({ error: '计划季度应为1至4' })
  .int()
  .min(1, { error: '计划季度应为1至4' })
  .max(4, { error: '计划季度应为1至4' });

export const zItemBody = z.object({
  title: zText(200),
  category: zCategory,
  proposingUnitId: zId,
  description: z.string().trim().max(5000).optional(),
  plannedQuarter: zQuarter.optional(),
  /** Required once the catalogue is published (目录调整理由). */
  reason: zReason,
});
export const zItemPatch = z.object({
  title: zText(200).optional(),
  category: zCategory.optional(),
  proposingUnitId: zId.optional(),
  description: z.string().trim().max(5000).optional(),
  plannedQuarter: zQuarter.optional(),
  /** 调出目录. */
  withdrawn: z.boolean().optional(),
  reason: zReason,
});
export const zPublishBody = z.object({
  partyConsentOn: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }),
  note: z.string().trim().max(2000).optional(),
});

const zStep = z.enum(['done', 'doing', 'todo']);
export const zSteps = z.object({
  participation: zStep,
  experts: zStep,
  risk: zStep,
  legality: zStep,
  discussion: zStep,
});
export const zItem = z.object({
  id: z.string(),
  seq: z.number(),
  title: z.string(),
  category: z.string(),
  proposingUnitId: z.string(),
  proposingUnitName: z.string(),
  description: z.string().nullable(),
  plannedQuarter: z.number().nullable(),
  status: z.string(),
});
const zHead = {
  year: z.number(),
  status: z.string(),
  partyConsentOn: z.string().nullable(),
  publishedOn: z.string().nullable(),
  note: z.string().nullable(),
};
export const zAdminCatalogue = z.object({
  ...zHead,
  items: z.array(
    zItem.extend({
      decision: z
        .object({
          id: z.string(),
          number: z.string(),
          state: z.string(),
          stateLabel: z.string(),
          steps: zSteps,
        })
        .nullable(),
    }),
  ),
  adjustments: z.array(
    z.object({
      id: z.string(),
      itemId: z.string(),
      action: z.string(),
      reason: z.string(),
      before: z.record(z.string(), z.unknown()).nullable(),
      after: z.record(z.string(), z.unknown()).nullable(),
      actorName: z.string(),
      at: z.string(),
    }),
  ),
});
export const zPublicCatalogue = z.object({
  ...zHead,
  items: z.array(zItem.extend({ year: z.number() })),
  adjustments: z.array(
    z.object({ action: z.string(), reason: z.string(), itemId: z.string(), at: z.string() }),
  ),
});
export const zPublished = z.object({ year: z.number(), status: z.string(), publishedOn: z.string() });
export const zDecisionRow = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  unitId: z.string(),
  catalogueItemId: z.string().nullable(),
  steps: zSteps,
});
export const zPublicDecision = z.object({
  id: z.string(),
  title: z.string(),
  unitName: z.string(),
  documentNo: z.string(),
  publishedOn: z.string(),
  channel: z.string(),
  summary: z.string(),
  adoptionExplanation: z.string().nullable(),
  catalogueYear: z.number().nullable(),
});
