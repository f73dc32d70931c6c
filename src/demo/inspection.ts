/**
 * The demo district's 双随机、一公开 year (2026): a market-entity directory (bulk inserted), the market bureau's
 * item list and annual plan, and tasks published, drawn and teamed on past dates through the module's own service
 * code (so every draw is a real RFC 3797 draw the portal's verify page repeats), results for every drawn entity
 * (bulk, each logged), published by the lead department (each becoming a credit record of the entity), the last
 * task's results still unpublished. One more task is published with sources dated in the past but **not drawn**,
 * so a person (or the browser test) can enter the values and draw with the real clock. At scale 1 about 2,964
 * entities are inspected in the year (the seed report's figure).
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../http/deps.ts';
import { loadConfig } from '../kernel/config.ts';
import { queryRows } from '../kernel/db/index.ts';
import { newId } from '../kernel/ids.ts';
import {
  createItem,
  createPlan,
  drawTask,
  drawTeams,
  inspectionResults,
  marketEntities,
  publishDueOf,
  publishResults,
  publishTask,
} from '../modules/inspection/index.ts';
import { type Actor, actorForUsername, type Ctx, logActorOf } from '../platform/access/index.ts';
import { loadCalendar } from '../platform/calendar/index.ts';
import { appendLogEntry } from '../platform/log/index.ts';
import { computeUsccCheck } from '../platform/validators/index.ts';
import { chinaDate } from '../platform/workflow/index.ts';
import { GIVEN, PLACE_WORDS, SURNAMES } from './names.ts';

type Rand = () => number;

/** Entities inspected in the year at scale 1 (2020 annual report: 对2964户市场主体开展“双随机一公开”随机抽查). */
export const DEMO_INSPECTED = 2964;
/** Directory size at scale 1: about 5% of it is drawn in the year. */
const DIRECTORY = 60_000;

const INDUSTRIES = [
  ['餐饮服务', '餐饮店'],
  ['食品销售', '食品商行'],
  ['药品零售', '大药房'],
  ['住宿服务', '宾馆'],
  ['美容美发', '美容美发店'],
  ['汽车维修', '汽车维修部'],
  ['建材销售', '建材经营部'],
  ['日用百货', '百货超市'],
] as const;

/** The year's tasks: industry, month of publication. The last one's results are not yet published. */
const TASKS: { industry: number; month: number; joint?: boolean }[] = [
  { industry: 0, month: 1 },
  { industry: 1, month: 2 },
  { industry: 2, month: 3, joint: true },
  { industry: 3, month: 4 },
  { industry: 4, month: 5 },
  { industry: 5, month: 6, joint: true },
  { industry: 6, month: 7 },
  { industry: 7, month: 8 },
  { industry: 0, month: 9 },
  { industry: 1, month: 10 },
];

const OUTCOME_TEXT = {
  normal: ['未发现问题', '经营资质齐全，未发现问题', '现场检查未发现违法违规行为'],
  corrected: ['价格标签不规范，已当场整改', '从业人员健康证明未公示，已当场整改'],
  rectify: ['进货查验记录不全，责令十五日内整改', '经营场所卫生条件不符合要求，责令限期整改'],
} as const;

export interface DemoInspectionResult {
  entities: number;
  tasks: number;
  drawn: number;
  results: number;
  published: number;
  pendingTaskId: string | null;
}

