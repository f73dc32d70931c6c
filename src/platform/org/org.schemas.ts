import { z } from 'zod';
import { zId, zText } from '../../kernel/schemas.ts';
import { zUscc } from '../validators/index.ts';
import { UNIT_KINDS } from './units.ts';

const kinds = Object.keys(UNIT_KINDS) as [keyof typeof UNIT_KINDS, ...(keyof typeof UNIT_KINDS)[]];
export const zUnitKind = z.enum(kinds, { error: '单位类型无效' });

export const zUnit = z
  .object({
    id: zId,
    parentId: zId.nullable(),
    kind: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    creditCode: z.string().nullable(),
    depth: z.number().int(),
    sort: z.number().int(),
    status: z.string(),
    canManage: z.boolean(),
  })
  .meta({ id: 'Unit' });

export const zUnitQuery = z.object({
  kind: zUnitKind.optional(),
  q: z.string().trim().max(50).optional(),
  parentId: zId.optional(),
});

export const zCreateUnitBody = z.object({
  parentId: zId,
  kind: zUnitKind.exclude(['government']),
  name: zText(100),
  shortName: zText(30).nullable().optional(),
  creditCode: zUscc.nullable().optional(),
  sort: z.number().int().min(0).max(100000).optional(),
});

export const zUpdateUnitBody = z
  .object({
    parentId: zId.optional(),
    kind: zUnitKind.exclude(['government']).optional(),
    name: zText(100).optional(),
    shortName: zText(30).nullable().optional(),
    creditCode: zUscc.nullable().optional(),
    sort: z.number().int().min(0).max(100000).optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: '没有要修改的内容' });

export const zPosition = z.object({ id: zId, unitId: zId, name: z.string(), sort: z.number().int() });
export const zPositionBody = z.object({
  name: zText(50),
  sort: z.number().int().min(0).max(10000).optional(),
});
