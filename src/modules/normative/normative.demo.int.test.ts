import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi } from '../../../test/support/api.ts';
import { openTestDeps } from '../../../test/support/db.ts';
import { loadDemo } from '../../demo/index.ts';
import { loadDemoRulemakingYear, seedDemoRulemaking } from '../../demo/rulemaking.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { NORMATIVE_DEMO, type NormativeStock, searchInForce } from './index.ts';

/**
 * The demo district's rule-making year at the test scale (0.1), in a district of its own (the template's 500113 is
 * loaded without it): the normative stock, the cleanup over it whose figures are counts of its items and agree with
 * the documents' states, the year's drafts, the major decisions and the legality reviews, and the search of documents
 * in force finding demo documents on the admin side and on the portal.
 */
const TENANT = '500115';
let deps: Awaited<ReturnType<typeof openTestDeps>>;
let api: Awaited<ReturnType<typeof testApi>>;
let stock: NormativeStock;

beforeAll(async () => {
  deps = await openTestDeps('2026-11-26T10:00:00+08:00');
  api = await testApi(deps);
  await loadDemo(deps, { scale: 0.1, tenantId: TENANT, cases: 'later', rulemaking: false });
  stock = await seedDemoRulemaking(deps, { tenantId: TENANT, scale: 0.1, now: new Date() });
  await loadDemoRulemakingYear(deps, { tenantId: TENANT, scale: 0.1, stock, atomic: true });
}, 300_000);
afterAll(async () => {
  await api.close();
  await deps.database.close();
});

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(deps.db, q);

