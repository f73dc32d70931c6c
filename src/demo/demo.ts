import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import type { AppDeps } from '../http/deps.ts';
import type { Db } from '../kernel/db/index.ts';
import { newId } from '../kernel/ids.ts';
import { seedDemoAdvisers } from '../modules/advisers/index.ts';
import { enforcementBodies, enforcementMatters, enforcementOfficers } from '../modules/enforcement/index.ts';
import type { NormativeStock } from '../modules/normative/index.ts';
import { hashPassword, users } from '../platform/access/index.ts';
import { ensureCalendarSeeded } from '../platform/calendar/index.ts';
import { logEntries } from '../platform/log/index.ts';
import { positions, units } from '../platform/org/org.tables.ts';
import { createTenant, getTenant } from '../platform/tenancy/index.ts';
import { computeUsccCheck } from '../platform/validators/index.ts';
import { type DemoCasesResult, loadDemoCases } from './cases.ts';
import { type DemoInspectionResult, loadDemoInspection } from './inspection.ts';
import {
  DEPARTMENTS,
  ENFORCEMENT_TEAMS,
  GIVEN,
  PARKS,
  PLACE_WORDS,
  STATE_COMPANIES,
  STREETS,
  SURNAMES,
  TOWNS,
} from './names.ts';
import { type DemoRulemakingResult, loadDemoRulemakingYear, seedDemoRulemaking } from './rulemaking.ts';

/** Every demo account's password (README). Demo only: a real deployment creates its admin with the CLI. */
export const DEMO_PASSWORD = 'Fazhi@2026';

/** Named demo accounts, one per role, with the unit they sit in. */
export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: '系统管理员', role: 'sysadmin', unit: '区司法局' },
  { username: 'leader', displayName: '何区长', role: 'leader', unit: 'root' },
  { username: 'justice', displayName: '司法局督查员', role: 'justice_supervisor', unit: '区司法局' },
  { username: 'unitadmin', displayName: '市场监管局管理员', role: 'unit_admin', unit: '区市场监督管理局' },
  {
    username: 'reviewer',
    displayName: '市场监管局法制审核员',
    role: 'legal_reviewer',
    unit: '区市场监督管理局',
  },
  {
    username: 'officer',
    displayName: '市场监管执法队员',
    role: 'officer',
    unit: '区市场监管综合行政执法支队',
  },
  { username: 'gongkai', displayName: '政务公开科工作人员', role: 'disclosure_officer', unit: '政务公开科' },
  { username: 'staff', displayName: '东城街道工作人员', role: 'staff', unit: '东城街道' },
  { username: 'zhifa', displayName: '执法监督管理员', role: 'enforcement_admin', unit: '区司法局' },
] as const;

/** Small deterministic PRNG (mulberry32): the same scale gives the same district every time. */
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

const NS = '6f2b8d1e-3c4a-5b6c-8d7e-9f0a1b2c3d4e';

interface UnitRow {
  id: string;
  parentId: string;
  kind: string;
  name: string;
  shortName: string | null;
  creditCode: string | null;
  path: string;
  depth: number;
  sort: number;
}

export interface DemoResult {
  tenantId: string;
  units: number;
  users: number;
  /** Enforcement cases of the demo year, and how many penalty decisions they published. */
  cases: number;
  published: number;
  /** The 双随机、一公开 year (null when not loaded). */
  inspection?: DemoInspectionResult | null;
  ms: number;
  /** The rule-making year (normative documents, major decisions, legality reviews), when loaded at once. */
  rulemaking?: DemoRulemakingResult;
  /**
   * With `cases: 'later'`: loads the year's cases (same data as `'now'`), each step in its own transaction so a
   * server can answer requests meanwhile; `cases` and `published` above are then 0. Then the rule-making year.
   */
  loadCases?: () => Promise<DemoYearResult>;
}

/** The year loaded after the district: enforcement cases, and the rule-making year when the demo has it. */
export type DemoYearResult = DemoCasesResult & { rulemaking?: DemoRulemakingResult };

