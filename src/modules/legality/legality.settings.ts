/**
 * 双重审查设置 per district: which kinds of legality review go to the justice bureau after the unit's legal staff.
 * The default is the code's `REVIEW_KINDS[kind].twoStage`; a change is a new row of `legality_kind_settings` (with
 * its reason, who and when) and an entry of the transparency log, in one transaction. A review follows the plan in
 * force when it was requested (`twoStageAt` with the review's creation time), so a later change does not move a
 * review already under way.
 */
import { and, desc, eq, lte } from 'drizzle-orm';
import { newId } from '../../kernel/ids.ts';
import { type Ctx, inTx, logActorOf } from '../../platform/access/index.ts';
import { appendLogEntry } from '../../platform/log/index.ts';
import { cases } from '../../platform/workflow/index.ts';
import { REVIEW_KIND_CODES, REVIEW_KINDS, type ReviewKind } from './legality.kinds.ts';
import { legalityKindSettings } from './legality.tables.ts';

export interface KindSetting {
  code: ReviewKind;
  label: string;
  twoStage: boolean;
  /** The code's default (双重审查 or not). */
  defaultTwoStage: boolean;
  rule: string;
  /** The district's latest change, if it changed the default. */
  changedAt: Date | null;
  changedByName: string | null;
  reason: string | null;
}

/** The plan of every kind in force at `at` (default now) in the actor's district. */
export async function kindSettings(ctx: Ctx, at: Date = ctx.now): Promise<KindSetting[]> {
  const rows = await ctx.db
    .select()
    .from(legalityKindSettings)
    .where(
      and(eq(legalityKindSettings.tenantId, ctx.actor.tenantId), lte(legalityKindSettings.changedAt, at)),
    )
    .orderBy(desc(legalityKindSettings.changedAt), desc(legalityKindSettings.id));
  return REVIEW_KIND_CODES.map((code) => {
    const k = REVIEW_KINDS[code];
    const r = rows.find((x) => x.kind === code);
    return {
      code,
      label: k.label,
      twoStage: r ? r.twoStage : k.twoStage,
      defaultTwoStage: k.twoStage,
      rule: k.rule,
      changedAt: r?.changedAt ?? null,
      changedByName: r?.changedByName ?? null,
      reason: r?.reason ?? null,
    };
  });
}

/** Whether a review of `kind` requested at `at` goes to the justice bureau (unknown kinds: yes). */
export async function twoStageAt(ctx: Ctx, kind: unknown, at: Date): Promise<boolean> {
  if (typeof kind !== 'string' || !(kind in REVIEW_KINDS)) return true;
  const [r] = await ctx.db
    .select({ twoStage: legalityKindSettings.twoStage })
    .from(legalityKindSettings)
    .where(
      and(
        eq(legalityKindSettings.tenantId, ctx.actor.tenantId),
        eq(legalityKindSettings.kind, kind),
        lte(legalityKindSettings.changedAt, at),
      ),
    )
    .orderBy(desc(legalityKindSettings.changedAt), desc(legalityKindSettings.id))
    .limit(1);
  return r ? r.twoStage : REVIEW_KINDS[kind as ReviewKind].twoStage;
}

/** The plan of the review case `caseId`: the one in force when the review was requested. */
export async function reviewIsTwoStage(ctx: Ctx, caseId: string, kind: unknown): Promise<boolean> {
  const [c] = await ctx.db
    .select({ createdAt: cases.createdAt })
    .from(cases)
    .where(and(eq(cases.tenantId, ctx.actor.tenantId), eq(cases.id, caseId)));
  return twoStageAt(ctx, kind, c?.createdAt ?? ctx.now);
}

/** Changes whether `kind` is reviewed twice from now on; logged with the reason. Returns the new settings. */
export function setKindTwoStage(ctx: Ctx, kind: ReviewKind, change: { twoStage: boolean; reason: string }) {
  return inTx(ctx, async (ctx) => {
    const before = await twoStageAt(ctx, kind, ctx.now);
    const id = newId();
    await ctx.db.insert(legalityKindSettings).values({
      tenantId: ctx.actor.tenantId,
      id,
      kind,
      twoStage: change.twoStage,
      reason: change.reason,
      changedById: ctx.actor.userId,
      changedByName: ctx.actor.displayName,
      changedAt: ctx.now,
    });
    await appendLogEntry(ctx.db, {
      tenantId: ctx.actor.tenantId,
      kind: 'legality.kind-setting.changed',
      actor: logActorOf(ctx.actor),
      subject: { type: 'legality.kind', id: kind },
      before: { twoStage: before },
      after: { twoStage: change.twoStage },
      data: { settingId: id, reason: change.reason },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return kindSettings(ctx);
  });
}