describe('demo rule-making year (scale 0.1)', () => {
  it('holds the stock at the seed scale, numbered in the tenant format', async () => {
    expect(stock.inForce).toBe(Math.round(NORMATIVE_DEMO.inForce * 0.1));
    const numbers = await rows<{ number: string }>(
      sql`select number from normative_register where tenant_id = ${TENANT}`,
    );
    expect(numbers.length).toBeGreaterThanOrEqual(stock.inForce + stock.expired);
    expect(numbers.every((n) => /^示范[^〔]+规〔20\d\d〕\d+号$/.test(n.number))).toBe(true);
    expect(new Set(numbers.map((n) => n.number)).size).toBe(numbers.length);
  });

  it('has one published cleanup whose figures are the counts of its items and match the documents', async () => {
    const [campaign] = await rows<{ id: string; status: string; document_count: number }>(
      sql`select id, status, document_count from normative_cleanups where tenant_id = ${TENANT}`,
    );
    expect(campaign!.status).toBe('published');
    expect(campaign!.document_count).toBe(stock.inForce);
    const portal = await api.call(null, 'GET', `/api/public/normative/cleanups?tenant=${TENANT}`);
    expect(portal.statusCode, portal.body).toBe(200);
    const counts = portal.json()[0].counts as Record<string, number>;
    const byOutcome = Object.fromEntries(
      (
        await rows<{ outcome: string; n: number }>(
          sql`select outcome, count(*)::int as n from normative_cleanup_items where tenant_id = ${TENANT} group by outcome`,
        )
      ).map((r) => [r.outcome, Number(r.n)]),
    );
    expect(counts).toMatchObject({
      total: stock.inForce,
      undecided: 0,
      repeal: Math.round(NORMATIVE_DEMO.repealed * 0.1),
      amend: 1,
      invalid: 0,
      keep: stock.inForce - Math.round(NORMATIVE_DEMO.repealed * 0.1) - 1,
    });
    expect(byOutcome).toEqual({ keep: counts.keep, amend: counts.amend, repeal: counts.repeal });
    // every repeal went through the document's step: its case and register agree with the item
    const mismatched = await rows<{ n: number }>(
      sql`select count(*)::int as n from normative_cleanup_items i
            join cases c on c.tenant_id = i.tenant_id and c.id = i.case_id
            join normative_register r on r.tenant_id = i.tenant_id and r.case_id = i.case_id
           where i.tenant_id = ${TENANT}
             and ((i.outcome = 'repeal') <> (c.state = 'repealed' and r.status = 'repealed'))`,
    );
    expect(Number(mismatched[0]!.n)).toBe(0);
  });

  it('runs the year’s drafts through comment, review, numbering, publication and filing with one 补正', async () => {
    const drafts = await rows<{ title: string; state: string; number: string | null }>(
      sql`select c.title, c.state, r.number from cases c
            left join normative_register r on r.tenant_id = c.tenant_id and r.case_id = c.id
           where c.tenant_id = ${TENANT} and c.type = 'normative.document' and not (c.data ? 'imported')`,
    );
    const by = (t: string) => drafts.find((d) => d.title === t)!;
    expect(by('示范区市场主体住所（经营场所）登记管理办法')).toMatchObject({ state: 'filed' });
    expect(by('示范区市场主体住所（经营场所）登记管理办法').number).toMatch(/^示范府规〔2026〕\d+号$/);
    expect(by('示范区食品小作坊登记管理实施细则').number).toMatch(/^示范市监规〔2026〕\d+号$/);
    expect(by('示范区电动自行车停放充电管理办法').state).toBe('legality-review');
    expect(drafts.map((d) => d.state).sort()).toEqual(
      ['abandoned', 'filed', 'filed', 'filing', 'legality-review', 'not-normative'].sort(),
    );
    const events = await rows<{ name: string }>(
      sql`select e.name from case_events e join cases c on c.tenant_id = e.tenant_id and c.id = e.case_id
           where c.tenant_id = ${TENANT} and c.title = '示范区市场主体住所（经营场所）登记管理办法' and e.kind = 'transition'`,
    );
    expect(events.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        'openComment',
        'closeComment',
        'requestFilingCorrection',
        'resubmitFiling',
        'acceptFiling',
      ]),
    );
    const comments = await rows<{ n: number; undisposed: number }>(
      sql`select count(*)::int as n, count(*) filter (where disposition is null)::int as undisposed
            from normative_comments where tenant_id = ${TENANT}`,
    );
    expect(comments[0]).toEqual({ n: 7, undisposed: 0 });
  });

  it('finds demo documents in force by Chinese words, on the admin side and the portal', async () => {
    const [doc] = await rows<{ number: string; title: string }>(
      sql`select number, title from normative_register
           where tenant_id = ${TENANT} and status = 'in-force' and title like '%物业%' order by number limit 1`,
    );
    expect(doc).toBeTruthy();
    const admin = await searchInForce(deps.db, TENANT, '2026-11-26', { q: '物业' });
    expect(admin.items.map((i) => i.number)).toContain(doc!.number);
    const portal = await api.call(
      null,
      'GET',
      `/api/public/normative/documents?tenant=${TENANT}&q=${encodeURIComponent('物业')}`,
    );
    expect(portal.statusCode, portal.body).toBe(200);
    expect(portal.json().items.map((i: { number: string }) => i.number)).toContain(doc!.number);
    // a repealed document is no longer found
    const [gone] = await rows<{ title: string; number: string }>(
      sql`select title, number from normative_register where tenant_id = ${TENANT} and status = 'repealed' limit 1`,
    );
    const after = await searchInForce(deps.db, TENANT, '2026-11-26', { q: gone!.title });
    expect(after.items.map((i) => i.number)).not.toContain(gone!.number);
  });

  it('reviews about a tenth of the seed’s thousand-plus in the year, twice where the kind needs it', async () => {
    const reviews = await rows<{ kind: string; state: string; n: number }>(
      sql`select data->>'kind' as kind, state, count(*)::int as n from cases
           where tenant_id = ${TENANT} and type = 'legality.review' group by 1, 2`,
    );
    const total = reviews.reduce((s, r) => s + Number(r.n), 0);
    expect(total).toBeGreaterThanOrEqual(100);
    expect(new Set(reviews.map((r) => r.kind))).toEqual(
      new Set(['contract', 'other', 'normative-document', 'major-decision']),
    );
    const ops = await rows<{ kind: string; stage: string; outcome: string; late: number }>(
      sql`select kind, stage, outcome, count(*) filter (where due_date < reviewed_on)::int as late
            from legality_opinions where tenant_id = ${TENANT} group by 1, 2, 3`,
    );
    const outcomes = new Set(ops.map((o) => o.outcome));
    for (const o of ['pass', 'pass-with-changes', 'fail']) expect(outcomes.has(o)).toBe(true);
    expect(ops.some((o) => o.stage === 'justice' && o.kind === 'contract')).toBe(true);
    expect(ops.some((o) => o.stage === 'justice' && o.kind === 'other')).toBe(false);
    expect(ops.reduce((s, o) => s + Number(o.late), 0)).toBeGreaterThan(0);
    // every 2026 document of the stock passed its review before its number
    const unreviewed = await rows<{ n: number }>(
      sql`select count(*)::int as n from normative_register r
           where r.tenant_id = ${TENANT} and r.registered_on >= '2026-01-01' and not exists (
             select 1 from cases l where l.tenant_id = r.tenant_id and l.type = 'legality.review'
               and l.state = 'passed' and l.data->'subject'->>'id' = r.case_id::text and l.created_at::date < r.registered_on)`,
    );
    expect(Number(unreviewed[0]!.n)).toBe(0);
  });

  it('has the major decisions on 2026 dates, one decided, published and being implemented', async () => {
    const decisions = await rows<{ title: string; state: string }>(
      sql`select title, state from cases where tenant_id = ${TENANT} and type = 'decisions.decision'`,
    );
    expect(decisions.find((d) => d.title === '示范区城市生活垃圾分类实施方案')?.state).toBe('implementing');
    const late = await rows<{ n: number }>(
      sql`select count(*)::int as n from case_deadlines where tenant_id = ${TENANT} and due_date >= '2027-01-01'`,
    );
    expect(Number(late[0]!.n)).toBe(0);
  });
});
