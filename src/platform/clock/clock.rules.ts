/**
 * The deadline rules in force for a tenant: the seeded statutory rules with the tenant's local versions
 * (`deadline_rule_overrides`), and the commands that set and remove a local version, each recorded in the log.
 *
 * A stored local version holds the whole rule as the tenant set it (its `note` is the local note only). When read,
 * only its period, warning window and note are taken, over the current statutory rule, and checked again against
 * it (`rule-override.ts`): if a later release changed the statute so that the local version is no longer allowed,
 * the statute applies and the listing says why.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { DomainError, type FieldProblem, notFound } from '../../kernel/errors.ts';
import { type Ctx, inTx, logActorOf } from '../access/index.ts';
import { deadlineRuleOverrides } from '../calendar/calendar.tables.ts';
import { appendLogEntry } from '../log/index.ts';
import type { DeadlineRule } from './deadline-rule.ts';
import { deadlineRulesSeed, findDeadlineRule } from './deadline-rules.seed.ts';
import {
  applyRuleOverride,
  OVERRIDE_POLICY_TEXT,
  type OverridePolicy,
  overrideOf,
  overridePolicy,
  overrideRule,
  type RuleOverride,
  type RuleOverrideInput,
  resolveOverride,
} from './rule-override.ts';

/** A rule as administrators see it: the statute, the local version if any, and what is in force. */
export interface RuleView {
  code: string;
  statutory: DeadlineRule;
  /** The rule in force for the tenant. */
  effective: DeadlineRule;
  /** True when a valid local version is in force. */
  overridden: boolean;
  /** The stored local version, if any (also when it is no longer allowed). */
  override: (RuleOverride & { updatedAt: Date; updatedBy: string }) | null;
  /** Why a stored local version is not applied (empty otherwise). */
  overrideProblems: FieldProblem[];
  policy: OverridePolicy;
  policyText: string;
}

type OverrideRow = typeof deadlineRuleOverrides.$inferSelect;