export async function loadDemoInspection(
  deps: Pick<AppDeps, 'db' | 'crypto'> & Partial<Pick<AppDeps, 'config'>>,
  opts: { tenantId: string; scale: number; rand: Rand; now: Date },
): Promise<DemoInspectionResult> {
  const { db } = deps;
  const { tenantId, rand } = opts;
  const config = deps.config ?? loadConfig({});
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const calendar = await loadCalendar(db);
  const units = await queryRows<{ id: string; name: string; kind: string }>(
    db,
    sql`select id::text as id, name, kind from units where tenant_id = ${tenantId} order by sort`,
  );
  const towns = units.filter((u) => u.kind === 'town' || u.kind === 'street');
  const market = units.find((u) => u.name === '区市场监督管理局');
  const health =
    units.find((u) => u.name === '区卫生健康委员会') ?? units.find((u) => u.name === '区生态环境局');
  if (!market || towns.length === 0)
    return { entities: 0, tasks: 0, drawn: 0, results: 0, published: 0, pendingTaskId: null };
  const actor = async (username: string): Promise<Actor> => {
    const a = await actorForUsername(db, tenantId, username);
    if (!a) throw new Error(`demo account ${username} missing`);
    return a;
  };
  const lead = await actor('unitadmin');
  const people = new Map(
    (
      await queryRows<{ id: string; username: string; display_name: string; unit_id: string | null }>(
        db,
        sql`select id::text as id, username, display_name, unit_id::text as unit_id from users where tenant_id = ${tenantId}`,
      )
    ).map((u) => [
      u.id,
      {
        userId: u.id,
        username: u.username,
        displayName: u.display_name,
        roles: ['officer'],
        unitId: u.unit_id,
      },
    ]),
  );
  const ctxAt = (a: Actor, at: string): Ctx => ({
    db,
    actor: a,
    requestId: `demo:inspection:${at}`,
    now: new Date(at),
    crypto: deps.crypto,
    config,
  });

  // 市场主体名录库, bulk: codes 91/92 + the district + MA + a sequence number + the check character.
  const size = Math.max(200, Math.round(DIRECTORY * opts.scale));
  const at = new Date('2026-01-04T09:00:00+08:00');
  const rows = Array.from({ length: size }, (_, i) => {
    const [industry, noun] = INDUSTRIES[i % INDUSTRIES.length]!;
    const individual = rand() < 0.35;
    const first17 = `${individual ? '92' : '91'}${tenantId}MD${String(i + 1).padStart(7, '0')}`;
    const town = towns[Math.floor(rand() * towns.length)]!;
    const word = PLACE_WORDS[(i * 7) % PLACE_WORDS.length]!;
    return {
      tenantId,
      id: newId(),
      uscc: first17 + computeUsccCheck(first17),
      name: `${town.name.replace(/(街道|镇)$/, '')}${word}${individual ? `${pick([...SURNAMES])}记` : ''}${noun}${
        individual ? '' : '有限公司'
      }`,
      entityType: individual ? '个体工商户' : '企业',
      industry,
      address: `示范区${town.name}${word}路${1 + Math.floor(rand() * 300)}号`,
      townId: town.id,
      legalRepresentative: `${pick([...SURNAMES])}${pick([...GIVEN])}${rand() < 0.5 ? pick([...GIVEN]) : ''}`,
      status: rand() < 0.03 ? 'cancelled' : 'active',
      unitId: market.id,
      createdAt: at,
      updatedAt: at,
    };
  });
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1_000)
      await tx.insert(marketEntities).values(rows.slice(i, i + 1_000));
    await appendLogEntry(tx, {
      tenantId,
      kind: 'inspection.entity.imported',
      actor: logActorOf(lead),
      subject: { type: 'inspection-directory', id: market.id },
      data: {
        created: rows.length,
        sha256: createHash('sha256')
          .update(rows.map((r) => r.uscc).join('\n'))
          .digest('hex'),
        source: 'demo',
      },
      requestId: 'demo:inspection',
      at,
    });
  });

  // 随机抽查事项清单 and the annual plan.
  const early = ctxAt(lead, '2026-01-05T09:00:00+08:00');
  const items = [];
  for (const [code, name, kind, subject] of [
    ['SCJG-SJ-001', '食品经营者经营条件检查', 'key', '食品经营者'],
    ['SCJG-SJ-002', '药品零售企业经营行为检查', 'key', '药品零售企业'],
    ['SCJG-SJ-003', '市场主体登记事项检查', 'general', '各类市场主体'],
  ] as const)
    items.push(
      await createItem(early, {
        code,
        name,
        kind,
        subject,
        legalBasis:
          kind === 'key' ? '《中华人民共和国食品安全法》第一百一十条' : '《市场主体登记管理条例》第三十五条',
        method: '现场检查',
        content: '许可证件、经营场所、进货查验记录',
      }),
    );
  const plan = await createPlan(early, {
    year: 2026,
    title: '区市场监督管理局2026年度双随机抽查计划',
    description: '全年对辖区市场主体按行业随机抽查，重点行业提高比例；部门联合抽查“进一次门、查多项事”。',
    itemIds: items.map((i) => i.id),
  });

  // The year's tasks: publish, draw on the sources' day, teams, results, publication.
  const total = Math.max(TASKS.length, Math.round(DEMO_INSPECTED * opts.scale));
  let drawn = 0;
  let recorded = 0;
  let published = 0;
  const dueCache = new Map<string, string>();
  const dueOf = async (d: string) => {
    if (!dueCache.has(d)) dueCache.set(d, await publishDueOf(db, tenantId, d));
    return dueCache.get(d)!;
  };
  const lottery = () =>
    Array.from({ length: 6 }, () => String(1 + Math.floor(rand() * 33)).padStart(2, '0')).join(' ');
  const digits = () => Array.from({ length: 5 }, () => String(Math.floor(rand() * 10))).join(' ');
  for (const [k, t] of TASKS.entries()) {
    const month = String(t.month).padStart(2, '0');
    const publishOn = calendar.addWorkdays(`2026-${month}-01`, 2);
    const s1 = calendar.addWorkdays(publishOn, 2);
    const s2 = calendar.addWorkdays(publishOn, 3);
    const count = Math.floor(total / TASKS.length) + (k < total % TASKS.length ? 1 : 0);
    const [industry] = INDUSTRIES[t.industry]!;
    const task = await publishTask(ctxAt(lead, `${publishOn}T10:00:00+08:00`), {
      title: `2026年${t.month}月${industry}行业${t.joint && health ? '部门联合' : ''}双随机抽查`,
      pick: count,
      sources: [
        { description: `中国福利彩票双色球 ${s1} 开奖号码（红球）`, availableOn: s1 },
        { description: `中国体育彩票排列5 ${s2} 开奖号码`, availableOn: s2 },
      ],
      industry,
      planId: plan.id,
      itemIds: [items[t.industry === 2 ? 1 : t.industry <= 1 ? 0 : 2]!.id],
      ...(t.joint && health ? { jointUnitIds: [health.id] } : {}),
    });
    const drawDay = `${s2}T21:30:00+08:00`;
    const d = await drawTask(ctxAt(lead, drawDay), task.id, [lottery(), digits()]);
    drawn += d.selected?.length ?? 0;
    const inspectionDate = calendar.addWorkdays(s2, 5);
    let teamed: Awaited<ReturnType<typeof drawTeams>>;
    try {
      teamed = await drawTeams(ctxAt(lead, drawDay), task.id, { inspectionDate });
    } catch {
      continue; // a roster too small at a tiny scale: the task stays drawn
    }
    // Results: each team's first inspector records on a working day from the inspection date on.
    const last = k === TASKS.length - 1;
    const values: (typeof inspectionResults.$inferInsert & {
      recordedBy: string;
      inspectedOn: string;
      recordedAt: Date;
      publishDue: string;
      outcome: string;
    })[] = [];
    for (const team of teamed.teams ?? []) {
      const r = rand();
      const outcome = r < 0.82 ? 'normal' : r < 0.92 ? 'corrected' : 'rectify';
      const inspectedOn = calendar.addWorkdays(inspectionDate, Math.floor(rand() * 8));
      values.push({
        tenantId,
        taskId: task.id,
        entityId: team.entityId,
        outcome,
        findings: pick(OUTCOME_TEXT[outcome]),
        inspectedOn,
        recordedBy: team.inspectors[0]!,
        recordedAt: new Date(`${inspectedOn}T17:00:00+08:00`),
        caseId: null,
        publishDue: await dueOf(inspectedOn),
      });
    }
    await db.transaction(async (tx) => {
      for (let i = 0; i < values.length; i += 500)
        await tx.insert(inspectionResults).values(values.slice(i, i + 500));
      for (const v of values)
        await appendLogEntry(tx, {
          tenantId,
          kind: 'inspection.result.recorded',
          actor: people.get(v.recordedBy) ?? logActorOf(lead),
          subject: { type: 'inspection-task', id: task.id },
          data: {
            entityId: v.entityId,
            outcome: v.outcome,
            inspectedOn: v.inspectedOn,
            caseId: null,
            publishDue: v.publishDue,
          },
          requestId: 'demo:inspection',
          at: v.recordedAt,
        });
    });
    recorded += values.length;
    if (!last && values.length > 0) {
      // Published on the last inspection day + 5 working days, within the 20-working-day limit.
      const lastDay =
        values
          .map((v) => v.inspectedOn)
          .sort()
          .at(-1) ?? inspectionDate;
      const on = calendar.addWorkdays(lastDay, 5);
      published += (await publishResults(ctxAt(lead, `${on}T10:00:00+08:00`), task.id)).published;
    }
  }

  // A task published with its sources dated in the past and not drawn: enter the values and draw today.
  const today = chinaDate(opts.now);
  const back = (days: number) => chinaDate(new Date(opts.now.getTime() - days * 86_400_000));
  let pendingTaskId: string | null = null;
  {
    const pending = await publishTask(ctxAt(lead, `${back(10)}T10:00:00+08:00`), {
      title: `${today.slice(0, 4)}年${Number(back(10).slice(5, 7))}月市场主体登记事项双随机抽查（待抽取）`,
      pick: Math.max(2, Math.round(30 * opts.scale)),
      sources: [
        { description: `中国福利彩票双色球 ${back(7)} 开奖号码（红球）`, availableOn: back(7) },
        { description: `中国体育彩票排列5 ${back(6)} 开奖号码`, availableOn: back(6) },
      ],
      industry: INDUSTRIES[7]![0],
      planId: plan.id,
      itemIds: [items[2]!.id],
    });
    pendingTaskId = pending.id;
  }
  return {
    entities: rows.length,
    tasks: TASKS.length + (pendingTaskId ? 1 : 0),
    drawn,
    results: recorded,
    published,
    pendingTaskId,
  };
}
