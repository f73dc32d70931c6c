import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { deadlineRuleOverrides } from '../calendar/calendar.tables.ts';
import { logEntries } from '../log/index.ts';
import { createTenant } from '../tenancy/index.ts';
import { effectiveRule, effectiveRules } from './clock.rules.ts';
import { deadlineRulesSeed, findDeadlineRule } from './deadline-rules.seed.ts';

let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let admin: Session;
let officer: Session;

beforeAll(async () => {
  deps = await openTestDeps();
  api = await testApi(deps);
  admin = await api.login('admin');
  officer = await api.login('officer');
});
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const T = '500113';
const countLog = async (kind: string) =>
  (await deps.db.select({ n: count() }).from(logEntries).where(eq(logEntries.kind, kind)))[0]!.n;
async function lastLog(kind: string) {
  const [row] = await queryRows<{ body: string }>(
    deps.db,
    sql`select body from log_entries where kind = ${kind} order by created_at desc, id desc limit 1`,
  );
  return JSON.parse(row!.body);
}
const put = (code: string, body: unknown, as = admin) =>
  api.call(as, 'PUT', `/api/clock/rules/${code}`, body);
const pointers = (res: { json(): { errors: { pointer: string }[] } }) =>
  res
    .json()
    .errors.map((e) => e.pointer)
    .sort();

