/**
 * A year of enforcement cases for the demo district (2026, January to October), handled step by step through the
 * workflow engine as the officials who would do each step, on the day they would do it (`ctx.now` is the step's
 * date, so clocks, numbers, the timeline and the transparency log are as if the year had been lived). At scale 1 it
 * matches the seed report's 374 published penalty decisions, with the cases that end otherwise around them.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../http/deps.ts';
import { loadConfig } from '../kernel/config.ts';
import { queryRows } from '../kernel/db/index.ts';
import { PENALTY_CASE_TYPE, publicityDraft } from '../modules/enforcement/index.ts';
import { reviewPassed } from '../modules/legality/index.ts';
import { type Actor, actorForUsername, type Ctx } from '../platform/access/index.ts';
import { loadCalendar, type WorkCalendar } from '../platform/calendar/index.ts';
import { computeIdCheck, computeUsccCheck } from '../platform/validators/index.ts';
import { addRecord, createCase, transition } from '../platform/workflow/index.ts';
import { GIVEN, PLACE_WORDS, STREETS, SURNAMES, TOWNS } from './names.ts';

/** The last day a demo step may fall on: every clock it starts then ends within the loaded 2026 calendar. */
const LAST_DAY = '2026-10-30';
const FIRST_DAY = '2026-01-05';

/** How many cases of each ending at scale 1 (the seed report: 374 penalty decisions published in the year). */
const MIX = {
  published: 374,
  /** 依法不予公开 (trade secrets at the heart of the facts). */
  exempt: 4,
  /** Decided in late October, publication not done yet. */
  awaitingPublication: 6,
  notFiled: 58,
  notEstablished: 24,
  /** 首违不罚 (行政处罚法第三十三条). */
  firstMinor: 41,
  transferred: 5,
  /** Filed in September and still under investigation or notified (decision period running). */
  open: 40,
  /** Filed in spring and still under investigation: the 90-day decision period has passed. */
  overdue: 12,
  /** 简易程序 (on-the-spot decisions). */
  summary: 160,
} as const;

type Rand = () => number;
type Outcome = keyof typeof MIX;

interface Team {
  bodyId: string;
  unitId: string;
  name: string;
  officers: Actor[];
  reviewer: Actor;
  prefix: string;
}

interface Step {
  date: string;
  as: Actor;
  /** `review`: the step `name` on the case's legality review (法制审核 through the legality service). */
  kind: 'create' | 'step' | 'record' | 'review' | 'publish';
  name: string;
  input: unknown | (() => unknown);
  unitId?: string;
}

export interface DemoCasesResult {
  cases: number;
  published: number;
  steps: number;
}

/**
 * Opens and advances the demo year's cases. `rand` is the demo's seeded generator, so the same scale gives the same
 * cases. Needs the calendar (2026) loaded and the demo's enforcement registries in place.
 */