function view(statutory: DeadlineRule, row: OverrideRow | undefined): RuleView {
  const policy = overridePolicy(statutory);
  const base = {
    code: statutory.code,
    statutory,
    policy,
    policyText: OVERRIDE_POLICY_TEXT[policy],
  };
  if (!row) return { ...base, effective: statutory, overridden: false, override: null, overrideProblems: [] };
  const local = overrideOf(row.rule);
  const checked = overrideRule(statutory, local);
  const override = { ...local, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  if (checked.rule === null) {
    return {
      ...base,
      effective: statutory,
      overridden: false,
      override,
      overrideProblems: checked.problems.map(({ pointer, detail }) => ({ pointer, detail })),
    };
  }
  return { ...base, effective: checked.rule, overridden: true, override, overrideProblems: [] };
}

function statutoryRule(code: string): DeadlineRule {
  const rule = findDeadlineRule(code);
  if (!rule) throw notFound('CLOCK.RULE_NOT_FOUND', `未找到期限规则“${code}”`);
  return rule;
}

async function overrideRows(db: Db, tenantId: string, code?: string): Promise<Map<string, OverrideRow>> {
  const where = code
    ? and(eq(deadlineRuleOverrides.tenantId, tenantId), eq(deadlineRuleOverrides.code, code))
    : eq(deadlineRuleOverrides.tenantId, tenantId);
  const rows = await db.select().from(deadlineRuleOverrides).where(where);
  return new Map(rows.map((r) => [r.code, r]));
}

/** Every seeded rule as the tenant sees it, in seed order. */
export async function listRuleViews(db: Db, tenantId: string): Promise<RuleView[]> {
  const rows = await overrideRows(db, tenantId);
  return deadlineRulesSeed.map((r) => view(r, rows.get(r.code)));
}

/** One rule as the tenant sees it; 404 `CLOCK.RULE_NOT_FOUND` for an unknown code. */
export async function getRuleView(db: Db, tenantId: string, code: string): Promise<RuleView> {
  const statutory = statutoryRule(code);
  return view(statutory, (await overrideRows(db, tenantId, code)).get(code));
}

/**
 * The rules in force for `tenantId` (statute or valid local version), in seed order. For the workflow engine:
 * snapshot the rule when a period starts, so later changes do not move running deadlines.
 */
export async function effectiveRules(db: Db, tenantId: string): Promise<DeadlineRule[]> {
  return (await listRuleViews(db, tenantId)).map((v) => v.effective);
}

/** The rule `code` in force for `tenantId`; throws 404 `CLOCK.RULE_NOT_FOUND` for an unknown code. */
export async function effectiveRule(db: Db, tenantId: string, code: string): Promise<DeadlineRule> {
  return (await getRuleView(db, tenantId, code)).effective;
}

const logForm = (o: RuleOverride | null) =>
  o && {
    amount: o.amount,
    unit: o.unit,
    rollToWorkday: o.rollToWorkday,
    warnBefore: o.warnBefore ?? null,
    note: o.note ?? null,
  };

/**
 * Sets the tenant's local version of rule `code` (PUT semantics: omitted fields take the statutory value).
 * Every problem is reported at once: malformed values give 400 `CLOCK.RULE_OVERRIDE_INVALID`; values the statute
 * forbids (and nothing else) give 409 `CLOCK.RULE_AGAINST_STATUTE`.
 */
export function setRuleOverride(ctx: Ctx, code: string, input: RuleOverrideInput): Promise<RuleView> {
  return inTx(ctx, async (ctx) => {
    const statutory = statutoryRule(code);
    const local = resolveOverride(statutory, input);
    const checked = overrideRule(statutory, local, '/body');
    if (checked.rule === null) {
      const errors = checked.problems.map(({ pointer, detail }) => ({ pointer, detail }));
      if (checked.problems.every((p) => p.law))
        throw new DomainError(
          'CLOCK.RULE_AGAINST_STATUTE',
          'conflict',
          `本地规定不能违反法定期限（${statutory.name}）`,
          errors,
        );
      throw new DomainError(
        'CLOCK.RULE_OVERRIDE_INVALID',
        'invalid',
        '期限规则设置有误，请按提示修改',
        errors,
      );
    }
    const tenantId = ctx.actor.tenantId;
    const [before] = await ctx.db
      .select()
      .from(deadlineRuleOverrides)
      .where(and(eq(deadlineRuleOverrides.tenantId, tenantId), eq(deadlineRuleOverrides.code, code)))
      .for('update');
    const stored: DeadlineRule = { ...applyRuleOverride(statutory, local) };
    if (local.note !== undefined) stored.note = local.note;
    else delete stored.note;
    const updatedBy = `${tenantId}/${ctx.actor.username}`;
    await ctx.db
      .insert(deadlineRuleOverrides)
      .values({ tenantId, code, rule: stored, updatedAt: ctx.now, updatedBy })
      .onConflictDoUpdate({
        target: [deadlineRuleOverrides.tenantId, deadlineRuleOverrides.code],
        set: { rule: stored, updatedAt: ctx.now, updatedBy },
      });
    await appendLogEntry(ctx.db, {
      tenantId,
      kind: 'clock.rule.overridden',
      actor: logActorOf(ctx.actor),
      subject: { type: 'deadline-rule', id: code },
      before: before
        ? logForm(overrideOf(before.rule))
        : { statutory: true, ...logForm(overrideOf(statutory)) },
      after: logForm(local),
      data: { name: statutory.name, statute: statutory.statute, policy: overridePolicy(statutory) },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return getRuleView(ctx.db, tenantId, code);
  });
}

/** Removes the tenant's local version of rule `code`: the statute applies again. 404 when there is none. */
export function clearRuleOverride(ctx: Ctx, code: string): Promise<RuleView> {
  return inTx(ctx, async (ctx) => {
    const statutory = statutoryRule(code);
    const tenantId = ctx.actor.tenantId;
    const [removed] = await ctx.db
      .delete(deadlineRuleOverrides)
      .where(and(eq(deadlineRuleOverrides.tenantId, tenantId), eq(deadlineRuleOverrides.code, code)))
      .returning();
    if (!removed)
      throw notFound('CLOCK.RULE_OVERRIDE_NOT_FOUND', `“${statutory.name}”没有本地规定，已按法定期限执行`);
    await appendLogEntry(ctx.db, {
      tenantId,
      kind: 'clock.rule.reset',
      actor: logActorOf(ctx.actor),
      subject: { type: 'deadline-rule', id: code },
      before: logForm(overrideOf(removed.rule)),
      after: { statutory: true, ...logForm(overrideOf(statutory)) },
      data: { name: statutory.name, statute: statutory.statute },
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return view(statutory, undefined);
  });
}
