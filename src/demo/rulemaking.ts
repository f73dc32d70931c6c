/**
 * The demo district's rule-making year (2026): normative documents (the stock at once, the year's cleanup, lapses
 * and drafts step by step), major decisions and the year of legality reviews. The stock is bulk-inserted with the
 * district; the steps run after it, like the enforcement year: at once in one transaction (`fazhi demo`, the tests),
 * or in the background one step per transaction while the server answers (`npm start`).
 */
import type { AppDeps } from '../http/deps.ts';
import { demoDecisionSteps } from '../modules/decisions/index.ts';
import {
  demoNormativeYear,
  type NormativeStock,
  seedDemoNormativeStock,
} from '../modules/normative/index.ts';
import { actorForUsername } from '../platform/access/index.ts';
import { loadCalendar } from '../platform/calendar/index.ts';
import { demoLegalityYear } from './legality.ts';
import { type DemoStep, runDemoSteps } from './steps.ts';

type Deps = Pick<AppDeps, 'db' | 'crypto'> & Partial<Pick<AppDeps, 'config'>>;

export interface DemoRulemakingResult {
  /** Normative documents of the stock: in force when the cleanup opened, and lapsed before it. */
  normativeInForce: number;
  normativeExpired: number;
  /** Steps run through the services and the engine (cleanup decisions, drafts, decisions, legality opinions). */
  steps: number;
}

/** The stock of normative documents (bulk, with the district). */
export const seedDemoRulemaking = (deps: Deps, opts: { tenantId: string; scale: number; now: Date }) =>
  seedDemoNormativeStock(deps, opts);

/** The year's steps of all three modules, then runs them in date order. */
export async function loadDemoRulemakingYear(
  deps: Deps,
  opts: { tenantId: string; scale: number; stock: NormativeStock; atomic: boolean },
): Promise<DemoRulemakingResult> {
  const { db } = deps;
  const { tenantId } = opts;
  const actor = async (u: string) => {
    const a = await actorForUsername(db, tenantId, u);
    if (!a) throw new Error(`示范数据：缺少示范账号 ${u}`);
    return a;
  };
  const calendar = await loadCalendar(db);
  const actors = {
    justice: await actor('justice'),
    leader: await actor('leader'),
    unitadmin: await actor('unitadmin'),
    reviewer: await actor('reviewer'),
  };
  const steps: DemoStep[] = [
    ...(await demoNormativeYear(deps, { tenantId, scale: opts.scale, calendar, actors })),
    ...(await demoDecisionSteps(db, tenantId)),
    ...(await demoLegalityYear(db, {
      tenantId,
      scale: opts.scale,
      rand: rng(Math.round(opts.scale * 1000) * 13 + Number(tenantId) + 5),
      calendar,
      justice: actors.justice,
      documents2026: opts.stock.documents2026,
    })),
  ];
  const n = await runDemoSteps(steps, deps, { atomic: opts.atomic });
  return { normativeInForce: opts.stock.inForce, normativeExpired: opts.stock.expired, steps: n };
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