export async function loadDemoCases(
  deps: Pick<AppDeps, 'db' | 'crypto'> & Partial<Pick<AppDeps, 'config'>>,
  opts: { tenantId: string; scale: number; rand: Rand; atomic?: boolean },
): Promise<DemoCasesResult> {
  const { db } = deps;
  const { tenantId, rand } = opts;
  const config = deps.config ?? loadConfig({});
  const calendar = await loadCalendar(db);
  const actor = async (username: string) => {
    const a = await actorForUsername(db, tenantId, username);
    if (!a) throw new Error(`demo account ${username} missing`);
    return a;
  };
  const leader = await actor('leader');
  const teams = await demoTeams(db, tenantId, actor);
  const market = teams.find((t) => t.name === '区市场监管综合行政执法支队');
  if (!market) return { cases: 0, published: 0, steps: 0 };
  // At small scales the ecology team may have fewer than two credentialed officers: its cases go to the market team.
  const ecology = teams.find((t) => t.name === '区生态环境保护综合行政执法支队');
  const matters = await demoMatters(db, tenantId);

  const n = (x: number) => Math.round(x * opts.scale);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;
  const workdays = workdaysOf(calendar, FIRST_DAY, LAST_DAY);
  const dayIn = (from: string, to: string) => pick(workdays.filter((d) => d >= from && d <= to));
  const wd = (d: string, k: number) => calendar.addWorkdays(d, k);
  const hash = (key: string) => createHash('sha256').update(`demo/${tenantId}/${key}`).digest('hex');

  const plans: Step[][] = [];
  let caseNo = 0;

  /** One ordinary-procedure case, from the clue to `ending`. */
  const ordinary = (ending: Outcome) => {
    const key = `case-${++caseNo}`;
    const steps: Step[] = [];
    const heavy = ending === 'published' || ending === 'exempt' || ending === 'awaitingPublication';
    const team: Team = heavy && chance(0.2) && ecology ? ecology : market;
    const matter =
      team !== market
        ? matters.air
        : ending === 'firstMinor' || chance(0.55)
          ? matters.licence
          : matters.food;
    const party = matter === matters.air || chance(0.45) ? organisation(rand) : person(rand);
    const latest =
      ending === 'overdue'
        ? '2026-07-10'
        : ending === 'open'
          ? '2026-09-04'
          : ending === 'awaitingPublication'
            ? '2026-08-10'
            : ending === 'notFiled'
              ? '2026-10-09'
              : '2026-07-10';
    const earliest = ending === 'overdue' ? '2026-04-01' : ending === 'open' ? '2026-08-10' : FIRST_DAY;
    const clue = dayIn(earliest, latest);
    const [officer, second] = twoOf(team.officers, rand);
    const source = pick(['投诉举报', '12345热线', '监督检查', '双随机抽查', '投诉举报', '上级交办']);
    const what = matter.fact(party);
    steps.push({
      date: clue,
      as: officer,
      kind: 'create',
      name: 'enforcement.penalty-case',
      unitId: team.unitId,
      input: {
        bodyId: team.bodyId,
        source,
        clueReceivedOn: clue,
        summary: `${source === '双随机抽查' ? '抽查发现' : source === '监督检查' ? '检查发现' : '反映'}${party.name}${what}`,
        party: party.data,
      },
    });
    let d = wd(clue, int(0, 2));
    steps.push({ date: d, as: officer, kind: 'step', name: 'verify', input: { startedOn: d } });
    d = wd(d, int(2, 9));
    if (ending === 'notFiled') {
      steps.push({
        date: d,
        as: officer,
        kind: 'step',
        name: 'refuseFiling',
        input: {
          decidedOn: d,
          reason: pick([
            '经核查，举报反映的问题不属实，未发现违法行为',
            '经核查，违法行为已超过两年追责期限（行政处罚法第三十六条）',
            '经核查，不属于本机关管辖，已告知举报人向有管辖权的机关反映',
          ]),
          approvedBy: '支队负责人',
        },
      });
      return plans.push(steps);
    }
    steps.push({
      date: d,
      as: officer,
      kind: 'step',
      name: 'file',
      input: {
        filedOn: d,
        matterId: matter.id,
        domain: matter.domain,
        cause: `涉嫌${what}`,
        approvedBy: '支队负责人',
      },
    });
    steps.push({
      date: d,
      as: officer,
      kind: 'step',
      name: 'assignInvestigators',
      input: { assignedOn: d, investigators: [officer.userId, second.userId] },
    });
    d = wd(d, int(1, 5));
    const evidence = matter.evidence.slice(0, int(2, matter.evidence.length));
    steps.push({
      date: d,
      as: officer,
      kind: 'step',
      name: 'recordEvidence',
      input: {
        items: evidence.map(([type, title], i) => ({
          type,
          title,
          collectedOn: d,
          sha256: hash(`${key}/evidence/${i}`),
        })),
      },
    });
    if (ending === 'overdue' || (ending === 'open' && chance(0.5))) return plans.push(steps);
    const circumstance = ending === 'firstMinor' ? '不予处罚' : pick(matter.common);
    const band = matter.bands[circumstance]!;
    const fine = band.max > 0 ? roundTo(band.min + rand() * (band.max - band.min), 1000, band) : 0;
    // 重大/复杂 cases (legal review and collective discussion before any decision) only among the penalties.
    const major = heavy && (matter === matters.air ? circumstance !== '从轻' : chance(0.06));
    const complex = heavy && chance(0.04);
    d = wd(d, int(4, 12));
    steps.push({
      date: d,
      as: officer,
      kind: 'step',
      name: 'concludeInvestigation',
      input: {
        concludedOn: d,
        report: `经调查，${party.name}${what}，事实清楚，证据确凿。建议${ending === 'notEstablished' ? '不予行政处罚' : ending === 'firstMinor' ? '依法不予行政处罚' : `给予${matter.penaltyText(fine, band.others)}的行政处罚`}。`,
        flags: { majorPenalty: major, complex, majorPublicInterest: false, otherLaw: false },
      },
    });
    const decideBy = (outcome: string) => ({
      outcome,
      decidedOn: '',
      decisionNo: '',
      facts:
        outcome === 'penalty'
          ? `经查，当事人${party.name}（住所：${party.data.address}）${what}。以上事实有${evidence.map(([, t]) => t).join('、')}等证据证实。`
          : outcome === 'transferred'
            ? `经查，当事人${party.name}${what}，涉案货值金额较大，涉嫌犯罪。`
            : outcome === 'not-established'
              ? `经查，现有证据不足以证明当事人${party.name}${what}。`
              : `经查，当事人${party.name}${what}，系首次违法，危害后果轻微并已及时改正。`,
      basis: outcome === 'no-penalty-minor' ? '《中华人民共和国行政处罚法》第三十三条第一款' : matter.basis,
      ...(outcome === 'penalty' ? { fine, circumstance, otherPenalties: band.others } : {}),
      ...(outcome === 'transferred' ? { transferredTo: '示范区公安分局' } : {}),
    });
    if (ending === 'notEstablished' || ending === 'transferred' || ending === 'firstMinor') {
      d = wd(d, int(2, 8));
      const outcome =
        ending === 'notEstablished'
          ? 'not-established'
          : ending === 'transferred'
            ? 'transferred'
            : 'no-penalty-minor';
      steps.push(decideStep(d, leader, team, decideBy(outcome)));
      if (ending === 'transferred') {
        d = wd(d, int(1, 3));
        steps.push(closeStep(d, officer, '已移送示范区公安分局，本案结案'));
      } else {
        d = wd(d, int(1, 4));
        steps.push(serveStep(d, officer));
        d = wd(d, int(1, 5));
        steps.push(
          closeStep(
            d,
            officer,
            outcome === 'no-penalty-minor' ? '首违不罚，已教育当事人' : '违法事实不能成立，结案',
          ),
        );
      }
      archive(steps, d, officer, team, key);
      return plans.push(steps);
    }
    // Prior notice (告知) with the hearing right when the penalty qualifies.
    d = wd(d, int(1, 4));
    const qualifies =
      fine >= (party.kind === 'person' ? 10_000 : 100_000) ||
      band.others.some((o) => o.includes('限制生产') || o.includes('停产'));
    const notifiedOn = d;
    steps.push({
      date: d,
      as: officer,
      kind: 'step',
      name: 'notify',
      input: {
        notifiedOn: d,
        method: pick(['直接送达', '直接送达', '邮寄送达', '电子送达']),
        facts: `当事人${what}`,
        reasons: matter.reason,
        basis: matter.basis,
        proposed: { fine, circumstance, otherPenalties: band.others },
        rights: { statement: true, defence: true, hearing: qualifies },
      },
    });
    if (ending === 'open') {
      if (qualifies) steps.pop(); // an open case with a running hearing clock would already be overdue
      return plans.push(steps);
    }
    let hearingHeld = false;
    if (qualifies) {
      const path = chance(0.5) ? 'waive' : chance(0.65) ? 'lapse' : 'hearing';
      if (path === 'waive') {
        d = wd(d, int(1, 3));
        steps.push({
          date: d,
          as: officer,
          kind: 'step',
          name: 'waiveHearing',
          input: { waivedOn: d, document: '放弃听证声明书', documentSha256: hash(`${key}/waiver`) },
        });
      } else if (path === 'lapse') d = wd(notifiedOn, 6);
      else {
        d = wd(d, int(1, 5));
        steps.push({ date: d, as: officer, kind: 'step', name: 'requestHearing', input: { requestedOn: d } });
        d = wd(d, 1);
        const hearingOn = wd(d, int(7, 10));
        steps.push({
          date: d,
          as: officer,
          kind: 'step',
          name: 'scheduleHearing',
          input: {
            noticeOn: d,
            hearingOn,
            place: `${team.name}听证室`,
            presiderId: team.reviewer.userId,
            presiderName: team.reviewer.displayName,
            publicHearing: true,
          },
        });
        d = hearingOn;
        steps.push({
          date: d,
          as: officer,
          kind: 'step',
          name: 'holdHearing',
          input: {
            heldOn: d,
            partyAbsent: false,
            record: `听证会于${d}举行，当事人到场陈述、申辩并质证，调查人员出示了证据。`,
            recordSigned: true,
          },
        });
        hearingHeld = true;
      }
    } else d = wd(d, int(3, 6));
    const review = hearingHeld || major || complex || chance(0.3);
    if (review) {
      steps.push({
        date: d,
        as: officer,
        kind: 'step',
        name: 'submitForReview',
        input: { submittedOn: d, materials: '调查终结报告、证据材料、告知书及送达回证' },
      });
      d = wd(d, int(2, 7));
      steps.push({
        date: d,
        as: team.reviewer,
        kind: 'review',
        name: 'unitPassFinal',
        input: {
          outcome: chance(0.15) ? 'pass-with-changes' : 'pass',
          reasons: '主体合法，事实清楚，证据确凿，适用依据正确，程序合法，处罚适当。',
          basis: matter.basis,
        },
      });
      d = wd(d, int(0, 2));
    }
    if (major || complex) {
      steps.push({
        date: d,
        as: officer,
        kind: 'step',
        name: 'submitForDiscussion',
        input: { submittedOn: d },
      });
      d = wd(d, int(1, 4));
      const members = ['主要负责人', '分管负责人', '法制机构负责人', '承办机构负责人'];
      steps.push({
        date: d,
        as: leader,
        kind: 'record',
        name: 'collective-discussion',
        input: {
          meetingType: '局长办公会',
          date: d,
          attendees: members.map((m) => ({ name: m })),
          opinions: members.map((m) => ({ name: m, opinion: '同意给予行政处罚' })),
          chairStatement: `同意对${party.name}给予${matter.penaltyText(fine, band.others)}的行政处罚`,
          result: 'approved',
        },
      });
    }
    const decidedOn = d;
    steps.push(decideStep(decidedOn, leader, team, decideBy('penalty')));
    // Service, execution, publication (7 working days), payment within 15 days, closing and archiving.
    d = wd(decidedOn, int(1, 3));
    const servedOn = d;
    steps.push(serveStep(d, officer));
    steps.push({ date: d, as: officer, kind: 'step', name: 'startExecution', input: {} });
    if (ending === 'published') {
      const late = chance(0.04);
      const on = late ? wd(decidedOn, int(8, 12)) : wd(decidedOn, int(2, 7));
      steps.push({
        date: later(on, servedOn),
        as: officer,
        kind: 'publish',
        name: 'publish',
        input: null,
      });
    } else if (ending === 'exempt') {
      steps.push({
        date: wd(servedOn, 1),
        as: officer,
        kind: 'step',
        name: 'exemptFromPublication',
        input: {
          reason: 'trade-secret-or-privacy',
          basis: '处罚决定的主要内容涉及当事人商业秘密，依法不予公开（政府信息公开条例第十五条）',
          decidedBy: '支队负责人',
        },
      });
    }
    // Not published yet and the fine not paid: the case stays in execution with both periods running.
    if (ending === 'awaitingPublication') return plans.push(steps.filter((s) => s.date <= LAST_DAY));
    // Paid within the 15 days (行政处罚法第六十七条), on a working day.
    let paidOn = wd(servedOn, int(1, 7));
    if (paidOn > calendar.addCalendarDays(servedOn, 15)) paidOn = servedOn;
    steps.push({
      date: paidOn,
      as: officer,
      kind: 'step',
      name: 'recordPayment',
      input: {
        paidOn,
        amount: fine,
        surcharge: 0,
        receiptNo: `FS${hash(`${key}/receipt`).slice(0, 10).toUpperCase()}`,
      },
    });
    d = wd(paidOn, int(1, 5));
    steps.push(closeStep(d, officer, '罚款已缴清，处罚决定执行完毕'));
    archive(steps, d, officer, team, key);
    steps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    plans.push(steps.filter((s) => s.date <= LAST_DAY));
  };

  const archive = (steps: Step[], closedOn: string, officer: Actor, team: Team, key: string) => {
    // Well after the publication (at most 12 working days after the decision), which an archived case no longer takes.
    const on = wd(closedOn, int(10, 20));
    if (on > LAST_DAY || chance(0.3)) return;
    steps.push({
      date: on,
      as: officer,
      kind: 'step',
      name: 'archive',
      input: { archivedOn: on, archiveNo: `${team.prefix}档〔2026〕${key.slice(5)}号`, volumes: 1 },
    });
  };

  /** One summary-procedure (on-the-spot) case. */
  const summary = () => {
    const key = `case-${++caseNo}`;
    const [officer, second] = twoOf(market.officers, rand);
    const party = chance(0.7) ? person(rand) : organisation(rand);
    const warning = chance(0.35);
    const fine = warning
      ? 0
      : party.kind === 'person'
        ? pick([50, 100, 100, 150, 200])
        : pick([500, 1000, 2000, 3000]);
    const d = dayIn(FIRST_DAY, LAST_DAY);
    const m = matters.licence;
    const steps: Step[] = [
      {
        date: d,
        as: officer,
        kind: 'create',
        name: 'enforcement.summary-case',
        unitId: market.unitId,
        input: {
          bodyId: market.bodyId,
          matterId: m.id,
          domain: m.domain,
          party: party.data,
          decidedOn: d,
          place: party.data.address,
          facts: `当事人${party.name}未将营业执照置于经营场所醒目位置，经责令改正后仍未改正`,
          basis: m.basis,
          penalty: warning ? '警告' : '罚款',
          fine,
          formNo: `示市监当〔2026〕${String(caseNo).padStart(5, '0')}`,
          officers: [officer.userId, second.userId],
          partySigned: true,
        },
      },
    ];
    const filed = wd(d, int(0, 2));
    if (filed <= LAST_DAY)
      steps.push({ date: filed, as: officer, kind: 'step', name: 'file', input: { filedOn: filed } });
    const paid = calendar.workdayOnOrAfter(calendar.addCalendarDays(d, int(0, 10)));
    if (paid <= LAST_DAY && filed <= LAST_DAY)
      steps.push({
        date: later(paid, filed),
        as: officer,
        kind: 'step',
        name: 'close',
        input: fine
          ? {
              paidOn: later(paid, filed),
              onSpotCollection: fine <= 100 && chance(0.5),
              receiptNo: `FS${hash(`${key}/receipt`).slice(0, 10).toUpperCase()}`,
            }
          : {},
      });
    plans.push(steps);
  };

  for (const [ending, count] of Object.entries(MIX) as [Outcome, number][])
    for (let i = 0; i < n(count); i++) (ending === 'summary' ? summary : () => ordinary(ending))();

  // One transaction for the whole year: each step is a savepoint inside it (the engine's own transaction), so a
  // failed step leaves no half-loaded year, and the embedded database writes its WAL once instead of per step.
  // Not atomic (a server loading the year after it started listening): each step commits on its own, so requests
  // are answered between steps; a crash leaves the year partly loaded.
  // PGlite answers in the same thread and its promises settle at once: without a macrotask between steps the
  // server would not read a single request until the whole year is in.
  if (opts.atomic === false)
    return runPlans(plans, { db, crypto: deps.crypto, config, calendar, yieldBetweenSteps: true });
  return db.transaction((tx) => runPlans(plans, { db: tx, crypto: deps.crypto, config, calendar }));
}

