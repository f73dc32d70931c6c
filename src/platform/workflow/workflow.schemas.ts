import { z } from 'zod';
import { zDateTime, zId, zPageQuery } from '../../kernel/schemas.ts';

const zColour = z.enum(['green', 'yellow', 'red', 'paused', 'done']);

export const zDeadline = z.object({
  key: z.string(),
  name: z.string(),
  statute: z.string(),
  startDate: z.string(),
  dueDate: z.string().nullable(),
  status: z.string(),
  colour: zColour,
  metOn: z.string().nullable(),
  events: z.array(z.unknown()),
});

export const zCaseSummary = z.object({
  id: zId,
  type: z.string(),
  typeName: z.string(),
  number: z.string(),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  createdAt: zDateTime,
  updatedAt: zDateTime,
  colour: zColour,
  nextDue: z.string().nullable(),
});

export const zInboxItem = z.object({
  id: zId,
  type: z.string(),
  typeName: z.string(),
  number: z.string(),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  colour: zColour,
  nextDue: z.string().nullable(),
  deadlines: z.array(zDeadline),
});

export const zCaseDetail = z
  .object({
    id: zId,
    type: z.string(),
    typeName: z.string(),
    number: z.string(),
    title: z.string(),
    state: z.string(),
    stateLabel: z.string(),
    final: z.boolean(),
    unitId: zId,
    ownerId: zId.nullable(),
    data: z.record(z.string(), z.unknown()),
    version: z.number().int(),
    createdAt: zDateTime,
    updatedAt: zDateTime,
    closedAt: zDateTime.nullable(),
    actions: z.array(
      z.object({ name: z.string(), label: z.string(), to: z.string(), inputSchema: z.unknown() }),
    ),
    recordKinds: z.array(z.object({ kind: z.string(), label: z.string() })),
    deadlines: z.array(zDeadline),
    records: z.array(
      z.object({ id: zId, kind: z.string(), outcome: z.string(), data: z.unknown(), createdAt: zDateTime }),
    ),
    timeline: z.array(
      z.object({
        seq: z.number().int(),
        kind: z.string(),
        name: z.string().nullable(),
        label: z.string(),
        fromState: z.string().nullable(),
        toState: z.string().nullable(),
        actorName: z.string().nullable(),
        at: zDateTime,
        data: z.unknown(),
        logEntryId: zId.nullable(),
      }),
    ),
  })
  .meta({ id: 'CaseDetail' });

/** A step's answer under `Prefer: return=minimal` (RFC 7240): where the case now is, and its version for the next step. */
export const zCaseStepResult = z
  .strictObject({
    id: zId,
    number: z.string(),
    state: z.string(),
    stateLabel: z.string(),
    final: z.boolean(),
    version: z.number().int(),
    updatedAt: zDateTime,
  })
  .meta({ id: 'CaseStepResult' });

export const zCaseQuery = z.object({
  type: z.string().max(64).optional(),
  state: z.string().max(64).optional(),
  q: z.string().trim().max(100).optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...zPageQuery,
});

export const zCreateCaseBody = z.object({
  type: z.string().min(1).max(64),
  unitId: zId.optional(),
  data: z.record(z.string(), z.unknown()),
});

export const zTransitionParams = z.object({ id: zId, name: z.string().min(1).max(64) });
export const zRecordParams = z.object({
  id: zId,
  kind: z.enum(['legal-review', 'collective-discussion', 'approval']),
});
export const zTransitionBody = z.record(z.string(), z.unknown()).default({});
export const zVersionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

/**
 * Whether a request's `Prefer` header (RFC 7240) asks for `return=minimal`: preferences are comma-separated,
 * their names case-insensitive, their values possibly quoted, and each may carry `;` parameters.
 */
export function prefersMinimal(prefer: string | string[] | undefined): boolean {
  const values = Array.isArray(prefer) ? prefer : prefer ? [prefer] : [];
  return values.some((v) =>
    v.split(',').some((p) => {
      const [name, value] = (p.split(';')[0] ?? '').split('=').map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
      return name?.toLowerCase() === 'return' && value?.toLowerCase() === 'minimal';
    }),
  );
}