describe('deadline rules in force', () => {
  it('lists every seeded rule for any official, none overridden, with what may be changed', async () => {
    const res = await api.call(officer, 'GET', '/api/clock/rules');
    expect(res.statusCode).toBe(200);
    const rules = res.json();
    expect(rules.map((r: { code: string }) => r.code)).toEqual(deadlineRulesSeed.map((r) => r.code));
    expect(rules.every((r: { overridden: boolean }) => !r.overridden)).toBe(true);
    const comment = rules.find((r: { code: string }) => r.code === 'decision.public-comment');
    expect(comment).toMatchObject({ policy: 'lengthen-only', override: null, statutory: { amount: 30 } });
    const aid = rules.find((r: { code: string }) => r.code === 'legal-aid.review');
    expect(aid).toMatchObject({ policy: 'free', statutory: { configurable: true, tag: 'M' } });
    expect(await effectiveRules(deps.db, T)).toEqual(deadlineRulesSeed);
  });

  it('lets a tenant shorten an authority limit, logged, for that tenant only; then back to the statute', async () => {
    const logged = await countLog('clock.rule.overridden');
    const res = await put('licensing.decision', { amount: 15, note: '××区行政许可承诺时限规定第三条' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      overridden: true,
      effective: { amount: 15, unit: 'workday', statute: '行政许可法第四十二条、第八十二条' },
      override: { amount: 15, note: '××区行政许可承诺时限规定第三条', updatedBy: `${T}/admin` },
      statutory: { amount: 20 },
    });
    expect(res.json().effective.note).toMatch(/^本地规定：××区/);
    expect(await countLog('clock.rule.overridden')).toBe(logged + 1);
    const entry = await lastLog('clock.rule.overridden');
    expect(entry).toMatchObject({
      tenant: T,
      actor: { username: 'admin' },
      subject: { type: 'deadline-rule', id: 'licensing.decision' },
      before: { statutory: true, amount: 20 },
      after: { amount: 15, unit: 'workday' },
    });
    expect((await effectiveRule(deps.db, T, 'licensing.decision')).amount).toBe(15);
    expect((await effectiveRules(deps.db, T)).find((r) => r.code === 'licensing.decision')?.amount).toBe(15);

    await createTenant(deps.db, {
      id: '500112',
      name: '渝北区',
      governmentName: '渝北区人民政府',
      now: deps.clock.now(),
    });
    expect((await effectiveRule(deps.db, '500112', 'licensing.decision')).amount).toBe(20);

    // A second change records the previous local value.
    expect((await put('licensing.decision', { amount: 12, note: '修订后的承诺时限' })).statusCode).toBe(200);
    expect((await lastLog('clock.rule.overridden')).before).toMatchObject({ amount: 15 });

    const reset = await api.call(admin, 'DELETE', '/api/clock/rules/licensing.decision');
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ overridden: false, override: null, effective: { amount: 20 } });
    expect((await lastLog('clock.rule.reset')).before).toMatchObject({ amount: 12 });
    expect((await effectiveRule(deps.db, T, 'licensing.decision')).amount).toBe(20);
    const again = await api.call(admin, 'DELETE', '/api/clock/rules/licensing.decision');
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('CLOCK.RULE_OVERRIDE_NOT_FOUND');
  });

  it('refuses, with 409, what the statute forbids: longer limits, shorter minimums, changed party periods', async () => {
    const logged = await countLog('clock.rule.overridden');
    const longer = await put('licensing.decision', { amount: 30, note: '延长' });
    expect(longer.statusCode).toBe(409);
    expect(longer.json().code).toBe('CLOCK.RULE_AGAINST_STATUTE');
    expect(pointers(longer)).toEqual(['/body/amount']);
    const shorter = await put('decision.public-comment', { amount: 20, rollToWorkday: false, note: '紧急' });
    expect(shorter.statusCode).toBe(409);
    expect(pointers(shorter)).toEqual(['/body/amount', '/body/rollToWorkday']);
    const party = await put('penalty.hearing-request', { amount: 3, note: '本地' });
    expect(party.statusCode).toBe(409);
    expect(party.json().errors[0].detail).toContain('法律给予当事人的期间');
    const unit = await put('penalty.fine-payment', { unit: 'workday', note: '本地' });
    expect(pointers(unit)).toEqual(['/body/unit']);
    expect(await countLog('clock.rule.overridden')).toBe(logged);
    expect(await deps.db.select().from(deadlineRuleOverrides)).toEqual([]);

    // What is allowed: a longer minimum, a party period's warning window, any sane value of an [M] rule.
    expect(
      (await put('decision.public-comment', { amount: 45, note: '本市规定不少于45日' })).statusCode,
    ).toBe(200);
    expect(
      (await put('penalty.hearing-request', { warnBefore: { amount: 2, unit: 'workday' } })).statusCode,
    ).toBe(200);
    const aid = await put('legal-aid.review', { amount: 5, unit: 'workday', note: '法律援助案件程序规定' });
    expect(aid.json().effective).toMatchObject({ amount: 5, unit: 'workday', rollToWorkday: false });
  });

  it('answers 400 with every problem of a malformed or incomplete local rule', async () => {
    const shape = await put('licensing.decision', { amount: 'x', unit: 'week', extra: 1 });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().code).toBe('REQUEST.INVALID');
    expect(pointers(shape)).toEqual(['/body', '/body/amount', '/body/unit']);
    const noNote = await put('licensing.decision', { amount: 10 });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().code).toBe('CLOCK.RULE_OVERRIDE_INVALID');
    expect(pointers(noNote)).toEqual(['/body/note']);
    // Malformed and forbidden together: 400, listing both.
    const mixed = await put('licensing.decision', {
      amount: 30,
      warnBefore: { amount: 40, unit: 'workday' },
    });
    expect(mixed.statusCode).toBe(400);
    expect(pointers(mixed)).toEqual(['/body/amount', '/body/note', '/body/warnBefore/amount']);
    expect((await put('no.such-rule', { amount: 1 })).statusCode).toBe(404);
    expect((await put('NOT A CODE', {})).statusCode).toBe(400);
  });

  it('does not apply a stored local rule the current statute forbids, and says why', async () => {
    const statutory = findDeadlineRule('licensing.certificate')!;
    await deps.db.insert(deadlineRuleOverrides).values({
      tenantId: T,
      code: statutory.code,
      rule: { ...statutory, amount: 15, note: '旧版本允许的值' },
      updatedAt: deps.clock.now(),
      updatedBy: `${T}/admin`,
    });
    const view = (await api.call(officer, 'GET', '/api/clock/rules'))
      .json()
      .find((r: { code: string }) => r.code === statutory.code);
    expect(view).toMatchObject({ overridden: false, override: { amount: 15 }, effective: { amount: 10 } });
    expect(view.overrideProblems[0].detail).toContain('只能缩短');
    expect((await effectiveRule(deps.db, T, statutory.code)).amount).toBe(10);
    await expect(effectiveRule(deps.db, T, 'no.such-rule')).rejects.toMatchObject({
      code: 'CLOCK.RULE_NOT_FOUND',
    });
  });

  it('answers 401 without a session and 403 without clock.rule.manage', async () => {
    expect((await api.call(null, 'GET', '/api/clock/rules')).statusCode).toBe(401);
    expect((await put('licensing.decision', { amount: 10, note: 'x' }, null as never)).statusCode).toBe(401);
    expect((await api.call(null, 'DELETE', '/api/clock/rules/licensing.decision')).statusCode).toBe(401);
    const forbidden = await put('licensing.decision', { amount: 10, note: 'x' }, officer);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('AUTH.FORBIDDEN');
    expect((await api.call(officer, 'DELETE', '/api/clock/rules/licensing.decision')).statusCode).toBe(403);
  });
});