// ---------- running the plans in date order ----------

async function runPlans(
  plans: Step[][],
  deps: Pick<AppDeps, 'db' | 'crypto' | 'config'> & { calendar: WorkCalendar; yieldBetweenSteps?: boolean },
): Promise<DemoCasesResult> {
  const flat = plans.flatMap((steps, c) => steps.map((s, i) => ({ ...s, c, i })));
  flat.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.c - b.c || a.i - b.i));
  const ids: string[] = [];
  const states: string[] = [];
  const decisionNos = new Map<string, number>();
  let published = 0;
  let second = 0;
  let day = '';
  for (const s of flat) {
    if (deps.yieldBetweenSteps) await new Promise((r) => setImmediate(r));
    if (s.date !== day) {
      day = s.date;
      second = 0;
    }
    // 09:00 China time on the step's day, a second apart: the timeline and the log keep the steps' order.
    const ctx: Ctx = {
      db: deps.db,
      actor: s.as,
      requestId: 'demo',
      now: new Date(Date.parse(`${s.date}T09:00:00+08:00`) + 1000 * second++),
      crypto: deps.crypto,
      config: deps.config,
    };
    const input = typeof s.input === 'function' ? (s.input as () => unknown)() : s.input;
    if (s.kind === 'create') {
      const row = await createCase(ctx, s.name, { unitId: s.unitId, data: input });
      ids[s.c] = row.id;
      states[s.c] = row.state;
      continue;
    }
    const id = ids[s.c]!;
    if (s.kind === 'review') {
      const gate = await reviewPassed(ctx, { type: PENALTY_CASE_TYPE, id });
      await transition(ctx, gate.review!.id, s.name, input);
      continue;
    }
    if (s.kind === 'record') {
      await addRecord(ctx, id, s.name as 'legal-review', input);
      continue;
    }
    if (s.kind === 'publish') {
      const { replacements: _, ...draft } = await publicityDraft(ctx, id);
      const row = await transition(ctx, id, `publishIn${pascal(states[s.c]!)}`, {
        ...draft,
        publishedOn: s.date,
        reviewedBy: '支队法制员',
      });
      states[s.c] = row.state;
      published++;
      continue;
    }
    let name = s.name;
    let stepInput = input as Record<string, unknown>;
    if (name === 'exemptFromPublication') name = `exemptFromPublicationIn${pascal(states[s.c]!)}`;
    if (name === 'decide') {
      const prefix = String(stepInput.decisionNo);
      const no = (decisionNos.get(prefix) ?? 0) + 1;
      decisionNos.set(prefix, no);
      stepInput = { ...stepInput, decidedOn: s.date, decisionNo: `${prefix}〔2026〕${no}号` };
    }
    const row = await transition(ctx, id, name, stepInput);
    states[s.c] = row.state;
  }
  return { cases: plans.length, published, steps: flat.length };
}

