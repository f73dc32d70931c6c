/**
 * What the penalty-case guards read from the database: the matter catalogue, the body, the officers' credentials,
 * and the statutory periods recomputed from the case's facts (the same `computeDeadline` the engine uses, over the
 * same clock events, which the steps also keep in the case data).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/access/index.ts';
import { type ClockEvent, computeDeadline, effectiveRule } from '../../platform/clock/index.ts';
import { calendarFor } from '../../platform/workflow/index.ts';
import { credentialProblems } from './credentials.ts';
import type { PenaltyRange } from './discretion.ts';
import { enforcementBodies, enforcementMatters, enforcementOfficers } from './enforcement.tables.ts';

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export interface CaseMatter extends PenaltyRange {
  id: string;
  code: string;
  name: string;
  bodyId: string;
  status: string;
}

/** A matter of the catalogue (the catalogue is public, 事前公开: no scope applies), or null. */
export async function findMatter(ctx: Ctx, id: unknown): Promise<CaseMatter | null> {
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [m] = await ctx.db
    .select({
      id: enforcementMatters.id,
      code: enforcementMatters.code,
      name: enforcementMatters.name,
      type: enforcementMatters.type,
      bodyId: enforcementMatters.bodyId,
      status: enforcementMatters.status,
      fineMin: enforcementMatters.fineMin,
      fineMax: enforcementMatters.fineMax,
      otherPenalties: enforcementMatters.otherPenalties,
      discretion: enforcementMatters.discretion,
    })
    .from(enforcementMatters)
    .where(and(eq(enforcementMatters.tenantId, ctx.actor.tenantId), eq(enforcementMatters.id, id)));
  if (!m) return null;
  return {
    ...m,
    fineMin: m.fineMin === null ? null : Number(m.fineMin),
    fineMax: m.fineMax === null ? null : Number(m.fineMax),
    otherPenalties: json(m.otherPenalties),
    discretion: json(m.discretion),
  };
}

/** An enforcement body, or null. */
export async function findBody(ctx: Ctx, id: unknown) {
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [b] = await ctx.db
    .select({
      id: enforcementBodies.id,
      unitId: enforcementBodies.unitId,
      status: enforcementBodies.status,
      domains: enforcementBodies.domains,
    })
    .from(enforcementBodies)
    .where(and(eq(enforcementBodies.tenantId, ctx.actor.tenantId), eq(enforcementBodies.id, id)));
  return b ? { ...b, domains: json(b.domains) } : null;
}

/**
 * Which of `userIds` may investigate for `bodyId` on `onDate` in `domain`: a 行政执法证 of that body, usable on the
 * date and covering the domain (`credentialProblems`).
 */
export async function credentialedOfficers(
  ctx: Ctx,
  userIds: string[],
  bodyId: string,
  onDate: string,
  domain: string | undefined,
): Promise<string[]> {
  const ids = [...new Set(userIds)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .select({
      userId: enforcementOfficers.userId,
      credentialNo: enforcementOfficers.credentialNo,
      category: enforcementOfficers.category,
      domains: enforcementOfficers.domains,
      validFrom: enforcementOfficers.validFrom,
      validTo: enforcementOfficers.validTo,
      status: enforcementOfficers.status,
    })
    .from(enforcementOfficers)
    .where(
      and(
        eq(enforcementOfficers.tenantId, ctx.actor.tenantId),
        eq(enforcementOfficers.bodyId, bodyId),
        inArray(enforcementOfficers.userId, ids),
      ),
    );
  return ids.filter((id) =>
    rows.some(
      (r) =>
        r.userId === id &&
        credentialProblems({ ...r, domains: json(r.domains) }, onDate, { domain, category: '行政执法证' })
          .length === 0,
    ),
  );
}

/** The due date of rule `code` started on `start` with `events` (null while stopped). */
export async function dueDateOf(
  ctx: Ctx,
  code: string,
  start: string,
  events: readonly ClockEvent[] = [],
): Promise<string | null> {
  const [rule, calendar] = await Promise.all([
    effectiveRule(ctx.db, ctx.actor.tenantId, code),
    calendarFor(ctx.db),
  ]);
  return computeDeadline(rule, start, events, calendar).dueDate;
}

/** `date` plus `n` working days on the calendar in force. */
export async function addWorkdays(ctx: Ctx, date: string, n: number): Promise<string> {
  return (await calendarFor(ctx.db)).addWorkdays(date, n);
}
