/**
 * The demo district's legal advisers: government legal advisers (external lawyers from a few law firms) for the
 * district government and its departments, towns and streets, villages and communities; 公职律师 of the justice
 * bureau; an in-house adviser in state-owned companies; executive-meeting attendance (两次 a month); and a year of
 * work items (2026-01 to 2026-10), about 6,600 at scale 1 (the seed report's 6600项), fewer at smaller scales.
 * A few units are left without an adviser and one department's only adviser holds a certificate that expired on
 * 2026-06-30, so the coverage page shows gaps of both kinds.
 *
 * Deterministic (its own PRNG seeded by tenant and scale) and cheap: a handful of bulk inserts, with one log entry
 * per record written in bulk like the rest of the demo district.
 */
import { sql } from 'drizzle-orm';
import type { FieldCrypto } from '../../kernel/crypto.ts';
import { type Db, queryRows } from '../../kernel/db/index.ts';
import { newId } from '../../kernel/ids.ts';
import { type LogEntryInput, logEntriesInsert } from '../../platform/log/index.ts';
import type { AdviserKind, WorkKind } from './advisers.kinds.ts';
import { adviserAssignments, adviserMeetings, advisers, adviserWorkItems } from './advisers.tables.ts';

const FIRMS = [
  '重庆示范律师事务所',
  '重庆明法律师事务所',
  '重庆正信律师事务所',
  '重庆衡平律师事务所',
  '重庆至诚律师事务所',
  '重庆方圆律师事务所',
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红云飞鹏辉建国志文博宇浩然欣怡晨阳俊峰雪梅丹';

const KIND_WEIGHTS: [WorkKind, number][] = [
  ['contract-review', 40],
  ['consultation', 22],
  ['decision-review', 14],
  ['drafting', 12],
  ['litigation', 8],
  ['other', 4],
];
const TITLES: Record<WorkKind, string[]> = {
  'contract-review': [
    '{u}物业服务合同合法性审查',
    '{u}工程施工合同审查',
    '{u}政府采购合同审查',
    '{u}招商引资协议审查',
    '{u}土地租赁协议审查',
    '{u}购买服务协议审查',
  ],
  consultation: ['{u}信访事项法律咨询', '{u}劳动用工法律咨询', '{u}征地拆迁法律咨询', '{u}合同纠纷法律咨询'],
  'decision-review': ['{u}重大事项决策合法性审查', '{u}实施方案合法性审查', '{u}资金使用方案合法性审查'],
  drafting: ['起草{u}招商引资协议', '起草{u}管理办法', '起草{u}合作框架协议', '起草{u}法律意见书'],
  litigation: ['代理{u}行政复议案件', '代理{u}行政诉讼应诉案件', '代理{u}民事诉讼案件'],
  other: ['{u}法治宣传讲座', '{u}合同管理培训', '{u}规章制度清理'],
};
const OUTCOMES: Record<WorkKind, string[]> = {
  'contract-review': ['出具审查意见，建议修改后签订', '审查通过', '提出修改意见5条，已采纳'],
  consultation: ['已当面解答并出具书面意见', '已电话解答', '已出具法律意见书'],
  'decision-review': ['出具合法性审查意见：修改后通过', '出具合法性审查意见：通过'],
  drafting: ['已完成初稿并提交', '已定稿'],
  litigation: ['已出庭应诉', '已提交答辩状', '案件审结，维持原行政行为'],
  other: ['已完成'],
};
const TOPICS = [
  '审议《示范区城市生活垃圾分类实施方案》',
  '研究老旧小区改造项目资金安排',
  '审议示范区招商引资项目合作协议',
  '研究公共停车场收费标准调整',
  '审议示范区国有企业改革方案',
  '研究重大项目征地拆迁补偿方案',
  '审议示范区安全生产专项整治方案',
  '研究行政复议应诉工作情况',
];

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

interface UnitRow {
  id: string;
  name: string;
  kind: string;
}

const chunks = <T>(xs: T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** Seeds the advisers of a demo tenant; returns how many work items were written. */
export async function seedDemoAdvisers(
  deps: { db: Db; crypto: FieldCrypto; clock?: { now(): Date } | undefined },
  tenantId: string,
  scale: number,
): Promise<{ advisers: number; workItems: number; meetings: number }> {
  const { db, crypto } = deps;
  const rand = rng(Math.round(scale * 1000) * 7919 + Number(tenantId));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const units = await queryRows<UnitRow>(
    db,
    sql`select id, name, kind from units where tenant_id = ${tenantId} and status = 'active'
      and kind in ('government', 'department', 'town', 'street', 'company', 'village', 'community') order by sort, id`,
  );
  const root = units.find((u) => u.kind === 'government');
  if (!root) return { advisers: 0, workItems: 0, meetings: 0 };
  const justiceUnit = units.find((u) => u.name === '区司法局');
  const [recorder] = await queryRows<{ id: string }>(
    db,
    sql`select id from users where tenant_id = ${tenantId} and username = 'justice'`,
  );
  const now = deps.clock?.now() ?? new Date();
  const of = (kinds: string[]) => units.filter((u) => kinds.includes(u.kind));
  const departments = of(['department']);
  const towns = of(['town', 'street']);
  const companies = of(['company']);
  const villages = of(['village', 'community']);

  type A = typeof advisers.$inferInsert;
  type S = typeof adviserAssignments.$inferInsert;
  const people: A[] = [];
  const assignments: S[] = [];
  let licenceSeq = 0;
  const adviser = (
    kind: AdviserKind,
    organisation: string,
    homeUnitId: string | null,
    validTo = '2028-12-31',
  ) => {
    const id = newId();
    const seq = ++licenceSeq;
    people.push({
      tenantId,
      id,
      name: `${pick([...SURNAMES])}${pick([...GIVEN])}${rand() < 0.6 ? pick([...GIVEN]) : ''}`,
      kind,
      organisation,
      homeUnitId,
      licenceNo:
        kind === 'public'
          ? `公职${tenantId}${String(seq).padStart(5, '0')}`
          : `1500${tenantId}${String(2000000 + seq).padStart(7, '0')}`.slice(0, 17),
      licenceValidFrom: '2024-01-01',
      licenceValidTo: validTo,
      phoneSealed: crypto.encrypt(`13${String(800000000 + seq * 7919).slice(0, 9)}`),
      expertise: pick(['行政法', '合同法', '民商法', '劳动法', '土地与房地产', '公司法']),
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
    return id;
  };
  const assign = (adviserId: string, unitId: string, note: string | null = null) =>
    assignments.push({
      tenantId,
      id: newId(),
      adviserId,
      unitId,
      validFrom: '2025-01-01',
      validTo: null,
      note,
      createdAt: now,
      updatedAt: now,
    });

  // The district government: three government legal advisers and two 公职律师 of the justice bureau.
  const government: string[] = [];
  for (let i = 0; i < 3; i++) government.push(adviser('external', FIRMS[i % FIRMS.length]!, null));
  for (let i = 0; i < 2; i++) government.push(adviser('public', '区司法局', justiceUnit?.id ?? root.id));
  for (const id of government) assign(id, root.id, '区政府法律顾问，固定列席区政府常务会议');
  // Departments (in tree order): one lawyer for every three; the 17th and the 34th have none (gaps), the 9th only an
  // adviser whose certificate expired on 2026-06-30.
  const served = (list: UnitRow[], per: number, skip: (i: number) => boolean) => {
    let current: string | null = null;
    let n = 0;
    list.forEach((u, i) => {
      if (skip(i)) return;
      if (!current || n === per) {
        current = adviser('external', pick(FIRMS), null);
        n = 0;
      }
      assign(current, u.id);
      n++;
    });
  };
  served(departments, 3, (i) => i === 8 || i % 17 === 16);
  if (departments[8]) assign(adviser('external', pick(FIRMS), null, '2026-06-30'), departments[8].id);
  // The justice bureau's own 公职律师 serve it too.
  if (justiceUnit) assign(government[3]!, justiceUnit.id);
  // Towns and streets: one lawyer for every two; the last in tree order has none.
  served(towns, 2, (i) => i === towns.length - 1);
  // State-owned companies: an in-house adviser each, but the last one has none yet.
  companies.forEach((c, i) => {
    if (i < companies.length - 1) assign(adviser('in-house', c.name, c.id), c.id);
  });
  // Villages and communities (一村（社区）一法律顾问): one lawyer for every ten; every 25th (from the 8th) has none.
  served(villages, 10, (i) => i % 25 === 7);

  // A year of work: each item by an assignment (the government's advisers weigh most), on a working day.
  const workTotal = Math.max(30, Math.round(6600 * scale));
  const weighted: { adviserId: string; unitId: string; unitName: string; until: string; w: number }[] = [];
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const personById = new Map(people.map((p) => [p.id, p]));
  for (const s of assignments) {
    const kind = units.find((u) => u.id === s.unitId)?.kind ?? '';
    const w =
      kind === 'government'
        ? 40
        : kind === 'department'
          ? 12
          : kind === 'company'
            ? 10
            : kind === 'village' || kind === 'community'
              ? 1.5
              : 8;
    weighted.push({
      adviserId: s.adviserId,
      unitId: s.unitId,
      unitName: unitName.get(s.unitId) ?? '',
      until: personById.get(s.adviserId)!.licenceValidTo,
      w,
    });
  }
  const totalW = weighted.reduce((s, x) => s + x.w, 0);
  const kindTotal = KIND_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const pickWeighted = () => {
    let r = rand() * totalW;
    for (const x of weighted) {
      r -= x.w;
      if (r < 0) return x;
    }
    return weighted[weighted.length - 1]!;
  };
  const pickKind = (): WorkKind => {
    let r = rand() * kindTotal;
    for (const [k, w] of KIND_WEIGHTS) {
      r -= w;
      if (r < 0) return k;
    }
    return 'other';
  };
  const start = Date.UTC(2026, 0, 5);
  const end = Date.UTC(2026, 9, 30);
  const workday = (until: string) => {
    for (;;) {
      const d = new Date(start + Math.floor(rand() * ((end - start) / 86_400_000 + 1)) * 86_400_000);
      const iso = d.toISOString().slice(0, 10);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && iso <= until) return iso;
    }
  };
  type W = typeof adviserWorkItems.$inferInsert;
  const work: W[] = [];
  for (let i = 0; i < workTotal; i++) {
    const a = pickWeighted();
    const kind = pickKind();
    work.push({
      tenantId,
      id: newId(),
      adviserId: a.adviserId,
      unitId: a.unitId,
      kind,
      doneOn: workday(a.until),
      title: pick(TITLES[kind]).replace('{u}', a.unitName),
      hours: Math.round((0.5 + rand() * (kind === 'litigation' ? 16 : 6)) * 2) / 2,
      outcome: pick(OUTCOMES[kind]),
      refType: null,
      refId: null,
      status: 'recorded',
      voidReason: null,
      recordedBy: recorder?.id ?? null,
      createdAt: now,
      updatedAt: now,
    });
  }
  work.sort((x, y) => (x.doneOn < y.doneOn ? -1 : x.doneOn > y.doneOn ? 1 : 0));

  // 区政府常务会议: twice a month, January to October, attended by one or two of the government's advisers.
  type M = typeof adviserMeetings.$inferInsert;
  const meetings: M[] = [];
  let session = 0;
  for (let month = 1; month <= 10; month++)
    for (const day of [10, 24]) {
      session++;
      const d = new Date(Date.UTC(2026, month - 1, day));
      while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
      const attendees =
        rand() < 0.5
          ? [government[session % 3]!]
          : [government[session % 3]!, government[3 + (session % 2)]!];
      const topics = [pick(TOPICS), pick(TOPICS)].filter((t, i, xs) => xs.indexOf(t) === i);
      for (const adviserId of attendees)
        meetings.push({
          tenantId,
          id: newId(),
          unitId: root.id,
          adviserId,
          meetingOn: d.toISOString().slice(0, 10),
          meetingName: `区政府第${session}次常务会议`,
          topics,
          opinion: pick([
            '对议题涉及的法律风险提出意见，建议补充合法性审查意见后提交',
            '议题程序合法，内容符合法律法规规定',
            '建议对合作协议中的违约责任条款予以明确',
            '建议在实施方案中增加公众参与环节',
          ]),
          recordedBy: recorder?.id ?? null,
          createdAt: now,
        });
    }

  const log = (kind: string, type: string, id: string, after: Record<string, unknown>): LogEntryInput => ({
    tenantId,
    kind,
    actor: null,
    subject: { type, id },
    after,
    requestId: null,
    at: now,
  });
  const entries: LogEntryInput[] = [
    ...people.map((p) =>
      log('advisers.adviser.created', 'adviser', p.id!, {
        name: p.name,
        kind: p.kind,
        organisation: p.organisation,
        homeUnitId: p.homeUnitId,
        licenceNo: p.licenceNo,
        licenceValidTo: p.licenceValidTo,
      }),
    ),
    ...assignments.map((s) =>
      log('advisers.assignment.created', 'adviser-assignment', s.id!, {
        adviserId: s.adviserId,
        unitId: s.unitId,
        validFrom: s.validFrom,
        validTo: s.validTo,
      }),
    ),
    ...meetings.map((m) =>
      log('advisers.meeting.recorded', 'adviser-meeting', m.id!, {
        unitId: m.unitId,
        adviserId: m.adviserId,
        meetingOn: m.meetingOn,
        meetingName: m.meetingName,
      }),
    ),
    ...work.map((w) =>
      log('advisers.work.recorded', 'adviser-work-item', w.id!, {
        adviserId: w.adviserId,
        unitId: w.unitId,
        kind: w.kind,
        doneOn: w.doneOn,
        title: w.title,
      }),
    ),
  ];
  await db.transaction(async (tx) => {
    await tx.insert(advisers).values(people);
    for (const c of chunks(assignments, 1000)) await tx.insert(adviserAssignments).values(c);
    for (const c of chunks(meetings, 1000)) await tx.insert(adviserMeetings).values(c);
    for (const c of chunks(work, 2000)) await tx.insert(adviserWorkItems).values(c);
    for (const c of chunks(entries, 2000)) await tx.execute(logEntriesInsert(c).insert);
  });
  return { advisers: people.length, workItems: work.length, meetings: meetings.length };
}