const pascal = (s: string) => s.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

function decideStep(date: string, leader: Actor, team: Team, input: Record<string, unknown>): Step {
  return {
    date,
    as: leader,
    kind: 'step',
    name: 'decide',
    input: { ...input, decisionNo: input.outcome === 'penalty' ? `${team.prefix}罚` : `${team.prefix}不罚` },
  };
}
const serveStep = (date: string, officer: Actor): Step => ({
  date,
  as: officer,
  kind: 'step',
  name: 'serve',
  input: { servedOn: date, receivedOn: date, method: '直接送达', proof: '送达回证（当事人签收）' },
});
const closeStep = (date: string, officer: Actor, summary: string): Step => ({
  date,
  as: officer,
  kind: 'step',
  name: 'close',
  input: { closedOn: date, summary, approvedBy: '支队负责人' },
});

// ---------- the district's teams, matters and parties ----------

async function demoTeams(
  db: AppDeps['db'],
  tenantId: string,
  actor: (username: string) => Promise<Actor>,
): Promise<Team[]> {
  const rows = await queryRows<{ body_id: string; unit_id: string; name: string; username: string }>(
    db,
    sql`select b.id as body_id, b.unit_id, b.name, u.username
        from enforcement_bodies b
        join enforcement_officers o on o.tenant_id = b.tenant_id and o.body_id = b.id
        join users u on u.tenant_id = o.tenant_id and u.id = o.user_id
        where b.tenant_id = ${tenantId} and b.name in ('区市场监管综合行政执法支队', '区生态环境保护综合行政执法支队')
          and o.status = 'active' and o.valid_from <= '2026-01-01' and o.valid_to >= '2026-12-31'
        order by b.name, o.credential_no`,
  );
  const reviewers = await queryRows<{ username: string; dept: string }>(
    db,
    sql`select u.username, un.name as dept from users u
        join units un on un.tenant_id = u.tenant_id and un.id = u.unit_id
        join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
        join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
        where u.tenant_id = ${tenantId} and r.code = 'legal_reviewer' and un.name in ('区市场监督管理局', '区生态环境局')
        order by u.username`,
  );
  const teams: Team[] = [];
  for (const name of ['区市场监管综合行政执法支队', '区生态环境保护综合行政执法支队']) {
    const mine = rows.filter((r) => r.name === name);
    const dept = name.startsWith('区市场') ? '区市场监督管理局' : '区生态环境局';
    const reviewer = reviewers.find((r) => r.dept === dept);
    if (mine.length < 2 || !reviewer) continue;
    teams.push({
      bodyId: mine[0]!.body_id,
      unitId: mine[0]!.unit_id,
      name,
      officers: await Promise.all(mine.map((r) => actor(r.username))),
      reviewer: await actor(reviewer.username),
      prefix: name.startsWith('区市场') ? '示市监' : '示环',
    });
  }
  return teams;
}