/**
 * Builds the demo district: departments with their offices, the five comprehensive enforcement teams,
 * streets and towns with their enforcement bodies and villages/communities, parks, and officials in
 * every unit with roles, and a year of enforcement cases (src/demo/cases.ts). `scale` 1 is a typical district
 * (about 450 units, 1,300 officials, 720 cases of which 374 penalty decisions are published); 5 is a large one.
 * Deterministic: the same scale gives the same names, codes and ids (the cases' ids and log entries are new).
 */
export async function loadDemo(
  deps: Pick<AppDeps, 'db' | 'crypto'> & Partial<Pick<AppDeps, 'config' | 'clock'>>,
  opts: {
    scale: number;
    tenantId: string;
    cases?: 'now' | 'later';
    /**
     * Normative documents (1,615 in force at scale 1, a cleanup, the year's drafts), major decisions and a year of
     * legality reviews. Default: at scale 0.5 and above (districts shown to people); the test template (0.1) and the
     * browser tests' district stay without them, since their fixtures count documents, campaigns and reviews.
     */
    rulemaking?: boolean;
    /** The 双随机、一公开 year (default true; the int-test template leaves it out: its fixtures start empty). */
    inspection?: boolean;
  },
): Promise<DemoResult> {
  const t0 = Date.now();
  const { db } = deps;
  const tenantId = opts.tenantId;
  if (await getTenant(db, tenantId))
    throw new Error(`行政区 ${tenantId} 已存在，示范数据只能载入一个新的行政区`);
  // The deployment's clock (a training server's CLOCK_AT), else the system's.
  const now = deps.clock?.now() ?? new Date();
  const rand = rng(Math.round(opts.scale * 1000) + Number(tenantId));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const idFor = (key: string) => uuidv5(`${tenantId}/${key}`, NS);

  const { rootUnitId, roleIds } = await createTenant(db, {
    id: tenantId,
    name: '示范区',
    governmentName: '示范区人民政府',
    now,
  });
  const rows: UnitRow[] = [];
  const byName = new Map<string, UnitRow>();
  let creditSeq = 0;
  const add = (
    parent: { id: string; path: string; depth: number },
    kind: string,
    name: string,
    shortName: string | null = null,
  ) => {
    const id = idFor(`unit/${parent.id}/${name}`);
    const first17 = `11${tenantId}MB${String(++creditSeq).padStart(7, '0')}`;
    const row: UnitRow = {
      id,
      parentId: parent.id,
      kind,
      name,
      shortName,
      creditCode: ['department', 'town', 'street', 'park'].includes(kind)
        ? first17 + computeUsccCheck(first17)
        : null,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      sort: rows.length,
    };
    rows.push(row);
    if (!byName.has(name)) byName.set(name, row);
    return row;
  };
  const root = { id: rootUnitId, path: `/${rootUnitId}/`, depth: 0 };

  for (const [name, short, extra] of DEPARTMENTS) {
    const dept = add(root, 'department', name, short);
    for (const office of ['办公室', '政策法规科', ...(extra ?? [])]) add(dept, 'office', office);
  }
  for (const [team, deptName] of ENFORCEMENT_TEAMS) add(byName.get(deptName)!, 'team', team);
  const villagesPer = Math.max(1, Math.round(10 * opts.scale));
  const places = [...STREETS.map((n) => ['street', n] as const), ...TOWNS.map((n) => ['town', n] as const)];
  for (const [kind, name] of places) {
    const town = add(root, kind, name);
    add(town, 'office', '党政办公室');
    add(town, 'team', `${name}综合行政执法大队`);
    add(town, 'office', '司法所');
    for (let i = 0; i < villagesPer; i++) {
      const word = PLACE_WORDS[(i + name.length * 7) % PLACE_WORDS.length]!;
      const suffix = i >= PLACE_WORDS.length ? String(Math.floor(i / PLACE_WORDS.length) + 1) : '';
      add(
        town,
        kind === 'street' ? 'community' : 'village',
        `${word}${suffix}${kind === 'street' ? '社区' : '村'}`,
      );
    }
  }
  for (const park of PARKS) {
    const p = add(root, 'park', park);
    add(p, 'office', '综合审批窗口');
  }

  // Officials: a head and staff in each unit, more in departments and enforcement teams.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  type U = {
    id: string;
    username: string;
    displayName: string;
    unitId: string;
    positionId: string | null;
    role: string;
    mobile: string;
  };
  const people: U[] = [];
  const posRows: { tenantId: string; id: string; unitId: string; name: string; sort: number }[] = [];
  const posFor = (unit: UnitRow | typeof root, name: string) => {
    const id = idFor(`position/${unit.id}/${name}`);
    if (!posRows.some((p) => p.id === id))
      posRows.push({ tenantId, id, unitId: unit.id, name, sort: posRows.length });
    return id;
  };
  const person = (
    unit: UnitRow | typeof root,
    role: string,
    position: string,
    username?: string,
    displayName?: string,
  ) => {
    const n = people.length + 1;
    people.push({
      id: idFor(`user/${username ?? n}`),
      username: username ?? `u${String(n).padStart(5, '0')}`,
      displayName:
        displayName ?? `${pick([...SURNAMES])}${pick([...GIVEN])}${rand() < 0.5 ? pick([...GIVEN]) : ''}`,
      unitId: unit.id,
      positionId: posFor(unit, position),
      role,
      mobile: `1${pick(['3', '5', '7', '8', '9'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
    });
  };
  for (const a of DEMO_ACCOUNTS) {
    const unit = a.unit === 'root' ? root : byName.get(a.unit)!;
    person(
      unit,
      a.role,
      a.role === 'officer' ? '执法队员' : a.role === 'leader' ? '区长' : '工作人员',
      a.username,
      a.displayName,
    );
  }
  const perUnit = (kind: string) =>
    ({ department: 8, team: 14, town: 6, street: 6, park: 4, office: 2, village: 1, community: 1 })[kind] ??
    1;
  for (const u of rows) {
    const count = Math.max(1, Math.round(perUnit(u.kind) * opts.scale));
    for (let i = 0; i < count; i++) {
      const role =
        u.kind === 'team'
          ? 'officer'
          : i === 0 && ['department', 'town', 'street', 'park'].includes(u.kind)
            ? 'unit_admin'
            : u.kind === 'office' && u.name.includes('法规')
              ? 'legal_reviewer'
              : 'staff';
      const position = i === 0 ? '负责人' : u.kind === 'team' ? '执法队员' : '工作人员';
      person(u, role, position);
    }
  }
  // A legal reviewer (法制审核员) in each department with an enforcement team, who reviews its cases (unit_tree
  // from the department covers the team); the market bureau has the named `reviewer`. Added last, so that the
  // officials above keep their names and usernames at every scale.
  for (const [, dept] of ENFORCEMENT_TEAMS)
    if (dept !== '区市场监督管理局') person(byName.get(dept)!, 'legal_reviewer', '法制审核员');
  // State-owned platform companies (平台公司) under the SASAC, which must each have a legal adviser (src/modules/advisers).
  // Added after the officials, without any, so that everything above keeps its names at every scale.
  const sasac = byName.get('区国有资产监督管理委员会')!;
  for (const company of STATE_COMPANIES) add(sasac, 'company', company);

  await db.transaction(async (tx) => {
    for (const chunk of chunks(rows, 500))
      await tx.insert(units).values(chunk.map((r) => ({ ...r, tenantId, createdAt: now, updatedAt: now })));
    for (const chunk of chunks(posRows, 500)) await tx.insert(positions).values(chunk);
    for (const chunk of chunks(people, 500)) {
      await insertUsers(tx, tenantId, chunk, passwordHash, now, deps.crypto.encrypt);
      await tx.execute(
        sql`insert into user_roles (tenant_id, user_id, role_id) values ${sql.join(
          chunk.map((p) => sql`(${tenantId}, ${p.id}, ${roleIds[p.role]!})`),
          sql`, `,
        )}`,
      );
    }
    const registry = demoRegistries(tenantId, rows, people, idFor);
    for (const chunk of chunks(registry.bodies, 500))
      await tx.insert(enforcementBodies).values(chunk.map((b) => ({ ...b, createdAt: now, updatedAt: now })));
    for (const chunk of chunks(registry.officers, 500))
      await tx
        .insert(enforcementOfficers)
        .values(chunk.map((o) => ({ ...o, createdAt: now, updatedAt: now })));
    await tx
      .insert(enforcementMatters)
      .values(registry.matters.map((m) => ({ ...m, createdAt: now, updatedAt: now })));
    // Every created record is in the transparency log, like any other creation.
    const entries = [
      ...registry.entries,
      ...rows.map((r) => ({
        kind: 'org.unit.created',
        type: 'unit',
        id: r.id,
        after: { parentId: r.parentId, kind: r.kind, name: r.name },
      })),
      ...people.map((p) => ({
        kind: 'access.user.created',
        type: 'user',
        id: p.id,
        after: {
          username: p.username,
          displayName: p.displayName,
          unitId: p.unitId,
          roles: [p.role],
          mobileHmac: deps.crypto.keyedHash(p.mobile),
        },
      })),
    ];
    for (const chunk of chunks(entries, 500))
      await tx.insert(logEntries).values(
        chunk.map((e) => {
          const id = newId();
          return {
            tenantId,
            id,
            kind: e.kind,
            subjectType: e.type,
            subjectId: e.id,
            actorId: null,
            createdAt: now,
            body: canonicalize({
              v: 1,
              id,
              tenant: tenantId,
              kind: e.kind,
              at: now.toISOString(),
              actor: { system: true, via: 'demo' },
              subject: { type: e.type, id: e.id },
              after: e.after,
              requestId: null,
            })!,
          };
        }),
      );
  });
  // The year's enforcement cases, step by step through the workflow engine on the days they happened.
  await ensureCalendarSeeded(db);
  // Legal advisers: the roster, coverage with a few gaps, meetings and a year of work items (≈6,600 at scale 1).
  await seedDemoAdvisers(deps, tenantId, opts.scale);
  // The rule-making part: the stock of normative documents (one bulk transaction), then its year (normative cleanup
  // and drafts, major decisions, legality reviews) after the enforcement year, by the same mechanism: at once, or in
  // the background (the stock first, so the portal has its documents early; the server listens meanwhile).
  const withRulemaking = opts.rulemaking ?? opts.scale >= 0.5;
  const rulemakingYear = async (atomic: boolean, stock: NormativeStock | null) =>
    stock ? loadDemoRulemakingYear(deps, { tenantId, scale: opts.scale, stock, atomic }) : undefined;
  const seedStock = () =>
    withRulemaking ? seedDemoRulemaking(deps, { tenantId, scale: opts.scale, now }) : Promise.resolve(null);
  // The 双随机、一公开 year: directory, plan, drawn tasks with teams and results (credit records), one task to draw.
  // With `cases: 'later'` it loads with the cases (a first `serve` listens meanwhile: about 25 s at scale 1).
  const loadInspection = () =>
    opts.inspection === false
      ? Promise.resolve(null)
      : loadDemoInspection(deps, { tenantId, scale: opts.scale, rand: rng(Number(tenantId) + 3797), now });
  const base = { tenantId, units: rows.length + 1, users: people.length };
  if (opts.cases === 'later')
    return {
      ...base,
      cases: 0,
      published: 0,
      inspection: null,
      ms: Date.now() - t0,
      loadCases: async () => {
        const stock = await seedStock();
        await loadInspection();
        const year = await loadDemoCases(deps, { tenantId, scale: opts.scale, rand, atomic: false });
        const rulemaking = await rulemakingYear(false, stock);
        return rulemaking ? { ...year, rulemaking } : year;
      },
    };
  const stock = await seedStock();
  const inspection = await loadInspection();
  const year = await loadDemoCases(deps, { tenantId, scale: opts.scale, rand });
  const rulemaking = await rulemakingYear(true, stock);
  return {
    ...base,
    inspection,
    cases: year.cases,
    published: year.published,
    ...(rulemaking ? { rulemaking } : {}),
    ms: Date.now() - t0,
  };
}

/**
 * The enforcement registries of the demo district: each comprehensive enforcement team (综合行政执法支队) and each
 * town's or street's 综合行政执法大队 is an enforcement body; the officers of those teams hold 行政执法证 (every
 * seventh one expired at the end of 2025, for realism); and a small matter catalogue with discretion bands.
 */
function demoRegistries(
  tenantId: string,
  rows: UnitRow[],
  people: { id: string; unitId: string; role: string }[],
  idFor: (key: string) => string,
) {
  const TEAM_DOMAINS: Record<string, string[]> = {
    区市场监管综合行政执法支队: ['市场监管', '食品安全', '知识产权'],
    区生态环境保护综合行政执法支队: ['生态环境'],
    区文化市场综合行政执法支队: ['文化市场', '文物', '旅游'],
    区交通运输综合行政执法支队: ['交通运输'],
    区农业综合行政执法支队: ['农业', '渔业'],
  };
  const TOWN_DOMAINS = ['城市管理', '规划建设', '生态环境', '安全生产'];
  const bodies = rows
    .filter((r) => r.kind === 'team')
    .map((r) => {
      const town = r.name.endsWith('综合行政执法大队');
      return {
        tenantId,
        id: idFor(`enforcement-body/${r.id}`),
        unitId: r.id,
        name: r.name,
        kind: town ? '镇街综合执法机构' : '综合行政执法队伍',
        uscc: null,
        legalBasis: town
          ? '依据《中华人民共和国行政处罚法》第二十四条，由市人民政府决定赋予镇（街道）部分行政处罚权，以镇人民政府、街道办事处名义实施'
          : '依据《中华人民共和国行政处罚法》第十八条，经区委编委批复设立，以所属部门名义统一行使本领域行政处罚权及相关行政检查、行政强制权',
        normativeDocuments: town
          ? ['《中华人民共和国行政处罚法》', '《关于赋予镇街部分行政执法权的决定》（示范）']
          : ['《中华人民共和国行政处罚法》', '《示范区综合行政执法改革实施方案》（示范）'],
        domains: town ? TOWN_DOMAINS : (TEAM_DOMAINS[r.name] ?? ['综合执法']),
        status: 'active',
      };
    });
  const bodyOfUnit = new Map(bodies.map((b) => [b.unitId, b]));
  const officers = people
    .filter((p) => p.role === 'officer' && bodyOfUnit.has(p.unitId))
    .map((p, i) => {
      const body = bodyOfUnit.get(p.unitId)!;
      const expired = i % 7 === 3;
      return {
        tenantId,
        id: idFor(`enforcement-officer/${p.id}`),
        userId: p.id,
        bodyId: body.id,
        credentialNo: `渝执${tenantId}${String(i + 1).padStart(5, '0')}`,
        category: '行政执法证',
        domains: body.domains.slice(0, 2),
        validFrom: expired ? '2020-01-01' : '2024-01-01',
        validTo: expired ? '2025-12-31' : '2029-12-31',
        issuingAuthority: '重庆市人民政府',
        status: 'active',
      };
    });
  const market = bodies.find((b) => b.name === '区市场监管综合行政执法支队')!;
  const ecology = bodies.find((b) => b.name === '区生态环境保护综合行政执法支队')!;
  const town = bodies.find((b) => b.kind === '镇街综合执法机构')!;
  const band = (
    circumstance: '不予处罚' | '减轻' | '从轻' | '一般' | '从重',
    description: string,
    fineMin: number | null,
    fineMax: number | null,
    otherPenalties: string[] = [],
  ) => ({ circumstance, description, fineMin, fineMax, otherPenalties });
  const matters = [
    {
      code: 'SCJG-CF-001',
      name: '对经营不符合食品安全标准的食品的处罚（货值金额不足一万元）',
      type: '行政处罚',
      bodyId: market.id,
      legalBasis: [{ law: '《中华人民共和国食品安全法》', article: '第一百二十四条第一款' }],
      fineMin: 50000,
      fineMax: 100000,
      otherPenalties: ['没收违法所得', '没收违法经营的食品'],
      discretion: [
        band('从轻', '初次违法，货值金额较小，主动消除或减轻危害后果', 50000, 65000, ['没收违法所得']),
        band('一般', '不具有从轻、从重情形', 65000, 85000, ['没收违法所得', '没收违法经营的食品']),
        band('从重', '造成危害后果或拒不配合调查', 85000, 100000, ['没收违法所得', '没收违法经营的食品']),
      ],
    },
    {
      code: 'SCJG-CF-002',
      name: '对未将营业执照置于醒目位置且拒不改正的处罚',
      type: '行政处罚',
      bodyId: market.id,
      legalBasis: [{ law: '《中华人民共和国市场主体登记管理条例》', article: '第四十八条' }],
      fineMin: 0,
      fineMax: 30000,
      otherPenalties: [],
      discretion: [
        band('不予处罚', '首次违法，危害后果轻微并及时改正（首违不罚）', null, null),
        band('从轻', '经责令改正后在较短期限内改正', 0, 10000),
        band('一般', '不具有从轻、从重情形', 10000, 20000),
        band('从重', '多次责令仍拒不改正', 20000, 30000),
      ],
    },
    {
      code: 'SCJG-JC-001',
      name: '食品经营日常监督检查',
      type: '行政检查',
      bodyId: market.id,
      legalBasis: [{ law: '《中华人民共和国食品安全法》', article: '第一百一十条' }],
      fineMin: null,
      fineMax: null,
      otherPenalties: [],
      discretion: [],
    },
    {
      code: 'STHJ-CF-001',
      name: '对超过大气污染物排放标准排放大气污染物的处罚',
      type: '行政处罚',
      bodyId: ecology.id,
      legalBasis: [{ law: '《中华人民共和国大气污染防治法》', article: '第九十九条第二项' }],
      fineMin: 100000,
      fineMax: 1000000,
      otherPenalties: ['责令限制生产', '责令停产整治'],
      discretion: [
        band('减轻', '主动消除违法行为危害后果，或受他人胁迫、诱骗实施', 50000, 99999),
        band('从轻', '超标倍数小于0.5倍且及时改正', 100000, 300000),
        band('一般', '超标倍数0.5倍以上1倍以下', 300000, 700000, ['责令限制生产']),
        band('从重', '超标倍数1倍以上或造成环境污染', 700000, 1000000, ['责令停产整治']),
      ],
    },
    {
      code: 'ZJ-JC-001',
      name: '市容环境卫生日常检查',
      type: '行政检查',
      bodyId: town.id,
      legalBasis: [{ law: '《城市市容和环境卫生管理条例》', article: '第三十四条' }],
      fineMin: null,
      fineMax: null,
      otherPenalties: [],
      discretion: [],
    },
  ].map((m) => ({ tenantId, id: idFor(`enforcement-matter/${m.code}`), status: 'active', ...m }));
  const entries = [
    ...bodies.map((b) => ({
      kind: 'enforcement.body.created',
      type: 'enforcement-body',
      id: b.id,
      after: { name: b.name, kind: b.kind, unitId: b.unitId, domains: b.domains } as Record<string, unknown>,
    })),
    ...officers.map((o) => ({
      kind: 'enforcement.officer.created',
      type: 'enforcement-officer',
      id: o.id,
      after: {
        userId: o.userId,
        bodyId: o.bodyId,
        credentialNo: o.credentialNo,
        validTo: o.validTo,
      } as Record<string, unknown>,
    })),
    ...matters.map((m) => ({
      kind: 'enforcement.matter.created',
      type: 'enforcement-matter',
      id: m.id,
      after: { code: m.code, name: m.name, bodyId: m.bodyId } as Record<string, unknown>,
    })),
  ];
  return { bodies, officers, matters, entries };
}

async function insertUsers(
  db: Db,
  tenantId: string,
  people: {
    id: string;
    username: string;
    displayName: string;
    unitId: string;
    positionId: string | null;
    mobile: string;
  }[],
  passwordHash: string,
  now: Date,
  encrypt: (s: string) => string,
) {
  await db.insert(users).values(
    people.map((p) => ({
      tenantId,
      id: p.id,
      username: p.username,
      displayName: p.displayName,
      unitId: p.unitId,
      positionId: p.positionId,
      mobileSealed: encrypt(p.mobile),
      passwordHash,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

function* chunks<T>(xs: T[], n: number): Generator<T[]> {
  for (let i = 0; i < xs.length; i += n) yield xs.slice(i, i + n);
}