interface Band {
  min: number;
  max: number;
  others: string[];
}
interface DemoMatter {
  id: string;
  domain: string;
  basis: string;
  reason: string;
  common: string[];
  bands: Record<string, Band>;
  evidence: [string, string][];
  fact: (p: Party) => string;
  penaltyText: (fine: number, others: string[]) => string;
}

async function demoMatters(db: AppDeps['db'], tenantId: string) {
  const rows = await queryRows<{ id: string; code: string }>(
    db,
    sql`select id, code from enforcement_matters where tenant_id = ${tenantId} and code in ('SCJG-CF-001', 'SCJG-CF-002', 'STHJ-CF-001')`,
  );
  const id = (code: string) => rows.find((r) => r.code === code)?.id ?? '';
  const penaltyText = (fine: number, others: string[]) =>
    [...(fine > 0 ? [`罚款${fine.toLocaleString('zh-CN')}元`] : []), ...others].join('、');
  const food: DemoMatter = {
    id: id('SCJG-CF-001'),
    domain: '食品安全',
    basis: '《中华人民共和国食品安全法》第一百二十四条第一款',
    reason: '违反《中华人民共和国食品安全法》第三十四条第十项',
    common: ['从轻', '从轻', '一般', '一般', '一般', '从重'],
    bands: {
      从轻: { min: 50_000, max: 65_000, others: ['没收违法所得'] },
      一般: { min: 65_000, max: 85_000, others: ['没收违法所得', '没收违法经营的食品'] },
      从重: { min: 85_000, max: 100_000, others: ['没收违法所得', '没收违法经营的食品'] },
    },
    evidence: [
      ['勘验笔录、现场笔录', '现场检查笔录'],
      ['书证', '进货台账及销售凭证'],
      ['物证', '超过保质期的预包装食品'],
      ['当事人的陈述', '询问笔录'],
    ],
    fact: () => pickFood(),
    penaltyText,
  };
  const licence: DemoMatter = {
    id: id('SCJG-CF-002'),
    domain: '市场监管',
    basis: '《中华人民共和国市场主体登记管理条例》第四十八条',
    reason: '违反《中华人民共和国市场主体登记管理条例》第二十三条',
    common: ['从轻', '从轻', '从轻', '一般', '一般', '从重'],
    bands: {
      不予处罚: { min: 0, max: 0, others: [] },
      从轻: { min: 2_000, max: 10_000, others: [] },
      一般: { min: 10_000, max: 20_000, others: [] },
      从重: { min: 20_000, max: 30_000, others: [] },
    },
    evidence: [
      ['勘验笔录、现场笔录', '现场检查笔录'],
      ['视听资料', '执法记录仪视频'],
      ['书证', '责令改正通知书及送达回证'],
    ],
    fact: () => '未将营业执照置于住所或者主要经营场所的醒目位置，经责令改正后拒不改正',
    penaltyText,
  };
  const air: DemoMatter = {
    id: id('STHJ-CF-001'),
    domain: '生态环境',
    basis: '《中华人民共和国大气污染防治法》第九十九条第二项',
    reason: '违反《中华人民共和国大气污染防治法》第十八条',
    common: ['从轻', '从轻', '一般', '一般', '从重'],
    bands: {
      从轻: { min: 100_000, max: 300_000, others: [] },
      一般: { min: 300_000, max: 700_000, others: ['责令限制生产'] },
      从重: { min: 700_000, max: 1_000_000, others: ['责令停产整治'] },
    },
    evidence: [
      ['鉴定意见', '废气监测报告'],
      ['勘验笔录、现场笔录', '现场检查（勘察）笔录'],
      ['电子数据', '在线监测数据'],
      ['当事人的陈述', '调查询问笔录'],
    ],
    fact: () => '排放的大气污染物超过国家规定的排放标准',
    penaltyText,
  };
  return { food, licence, air };
}

let foodSeq = 0;
const FOODS = [
  '超过保质期的牛奶',
  '超过保质期的面包',
  '超过保质期的饮料',
  '超过保质期的调味品',
  '超过保质期的糕点',
];
const pickFood = () => `经营${FOODS[foodSeq++ % FOODS.length]}`;

interface Party {
  kind: 'person' | 'organisation';
  name: string;
  data: {
    kind: 'person' | 'organisation';
    name: string;
    idNumber?: string;
    creditCode?: string;
    address: string;
  };
}

const address = (rand: Rand) => {
  const places = [...STREETS, ...TOWNS];
  const place = places[Math.floor(rand() * places.length)]!;
  const road = PLACE_WORDS[Math.floor(rand() * PLACE_WORDS.length)]!;
  return `示范区${place}${road}路${1 + Math.floor(rand() * 300)}号`;
};

function person(rand: Rand): Party {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const name = `${pick([...SURNAMES])}${pick([...GIVEN])}${rand() < 0.6 ? pick([...GIVEN]) : ''}`;
  const birth = new Date(
    Date.UTC(1962 + Math.floor(rand() * 40), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)),
  );
  const first17 = `500113${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`;
  return {
    kind: 'person',
    name,
    data: { kind: 'person', name, idNumber: first17 + computeIdCheck(first17), address: address(rand) },
  };
}

const TRADES = [
  '商贸',
  '餐饮管理',
  '食品',
  '超市',
  '建材',
  '机械制造',
  '化工',
  '印务',
  '家具制造',
  '汽车维修',
];
function organisation(rand: Rand): Party {
  const word = PLACE_WORDS[Math.floor(rand() * PLACE_WORDS.length)]!;
  const trade = TRADES[Math.floor(rand() * TRADES.length)]!;
  const name = `示范区${word}${trade}有限公司`;
  const first17 = `91500113MA${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`;
  return {
    kind: 'organisation',
    name,
    data: {
      kind: 'organisation',
      name,
      creditCode: first17 + computeUsccCheck(first17),
      address: address(rand),
    },
  };
}

/** The later of two ISO dates. */
const later = (a: string, b: string) => (a.localeCompare(b) >= 0 ? a : b);

function twoOf<T>(xs: readonly T[], rand: Rand): [T, T] {
  const i = Math.floor(rand() * xs.length);
  const j = (i + 1 + Math.floor(rand() * (xs.length - 1))) % xs.length;
  return [xs[i]!, xs[j]!];
}

function roundTo(x: number, step: number, band: Band): number {
  const v = Math.round(x / step) * step;
  return Math.min(band.max, Math.max(band.min || step, v));
}

function workdaysOf(calendar: WorkCalendar, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = calendar.workdayOnOrAfter(from); d <= to; d = calendar.addWorkdays(d, 1)) out.push(d);
  return out;
}
