/**
 * The demo district's normative documents (行政规范性文件), at the seed report's scale: 1,615 documents reviewed in
 * the year's cleanup, 91 repealed and 3 amended (scale 1).
 *
 * - The stock (存量文件) is bulk-inserted (`seedDemoNormativeStock`): documents of the government, its office and the
 *   departments numbered in the tenant's format (示范府规〔2023〕12号, 示范市监规〔2025〕3号 …), each a case in
 *   已备案 (or 有效期届满失效) with its text as version 1, its register row with dates, validity and search tokens,
 *   its filing period met, a timeline entry and a transparency-log entry (`normative.document.imported`). The stock
 *   is what the district had before the platform, so nothing needs proving step by step; it is cheap at any scale.
 * - The year (`demoNormativeYear`, 2026): what the log and the engine must prove runs step by step through the
 *   services on the day it happened: the cleanup campaign (opened over every document in force, each decided,
 *   repeals through the documents' `repeal` step, results published: its figures are counts of its items), the
 *   documents whose validity ended after it (`expire`), and a handful of drafts through comment (with dispositions),
 *   legality review (both stages), deliberation, numbering, publication and filing (one 补正 loop), one amending
 *   document, one declared not normative, one that failed review and was abandoned.
 *
 * Every date of the year falls on or before 2026-10-30, so no statutory period reaches 2027 (the calendar's end).
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FieldCrypto } from '../../kernel/crypto.ts';
import { type Db, queryRows } from '../../kernel/db/index.ts';
import { newId } from '../../kernel/ids.ts';
import type { Actor, Ctx } from '../../platform/access/index.ts';
import {
  addDays,
  addMonthsClamped,
  isWeekend,
  loadCalendar,
  type WorkCalendar,
} from '../../platform/calendar/index.ts';
import { computeDeadline, effectiveRule } from '../../platform/clock/index.ts';
import { logEntriesInsert } from '../../platform/log/index.ts';
import { searchTokens } from '../../platform/search/index.ts';
import { addRecord, caseDeadlines, caseEvents, cases, transition } from '../../platform/workflow/index.ts';
import { counters } from '../../platform/workflow/workflow.tables.ts';
import { reviewPassed } from '../legality/index.ts';
import { decideCleanupItem, openCleanup, publishCleanup } from './normative.cleanup.ts';
import {
  addVersion,
  createDocument,
  type Disposition,
  disposeComment,
  listComments,
  numberFormatOf,
  publicComment,
  renderNumber,
} from './normative.service.ts';
import { normativeRegister, normativeSequences, normativeVersions } from './normative.tables.ts';

/** One step of a demo year: who does it, on which day, and the call (through a service or the engine). */
export interface DemoStep {
  date: string;
  as: Actor;
  what: string;
  run: (ctx: Ctx) => Promise<unknown>;
}

/** At scale 1, matching the seed report: the cleanup's documents, and its repeals and amendments. */
export const NORMATIVE_DEMO = { inForce: 1615, repealed: 91, amended: 3, expiredBefore: 150 } as const;

/** The day the year's cleanup opens, the days its documents are decided, and the day its results are published. */
const CLEANUP = {
  openOn: '2026-06-01',
  decideFrom: '2026-06-02',
  decideTo: '2026-06-24',
  publishOn: '2026-06-26',
};
/** The last day of the demo year (as for enforcement: every period it starts ends within 2026). */
const LAST_DAY = '2026-10-30';
/** The stock in force at the cleanup: effective from this day (so nothing lapses during the campaign) … */
const IN_FORCE_FROM = '2021-07-01';
/** … to this day (the 2026 part of the stock; the year's own drafts are numbered after it). */
const IN_FORCE_TO = '2026-05-15';

const rngOf = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** Issuing departments: unit name, issuer short form in numbers, subjects, and the laws they rest on. */
const DEPARTMENT_ISSUERS: [unit: string, short: string, topics: string[], bases: string[]][] = [
  [
    '区市场监督管理局',
    '示范市监',
    ['食品小作坊登记', '网络交易监督', '特种设备安全', '计量器具监督', '广告监督', '价格行为'],
    [
      '《中华人民共和国食品安全法》',
      '《中华人民共和国广告法》',
      '《重庆市食品生产加工小作坊和食品摊贩管理条例》',
    ],
  ],
  [
    '区生态环境局',
    '示范环',
    ['建设项目环境影响评价', '排污许可', '大气污染防治', '固体废物污染防治', '环境信用评价'],
    ['《中华人民共和国环境保护法》', '《中华人民共和国大气污染防治法》', '《排污许可管理条例》'],
  ],
  [
    '区住房和城乡建设委员会',
    '示范住建',
    ['物业服务', '建筑施工扬尘治理', '商品房预售资金监管', '老旧小区改造', '住房租赁'],
    ['《物业管理条例》', '《中华人民共和国建筑法》', '《重庆市物业管理条例》'],
  ],
  [
    '区人力资源和社会保障局',
    '示范人社',
    ['就业补助资金', '技能培训补贴', '农民工工资支付保障', '人才引进', '创业担保贷款'],
    ['《中华人民共和国就业促进法》', '《保障农民工工资支付条例》'],
  ],
  [
    '区教育委员会',
    '示范教',
    ['校外培训机构', '学生资助', '民办学校', '学前教育', '中小学招生'],
    ['《中华人民共和国教育法》', '《中华人民共和国民办教育促进法》'],
  ],
  [
    '区民政局',
    '示范民政',
    ['最低生活保障', '临时救助', '养老服务补贴', '社会组织', '殡葬管理'],
    ['《社会救助暂行办法》', '《殡葬管理条例》', '《重庆市社会救助条例》'],
  ],
  [
    '区农业农村委员会',
    '示范农',
    ['农村宅基地', '农业产业化补助', '动物防疫', '农村集体经济组织', '耕地保护补偿'],
    ['《中华人民共和国农业法》', '《中华人民共和国土地管理法》', '《中华人民共和国动物防疫法》'],
  ],
  [
    '区交通运输委员会',
    '示范交',
    ['出租汽车', '道路货物运输', '农村公路养护', '网络预约出租汽车', '公交线网'],
    ['《中华人民共和国道路运输条例》', '《重庆市道路运输管理条例》'],
  ],
  [
    '区文化和旅游发展委员会',
    '示范文旅',
    ['旅游市场秩序', '文物保护', '公共文化设施', 'A级旅游景区', '文化产业扶持资金'],
    ['《中华人民共和国旅游法》', '《中华人民共和国文物保护法》'],
  ],
  [
    '区卫生健康委员会',
    '示范卫健',
    ['医疗机构', '家庭医生签约服务', '计划生育特别扶助', '公共场所卫生', '职业病防治'],
    ['《中华人民共和国基本医疗卫生与健康促进法》', '《医疗机构管理条例》'],
  ],
  [
    '区城市管理局',
    '示范城管',
    ['户外广告设置', '城市道路挖掘', '生活垃圾分类', '城市绿化', '占道经营'],
    ['《城市市容和环境卫生管理条例》', '《城市绿化条例》', '《重庆市市容环境卫生管理条例》'],
  ],
  [
    '区应急管理局',
    '示范应急',
    ['安全生产约谈', '危险化学品经营', '自然灾害救助', '安全生产举报奖励'],
    ['《中华人民共和国安全生产法》', '《危险化学品安全管理条例》'],
  ],
  [
    '区财政局',
    '示范财',
    ['政府采购', '财政专项资金', '政府购买服务', '国有资产处置'],
    ['《中华人民共和国预算法》', '《中华人民共和国政府采购法》'],
  ],
  [
    '区医疗保障局',
    '示范医保',
    ['医疗救助', '定点医药机构', '城乡居民医疗保险'],
    ['《医疗保障基金使用监督管理条例》', '《社会救助暂行办法》'],
  ],
  [
    '区规划和自然资源局',
    '示范规资',
    ['建设用地供应', '不动产登记', '地质灾害防治', '乡村规划许可'],
    ['《中华人民共和国城乡规划法》', '《中华人民共和国土地管理法》', '《不动产登记暂行条例》'],
  ],
  [
    '区商务委员会',
    '示范商务',
    ['商贸流通', '外贸发展资金', '单用途商业预付卡', '成品油市场'],
    ['《中华人民共和国对外贸易法》', '《单用途商业预付卡管理办法（试行）》'],
  ],
];

/** What the government issues (示范府规, drafted by a department) and its office (示范府办规). */
const GOVERNMENT_TOPICS = [
  '优化营商环境',
  '政府投资项目管理',
  '国有土地上房屋征收与补偿',
  '重大行政决策程序',
  '行政规范性文件管理',
  '政府合同管理',
  '招商引资优惠政策',
  '促进民营经济发展',
  '乡村振兴衔接资金',
  '城市更新',
  '公共资源交易',
  '行政执法公示',
  '政府信息公开',
  '突发事件应急预案',
  '科技创新奖励',
  '中小企业纾困',
  '人才安居',
  '防汛抗旱',
];
const GOVERNMENT_BASES = [
  '《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》',
  '《优化营商环境条例》',
  '《重大行政决策程序暂行条例》',
  '《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）',
  '《重庆市行政规范性文件管理办法》',
];
const KINDS = [
  ['管理办法', false],
  ['监督检查办法', false],
  ['专项资金管理办法', false],
  ['考核办法', false],
  ['奖励办法', false],
  ['工作规程', false],
  ['信用管理办法', false],
  ['实施细则', false],
  ['实施办法', false],
  ['若干措施', false],
  ['暂行办法', true],
  ['试行办法', true],
  ['实施意见', false],
  ['补助标准', false],
] as const;

interface StockDoc {
  caseId: string;
  unitId: string;
  unitName: string;
  issuer: string;
  issuerName: string;
  title: string;
  body: string;
  legalBasis: string[];
  docType: 'government' | 'department';
  interim: boolean;
  registeredOn: string;
  publishedOn: string;
  effectiveOn: string;
  expiresOn: string;
  filedOn: string;
  acceptedOn: string;
  expired: boolean;
  number?: string;
  year?: number;
  seq?: number;
}

export interface NormativeStock {
  /** Documents in force when the year's cleanup opens, and those whose validity had already ended. */
  inForce: number;
  expired: number;
  /** The 2026 part of the stock (registered January–May): the legality year reviews each before its number. */
  documents2026: { caseId: string; unitId: string; title: string; registeredOn: string }[];
}

const weekdayOnOrBefore = (d: string) => {
  let x = d;
  while (isWeekend(x)) x = addDays(x, -1);
  return x;
};
const weekdayOnOrAfter = (d: string) => {
  let x = d;
  while (isWeekend(x)) x = addDays(x, 1);
  return x;
};
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

const bodyOf = (title: string, unitName: string, bases: string[], effectiveOn: string, interim: boolean) =>
  [
    `第一条 为了规范${title.replace(/^示范区/, '').replace(/(管理办法|实施细则|实施办法|若干措施|暂行办法|试行办法|实施意见|补助标准)$/, '')}工作，保障公民、法人和其他组织的合法权益，根据${bases.join('、')}等规定，结合本区实际，制定本${title.endsWith('意见') ? '意见' : '办法'}。`,
    `第二条 本区行政区域内的相关活动及其监督管理，适用本${title.endsWith('意见') ? '意见' : '办法'}。`,
    `第三条 ${unitName.replace(/^区/, '示范区')}负责组织实施；各镇人民政府、街道办事处和区级有关部门按照各自职责做好相关工作。`,
    '第四条 办理有关事项应当公开条件、程序和时限，不得增加法律、法规和规章规定以外的条件，不得违法减损公民、法人和其他组织的合法权益或者增加其义务。',
    '第五条 对违反本规定的行为，依照有关法律、法规和规章的规定处理。',
    `第六条 本${title.endsWith('意见') ? '意见' : '办法'}自${effectiveOn.slice(0, 4)}年${Number(effectiveOn.slice(5, 7))}月${Number(effectiveOn.slice(8, 10))}日起施行，有效期${interim ? '2' : '5'}年。`,
  ].join('\n');

/**
 * Bulk-inserts the district's stock of normative documents (see the file comment). Deterministic at a scale
 * (its own seeded generator: the rest of the demo draws the same numbers with or without it). Needs the demo's
 * departments and the named accounts; returns what the year's plans build on.
 */
export async function seedDemoNormativeStock(
  deps: { db: Db; crypto: FieldCrypto },
  opts: { tenantId: string; scale: number; now: Date },
): Promise<NormativeStock> {
  const { db } = deps;
  const { tenantId, now } = opts;
  const rand = rngOf(Math.round(opts.scale * 1000) * 31 + Number(tenantId) + 4);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const unitRows = await queryRows<{
    id: string;
    name: string;
    admin_id: string | null;
    admin_name: string | null;
  }>(
    db,
    sql`select un.id, un.name,
               (select u.id from users u join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
                  join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
                 where u.tenant_id = un.tenant_id and u.unit_id = un.id and r.code = 'unit_admin'
                 order by u.username limit 1) as admin_id,
               (select u.display_name from users u join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
                  join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
                 where u.tenant_id = un.tenant_id and u.unit_id = un.id and r.code = 'unit_admin'
                 order by u.username limit 1) as admin_name
          from units un where un.tenant_id = ${tenantId} and un.kind = 'department'`,
  );
  const unit = new Map(unitRows.map((u) => [u.name, u]));
  const office = unit.get('区人民政府办公室');
  const issuers = DEPARTMENT_ISSUERS.filter(([name]) => unit.has(name));
  if (!office || issuers.length === 0) return { inForce: 0, expired: 0, documents2026: [] };
  // The 2026 documents come from departments with their own legal reviewer (the legality year reviews them).
  const reviewed = issuers.filter(([name]) =>
    [
      '区市场监督管理局',
      '区生态环境局',
      '区文化和旅游发展委员会',
      '区交通运输委员会',
      '区农业农村委员会',
    ].includes(name),
  );

  const titles = new Set<string>();
  const docs: StockDoc[] = [];
  const make = (effectiveOn: string, expiredStock: boolean) => {
    const in2026 = effectiveOn >= '2026-01-01';
    const r = rand();
    const gov = r < 0.3;
    // 2026 documents are drafted by a department with its own legal reviewer (the legality year reviews them).
    const govOffice = !in2026 && !gov && r < 0.38;
    const dept = pick(in2026 ? reviewed : issuers);
    const u = unit.get(dept[0])!;
    // A title not yet used: another subject or kind (up to twenty tries), else the year's revision, else numbered.
    let kind = '';
    let interim = false;
    let title = '';
    for (let attempt = 0; attempt < 20 && (!title || titles.has(title)); attempt++) {
      const [k, interimKind] = pick(KINDS);
      // An interim document (2 years) is in force at the cleanup only if it took effect from 2024-07.
      interim = interimKind && (expiredStock || effectiveOn >= '2024-07-01');
      kind = interimKind && !interim ? '管理办法' : k;
      const topic = gov || govOffice ? pick(GOVERNMENT_TOPICS) : pick(dept[2]);
      title = (
        kind === '实施意见' ? `示范区关于加强${topic}工作的实施意见` : `示范区${topic}${kind}`
      ).replace('管理管理', '管理');
    }
    const year = effectiveOn.slice(0, 4);
    const base = title;
    if (titles.has(title)) title = `${base}（${year}年修订）`;
    for (let k = 2; titles.has(title); k++) title = `${base}（${year}年第${k}次修订）`;
    titles.add(title);
    const bases = [
      ...(gov || govOffice ? [pick(GOVERNMENT_BASES)] : []),
      ...dept[3].filter(() => rand() < 0.6),
    ];
    if (bases.length === 0) bases.push(dept[3][0]!);
    const publishedOn = weekdayOnOrBefore(addDays(effectiveOn, -Math.floor(rand() * 30)));
    const registeredOn = weekdayOnOrBefore(addDays(publishedOn, -1 - Math.floor(rand() * 10)));
    const filedOn = weekdayOnOrAfter(addDays(publishedOn, 3 + Math.floor(rand() * 20)));
    const acceptedOn = weekdayOnOrAfter(addDays(filedOn, 5 + Math.floor(rand() * 15)));
    const expiresOn = addDays(addMonthsClamped(effectiveOn, interim ? 24 : 60), -1);
    const issuerName = gov
      ? '示范区人民政府'
      : govOffice
        ? '示范区人民政府办公室'
        : dept[0].replace(/^区/, '示范区');
    docs.push({
      caseId: newId(),
      unitId: govOffice ? office.id : u.id,
      unitName: govOffice ? office.name : u.name,
      issuer: gov ? '示范府' : govOffice ? '示范府办' : dept[1],
      issuerName,
      title,
      body: bodyOf(title, govOffice ? office.name : u.name, bases, effectiveOn, interim),
      legalBasis: bases,
      docType: gov || govOffice ? 'government' : 'department',
      interim,
      registeredOn,
      publishedOn,
      effectiveOn,
      expiresOn,
      filedOn,
      acceptedOn,
      expired: expiredStock,
    });
  };
  const inForce = Math.round(NORMATIVE_DEMO.inForce * opts.scale);
  const span = daysBetween(IN_FORCE_FROM, IN_FORCE_TO);
  for (let i = 0; i < inForce; i++)
    make(weekdayOnOrAfter(addDays(IN_FORCE_FROM, Math.floor(((i + rand()) * span) / inForce))), false);
  // Documents whose validity ended before the cleanup (effective 2019 to mid-2021, five years).
  const expiredCount = Math.round(NORMATIVE_DEMO.expiredBefore * opts.scale);
  for (let i = 0; i < expiredCount; i++)
    make(
      weekdayOnOrAfter(addDays('2019-01-02', Math.floor(rand() * daysBetween('2019-01-02', '2021-05-20')))),
      true,
    );
  for (const d of docs.filter((x) => x.expired && x.expiresOn >= CLEANUP.openOn))
    d.expiresOn = addDays(CLEANUP.openOn, -1 - Math.floor(rand() * 200));

  // Numbers per issuer and year in the order of registration, in the tenant's format.
  docs.sort((a, b) => a.registeredOn.localeCompare(b.registeredOn) || a.caseId.localeCompare(b.caseId));
  const format = await numberFormatOf(db, tenantId);
  const seqs = new Map<string, number>();
  const caseSeqs = new Map<number, number>();
  for (const d of docs) {
    const year = Number(d.registeredOn.slice(0, 4));
    const key = `${d.issuer}/${year}`;
    const seq = (seqs.get(key) ?? 0) + 1;
    seqs.set(key, seq);
    d.year = year;
    d.seq = seq;
    d.number = renderNumber(format, { issuerShort: d.issuer, issuer: d.issuerName, year, seq });
  }

  const filingRule = await effectiveRule(db, tenantId, 'normative.filing');
  const calendar = await loadCalendar(db);
  const at = (d: string) => new Date(`${d}T09:00:00+08:00`);
  const caseRows: (typeof cases.$inferInsert)[] = [];
  const versionRows: (typeof normativeVersions.$inferInsert)[] = [];
  const registerRows: (typeof normativeRegister.$inferInsert)[] = [];
  const deadlineRows: (typeof caseDeadlines.$inferInsert)[] = [];
  const logInputs: Parameters<typeof logEntriesInsert>[0][number][] = [];
  for (const d of docs) {
    const created =
      d.registeredOn.slice(0, 4) === addDays(d.registeredOn, -20).slice(0, 4)
        ? addDays(d.registeredOn, -20)
        : `${d.registeredOn.slice(0, 4)}-01-01`;
    const cyear = Number(created.slice(0, 4));
    const cseq = (caseSeqs.get(cyear) ?? 0) + 1;
    caseSeqs.set(cyear, cseq);
    const state = d.expired ? 'expired' : 'filed';
    const author = unitRows.find((u) => u.id === d.unitId);
    caseRows.push({
      tenantId,
      id: d.caseId,
      type: 'normative.document',
      number: `规范性文件登记〔${cyear}〕${cseq}号`,
      title: d.title,
      state,
      unitId: d.unitId,
      ownerId: author?.admin_id ?? null,
      data: {
        title: d.title,
        issuerName: d.issuerName,
        issuerShort: d.issuer,
        docType: d.docType,
        legalBasis: d.legalBasis,
        amends: [],
        repeals: [],
        marketRelated: false,
        interim: d.interim,
        publishedOn: d.publishedOn,
        effectiveOn: d.effectiveOn,
        filedOn: d.filedOn,
        filingRecipients: ['superior-government', 'npc-standing-committee'],
        imported: true,
      },
      version: 1,
      createdAt: at(created),
      updatedAt: at(d.expired ? addDays(d.expiresOn, 1) : d.acceptedOn),
      closedAt: d.expired ? at(addDays(d.expiresOn, 1)) : null,
    });
    versionRows.push({
      tenantId,
      id: newId(),
      caseId: d.caseId,
      versionNo: 1,
      title: d.title,
      body: d.body,
      note: '定稿（存量文件）',
      authorId: author?.admin_id ?? d.unitId,
      authorName: author?.admin_name ?? d.unitName,
      createdAt: at(created),
    });
    registerRows.push({
      tenantId,
      caseId: d.caseId,
      unitId: d.unitId,
      number: d.number!,
      issuer: d.issuer,
      issuerName: d.issuerName,
      year: d.year!,
      seq: d.seq!,
      title: d.title,
      registeredOn: d.registeredOn,
      status: d.expired ? 'expired' : 'in-force',
      published: true,
      body: d.body,
      publishedOn: d.publishedOn,
      effectiveOn: d.effectiveOn,
      expiresOn: d.expiresOn,
      filedOn: d.filedOn,
      filingAcceptedOn: d.acceptedOn,
      searchTokens: searchTokens([d.title, d.number, d.issuerName, d.body]),
      updatedAt: now,
    });
    // The filing period (报送备案, 30 days) was met: a document in force can later be repealed or lapse through
    // its steps, which close that period. (Documents of 2019 predate the calendar: they only lapsed.)
    if (!d.expired)
      deadlineRows.push({
        tenantId,
        id: newId(),
        caseId: d.caseId,
        key: 'filing',
        rule: filingRule,
        startDate: d.publishedOn,
        events: [],
        dueDate: computeDeadline(filingRule, d.publishedOn, [], calendar).dueDate,
        status: 'met',
        metOn: d.filedOn,
        createdAt: at(d.publishedOn),
        updatedAt: at(d.filedOn),
      });
    const entry = {
      tenantId,
      kind: 'normative.document.imported',
      actor: null,
      subject: { type: 'case', id: d.caseId },
      data: {
        number: d.number,
        title: d.title,
        issuerName: d.issuerName,
        registeredOn: d.registeredOn,
        publishedOn: d.publishedOn,
        effectiveOn: d.effectiveOn,
        expiresOn: d.expiresOn,
        filedOn: d.filedOn,
        filingAcceptedOn: d.acceptedOn,
        status: d.expired ? 'expired' : 'in-force',
        bodySha256: createHash('sha256').update(d.body, 'utf8').digest('hex'),
      },
      requestId: 'demo',
      at: now,
    };
    logInputs.push(entry);
  }
  const year2026 = docs.filter((d) => d.registeredOn >= '2026-01-01' && !d.expired);
  await db.transaction(async (tx) => {
    for (let i = 0; i < docs.length; i += 300) {
      const slice = (xs: unknown[]) => xs.slice(i, i + 300);
      await tx.insert(cases).values(slice(caseRows) as (typeof cases.$inferInsert)[]);
      await tx
        .insert(normativeVersions)
        .values(slice(versionRows) as (typeof normativeVersions.$inferInsert)[]);
      await tx
        .insert(normativeRegister)
        .values(slice(registerRows) as (typeof normativeRegister.$inferInsert)[]);
      const logs = logInputs.slice(i, i + 300);
      const { ids, insert } = logEntriesInsert(logs);
      await tx.execute(insert);
      await tx.insert(caseEvents).values(
        logs.map((e, k) => {
          const d = docs[i + k]!;
          return {
            tenantId,
            caseId: d.caseId,
            seq: 1,
            kind: 'created',
            name: null,
            label: `存量文件登记（${d.number}，${d.expired ? '有效期届满失效' : '已备案'}）`,
            fromState: null,
            toState: d.expired ? 'expired' : 'filed',
            actorId: null,
            actorName: '示范数据导入',
            at: at(d.registeredOn),
            data: e.data ?? {},
            logEntryId: ids[k]!,
          };
        }),
      );
    }
    for (let i = 0; i < deadlineRows.length; i += 500)
      await tx.insert(caseDeadlines).values(deadlineRows.slice(i, i + 500));
    for (const [key, value] of seqs) {
      const [issuer, year] = key.split('/') as [string, string];
      await tx
        .insert(normativeSequences)
        .values({ tenantId, issuer, year: Number(year), value })
        .onConflictDoUpdate({
          target: [normativeSequences.tenantId, normativeSequences.issuer, normativeSequences.year],
          set: { value: sql`greatest(${normativeSequences.value}, ${value})` },
        });
    }
    for (const [year, value] of caseSeqs)
      await tx
        .insert(counters)
        .values({ tenantId, key: `case:normative.document:${year}`, value })
        .onConflictDoUpdate({
          target: [counters.tenantId, counters.key],
          set: { value: sql`greatest(${counters.value}, ${value})` },
        });
  });
  return {
    inForce,
    expired: expiredCount,
    documents2026: year2026.map((d) => ({
      caseId: d.caseId,
      unitId: d.unitId,
      title: d.title,
      registeredOn: d.registeredOn,
    })),
  };
}

// ---------- the year 2026 ----------

const pass = (
  reasons: string,
  basis = '《中华人民共和国立法法》《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》',
) => ({
  outcome: 'pass' as const,
  reasons,
  basis,
});
const minutes = (date: string, subject: string) => ({
  meetingType: '区政府常务会议',
  date,
  attendees: [{ name: '何区长' }, { name: '王副区长' }, { name: '李副区长' }],
  opinions: [
    { name: '何区长', opinion: `同意${subject}` },
    { name: '王副区长', opinion: '同意' },
    { name: '李副区长', opinion: '同意，建议加强政策解读' },
  ],
  chairStatement: `审议通过${subject}，由起草单位按程序印发`,
  result: 'approved',
});

/**
 * The year's normative-document work as steps on their days (run by the demo's step runner, each in its own
 * transaction through the services and the engine): the cleanup over every document in force (`NORMATIVE_DEMO`
 * repeals and amendments, the rest kept), the lapses after it, and six drafts of the market bureau.
 */
export async function demoNormativeYear(
  deps: { db: Db; crypto: FieldCrypto },
  opts: {
    tenantId: string;
    scale: number;
    calendar: WorkCalendar;
    actors: { justice: Actor; leader: Actor; unitadmin: Actor; reviewer: Actor };
  },
): Promise<DemoStep[]> {
  const { db } = deps;
  const { tenantId, calendar } = opts;
  const { justice, leader, unitadmin, reviewer } = opts.actors;
  const rand = rngOf(Math.round(opts.scale * 1000) * 17 + Number(tenantId) + 9);
  const steps: DemoStep[] = [];
  const step = (date: string, as: Actor, what: string, run: (ctx: Ctx) => Promise<unknown>) => {
    if (date > LAST_DAY) throw new Error(`示范数据：${what}的日期${date}晚于${LAST_DAY}`);
    steps.push({ date, as, what, run });
  };
  const wd = (d: string, k: number) => calendar.addWorkdays(d, k);
  const workdays: string[] = [];
  for (let d = calendar.workdayOnOrAfter(CLEANUP.decideFrom); d <= CLEANUP.decideTo; d = wd(d, 1))
    workdays.push(d);

  // ----- the cleanup campaign -----
  const stock = await queryRows<{ case_id: string; number: string; title: string; expires_on: string }>(
    db,
    sql`select case_id, number, title, expires_on::text as expires_on from normative_register
         where tenant_id = ${tenantId} and status = 'in-force' and published
           and expires_on >= ${CLEANUP.openOn}::date and registered_on < ${CLEANUP.openOn}::date
         order by number`,
  );
  const lapsing = new Set(stock.filter((d) => d.expires_on < LAST_DAY).map((d) => d.case_id));
  const candidates = stock.filter((d) => !lapsing.has(d.case_id));
  const shuffled = candidates
    .map((d) => ({ d, k: rand() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.d);
  const nRepeal = Math.min(shuffled.length, Math.max(1, Math.round(NORMATIVE_DEMO.repealed * opts.scale)));
  const nAmend = Math.min(
    shuffled.length - nRepeal,
    Math.max(1, Math.round(NORMATIVE_DEMO.amended * opts.scale)),
  );
  const repealed = new Set(shuffled.slice(0, nRepeal).map((d) => d.case_id));
  const amended = shuffled.slice(nRepeal, nRepeal + nAmend);
  const amendedIds = new Set(amended.map((d) => d.case_id));
  let cleanupId = '';
  if (stock.length > 0) {
    step(CLEANUP.openOn, justice, '开启清理', async (ctx) => {
      cleanupId = (
        await openCleanup(ctx, {
          title: '2026年度行政规范性文件集中清理',
          reason:
            '定期清理（《重庆市行政规范性文件管理办法》：每两年全面清理一次）；《优化营商环境条例》等上位法修改',
        })
      ).id;
    });
    const REPEAL_REASONS = [
      '上位法已修改，文件主要依据已失效',
      '调整对象已消失，文件实际已不再适用',
      '已被新制定的文件代替',
      '含有地方保护、排除限制竞争的内容，与《优化营商环境条例》不一致',
      '阶段性工作任务已完成',
    ];
    stock.forEach((d, i) => {
      const on = workdays[Math.floor((i * workdays.length) / stock.length)]!;
      const outcome = repealed.has(d.case_id) ? 'repeal' : amendedIds.has(d.case_id) ? 'amend' : 'keep';
      const reason =
        outcome === 'repeal'
          ? REPEAL_REASONS[Math.floor(rand() * REPEAL_REASONS.length)]!
          : outcome === 'amend'
            ? '部分条款与新修订的上位法不一致，需要修改'
            : '经评估，文件符合上位法规定，适应当前工作需要，继续有效';
      step(on, justice, `清理结论 ${d.number}`, (ctx) =>
        decideCleanupItem(ctx, cleanupId, d.case_id, { outcome, reason }),
      );
    });
    step(CLEANUP.publishOn, justice, '公布清理结果', (ctx) => publishCleanup(ctx, cleanupId));
  }
  // ----- documents whose validity ended after the cleanup (有效期届满失效, the day after the last day) -----
  for (const d of stock)
    if (lapsing.has(d.case_id)) {
      const next = addDays(d.expires_on, 1);
      const on = calendar.workdayOnOrAfter(next > CLEANUP.publishOn ? next : addDays(CLEANUP.publishOn, 1));
      if (on <= LAST_DAY)
        step(on, justice, `有效期届满 ${d.number}`, (ctx) =>
          transition(ctx, d.case_id, 'expire', { note: '有效期届满，未经评估重新印发，自动失效' }),
        );
    }

  // ----- the year's drafts, by the market bureau (unitadmin), reviewed by its legal staff and the justice bureau -----
  const ids: Record<string, string> = {};
  const draft = (key: string, date: string, facts: Record<string, unknown>, body: string) =>
    step(date, unitadmin, `起草 ${facts.title}`, async (ctx) => {
      ids[key] = (await createDocument(ctx, { facts, body, note: '初稿' })).id;
    });
  const go = (key: string, date: string, as: Actor, name: string, input: unknown) =>
    step(date, as, `${name} ${key}`, (ctx) => transition(ctx, ids[key]!, name, input));
  const reviewOf = async (ctx: Ctx, key: string) => {
    const gate = await reviewPassed(ctx, { type: 'normative.document', id: ids[key]! });
    if (!gate.review) throw new Error(`示范数据：${key} 没有合法性审查`);
    return gate.review.id;
  };
  const review = (key: string, date: string, as: Actor, name: string, input: unknown) =>
    step(date, as, `${name} ${key}`, async (ctx) => transition(ctx, await reviewOf(ctx, key), name, input));
  const record = (key: string, date: string, subject: string) =>
    step(date, leader, `集体审议 ${key}`, (ctx) =>
      addRecord(ctx, ids[key]!, 'collective-discussion', minutes(date, subject)),
    );
  const comment = (
    key: string,
    date: string,
    clauseNo: number,
    content: string,
    name: string,
    source: string,
  ) =>
    step(date, unitadmin, `公众意见 ${key}`, (ctx) =>
      publicComment(
        { db: ctx.db, crypto: ctx.crypto, now: ctx.now },
        tenantId,
        ids[key]!,
        { clauseNo, content, name },
        source,
      ),
    );
  const dispose = (key: string, date: string, choices: [Disposition, string | undefined][]) =>
    step(date, unitadmin, `意见处理 ${key}`, async (ctx) => {
      const list = await listComments(ctx, ids[key]!);
      for (const [i, c] of list.entries()) {
        const [disposition, reason] = choices[i % choices.length]!;
        await disposeComment(ctx, ids[key]!, c.id, { disposition, reason });
      }
    });
  const facts = (title: string, extra: Record<string, unknown> = {}) => ({
    title,
    issuerName: '示范区人民政府',
    issuerShort: '示范府',
    docType: 'government',
    legalBasis: ['《优化营商环境条例》', '《中华人民共和国市场主体登记管理条例》'],
    ...extra,
  });
  const text = (title: string, clauses: string[]) =>
    [
      `第一条 为了${title.replace(/^示范区/, '').replace(/(管理办法|实施细则)$/, '')}工作规范有序，根据有关法律法规，结合本区实际，制定本办法。`,
      ...clauses.map((c, i) => `第${['二', '三', '四', '五', '六'][i]}条 ${c}`),
      `第${['二', '三', '四', '五', '六', '七'][clauses.length]}条 本办法自印发之日起施行，有效期5年。`,
    ].join('\n');

  // 1. A government document closely related to market entities: 30-day comment, dispositions, a new version,
  //    both reviews, deliberation, the number, publication, filing with one 补正 loop, accepted.
  const t1 = '示范区市场主体住所（经营场所）登记管理办法';
  draft(
    'd1',
    '2026-07-01',
    facts(t1, { marketRelated: true }),
    text(t1, [
      '市场主体登记机关为区市场监督管理局。',
      '申请人对住所（经营场所）信息的真实性负责，实行申报承诺制。',
      '利用住宅从事经营活动的，应当遵守法律法规和管理规约。',
    ]),
  );
  step('2026-07-03', unitadmin, '修改草案 d1', (ctx) =>
    addVersion(ctx, ids.d1!, {
      title: t1,
      body: text(t1, [
        '市场主体登记机关为区市场监督管理局。',
        '申请人对住所（经营场所）信息的真实性负责，实行申报承诺制，登记机关不再要求提交产权证明。',
        '利用住宅从事经营活动的，应当遵守法律法规和管理规约，并征得有利害关系的业主同意。',
      ]),
      note: '征求部门意见后修改',
    }),
  );
  go('d1', '2026-07-06', unitadmin, 'openComment', { startOn: '2026-07-06', endOn: '2026-08-10' });
  comment(
    'd1',
    '2026-07-08',
    3,
    '建议明确“有利害关系的业主”的范围，避免执行时各说各话。',
    '陈明',
    'demo-source-1',
  );
  comment('d1', '2026-07-15', 2, '申报承诺制很好，建议同步公布虚假承诺的处理方式。', '刘芳', 'demo-source-2');
  comment('d1', '2026-07-22', 1, '建议在依据中列明《重庆市市场主体登记管理条例》。', '', 'demo-source-3');
  comment('d1', '2026-08-03', 3, '建议删除征得业主同意的要求，增加企业负担。', '周强', 'demo-source-4');
  go('d1', '2026-08-11', unitadmin, 'closeComment', { note: '征求意见期满，收到意见4条' });
  dispose('d1', '2026-08-12', [
    ['adopted', undefined],
    ['partly-adopted', '虚假承诺的处理已在第三条中原则规定，具体程序另行公布'],
    ['adopted', undefined],
    ['not-adopted', '征得有利害关系业主同意是《民法典》第二百七十九条的要求，不能删除'],
  ]);
  step('2026-08-12', unitadmin, '修改草案 d1', (ctx) =>
    addVersion(ctx, ids.d1!, {
      title: t1,
      body: text(t1, [
        '市场主体登记机关为区市场监督管理局。',
        '申请人对住所（经营场所）信息的真实性负责，实行申报承诺制；虚假承诺的，依法处理并记入信用记录。',
        '利用住宅从事经营活动的，应当遵守法律法规和管理规约，并经有利害关系的业主（同一栋建筑物内的业主）同意。',
      ]),
      note: '根据公众意见修改',
    }),
  );
  go('d1', '2026-08-13', unitadmin, 'submitReview', {
    materials: [{ name: '送审稿' }, { name: '起草说明' }, { name: '公众意见采纳情况' }],
  });
  review('d1', '2026-08-20', reviewer, 'unitPass', pass('制定主体、权限和程序合法，内容与上位法一致'));
  review('d1', '2026-08-27', justice, 'justicePass', {
    ...pass('经审查，未违法设定行政许可、减损权利或增加义务'),
    outcome: 'pass-with-changes',
    reasons: '建议第三条“记入信用记录”改为“依法记入信用记录”，修改后通过',
  });
  go('d1', '2026-08-28', unitadmin, 'reviewFinished', {});
  record('d1', '2026-09-01', t1);
  go('d1', '2026-09-02', justice, 'register', { note: '统一登记编号' });
  go('d1', '2026-09-04', unitadmin, 'publish', {
    publishedOn: '2026-09-04',
    effectiveOn: '2026-10-09',
    channel: '示范区人民政府网站、示范区人民政府公报',
  });
  go('d1', '2026-09-11', unitadmin, 'submitFiling', {
    filedOn: '2026-09-11',
    recipients: ['superior-government', 'npc-standing-committee'],
  });
  go('d1', '2026-09-18', justice, 'requestFilingCorrection', {
    type: 'correct',
    reason: '备案材料缺少制定说明和合法性审查意见书，请补正',
  });
  go('d1', '2026-09-24', unitadmin, 'resubmitFiling', { note: '已补充制定说明和合法性审查意见书' });
  go('d1', '2026-09-29', justice, 'acceptFiling', { acceptedOn: '2026-09-29' });

  // 2. A departmental document with the ordinary 7-working-day comment: to 已备案.
  const t2 = '示范区食品小作坊登记管理实施细则';
  draft(
    'd2',
    '2026-07-20',
    {
      ...facts(t2),
      issuerName: '示范区市场监督管理局',
      issuerShort: '示范市监',
      docType: 'department',
      legalBasis: ['《中华人民共和国食品安全法》', '《重庆市食品生产加工小作坊和食品摊贩管理条例》'],
    },
    text(t2, [
      '食品小作坊实行登记管理，登记证有效期三年。',
      '区市场监督管理局应当自受理之日起十个工作日内作出是否登记的决定。',
    ]),
  );
  go('d2', '2026-07-27', unitadmin, 'openComment', { startOn: '2026-07-27', endOn: '2026-08-07' });
  comment('d2', '2026-07-29', 2, '建议将登记时限缩短为五个工作日。', '王丽', 'demo-source-5');
  comment('d2', '2026-08-04', 1, '建议增加对小作坊的帮扶指导内容。', '赵刚', 'demo-source-6');
  go('d2', '2026-08-10', unitadmin, 'closeComment', {});
  dispose('d2', '2026-08-10', [
    ['partly-adopted', '承诺时限缩短为七个工作日，五个工作日难以完成现场核查'],
    ['adopted', undefined],
  ]);
  go('d2', '2026-08-11', unitadmin, 'submitReview', {
    materials: [{ name: '送审稿' }, { name: '起草说明' }],
  });
  review('d2', '2026-08-17', reviewer, 'unitPass', {
    ...pass('内容合法'),
    outcome: 'pass-with-changes',
    reasons: '第三条时限表述应与条例一致，修改后通过',
  });
  review('d2', '2026-08-24', justice, 'justicePass', pass('同意单位法制机构意见'));
  go('d2', '2026-08-25', unitadmin, 'reviewFinished', {});
  record('d2', '2026-08-27', t2);
  go('d2', '2026-08-28', justice, 'register', {});
  go('d2', '2026-09-01', unitadmin, 'publish', {
    publishedOn: '2026-09-01',
    effectiveOn: '2026-09-01',
    channel: '示范区人民政府网站',
  });
  go('d2', '2026-09-08', unitadmin, 'submitFiling', {
    filedOn: '2026-09-08',
    recipients: ['district-government'],
  });
  go('d2', '2026-09-21', justice, 'acceptFiling', { acceptedOn: '2026-09-21' });

  // 3. The amending document for the first document the cleanup marked 需要修改.
  const target = amended[0];
  if (target) {
    const t3 = `示范区人民政府关于修改《${target.title}》的决定`;
    draft(
      'd3',
      '2026-06-29',
      facts(t3.slice(0, 200), { amends: [target.number] }),
      text('示范区文件修改', [
        `对${target.number}第一条中引用的已修改上位法名称作相应修改。`,
        '对第四条中的办理时限作相应调整。',
      ]),
    );
    go('d3', '2026-06-30', unitadmin, 'submitReview', {
      materials: [{ name: '修改决定送审稿' }],
      noCommentReason: '仅因上位法修改作相应文字修改，不涉及公众权利义务的实质变化',
    });
    review('d3', '2026-07-06', reviewer, 'unitPass', pass('修改内容与上位法一致'));
    review('d3', '2026-07-13', justice, 'justicePass', pass('同意'));
    go('d3', '2026-07-14', unitadmin, 'reviewFinished', {});
    record('d3', '2026-07-16', '修改决定');
    go('d3', '2026-07-17', justice, 'register', {});
    go('d3', '2026-07-21', unitadmin, 'publish', {
      publishedOn: '2026-07-21',
      effectiveOn: '2026-07-21',
      channel: '示范区人民政府网站',
    });
    go('d3', '2026-08-14', unitadmin, 'submitFiling', {
      filedOn: '2026-08-14',
      recipients: ['superior-government', 'npc-standing-committee'],
    });
  }

  // 4. Commented, now in review: the unit's legal staff passed it, the justice bureau's stage runs.
  const t4 = '示范区电动自行车停放充电管理办法';
  draft(
    'd4',
    '2026-09-07',
    { ...facts(t4), legalBasis: ['《中华人民共和国消防法》', '《重庆市消防条例》'] },
    text(t4, [
      '禁止在建筑物的公共门厅、疏散走道、楼梯间停放电动自行车或者为其充电。',
      '物业服务人应当配合设置集中停放和充电场所。',
    ]),
  );
  go('d4', '2026-09-14', unitadmin, 'openComment', { startOn: '2026-09-14', endOn: '2026-09-25' });
  comment(
    'd4',
    '2026-09-16',
    3,
    '老旧小区没有物业，建议明确由社区组织设置充电场所。',
    '孙燕',
    'demo-source-7',
  );
  go('d4', '2026-09-28', unitadmin, 'closeComment', {});
  dispose('d4', '2026-10-12', [['adopted', undefined]]);
  go('d4', '2026-10-19', unitadmin, 'submitReview', {
    materials: [{ name: '送审稿' }, { name: '公众意见采纳情况' }],
  });
  review('d4', '2026-10-27', reviewer, 'unitPass', pass('内容合法，建议报送司法局审查'));

  // 5. Not a normative document (an internal work plan): no number.
  const t5 = '示范区市场监督管理局2026年度“双随机、一公开”抽查工作计划';
  draft(
    'd5',
    '2026-08-03',
    {
      ...facts(t5),
      issuerName: '示范区市场监督管理局',
      issuerShort: '示范市监',
      docType: 'department',
      legalBasis: ['《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》'],
    },
    text(t5, ['全年抽查比例不低于5%。', '抽查结果通过国家企业信用信息公示系统公示。']),
  );
  go('d5', '2026-08-06', justice, 'declareNotNormative', {
    reason: '属于内部工作计划，不涉及公民、法人和其他组织的权利义务，不属于行政规范性文件，不予登记编号',
  });

  // 6. Failed review (it would have set a condition the law does not), revised, then abandoned.
  const t6 = '示范区个体工商户经营场所准入管理办法';
  draft(
    'd6',
    '2026-05-11',
    facts(t6),
    text(t6, [
      '在本区从事经营的个体工商户应当取得街道办事处出具的经营场所证明。',
      '未取得证明的，登记机关不予登记。',
    ]),
  );
  go('d6', '2026-05-13', unitadmin, 'submitReview', {
    materials: [{ name: '送审稿' }],
    noCommentReason: '起草单位认为不涉及公众权益（审查中被否定）',
  });
  review('d6', '2026-05-21', reviewer, 'unitFail', {
    reasons: '第二条、第三条增设了法律法规规定以外的登记条件，违法增加市场主体义务',
    basis: '《优化营商环境条例》第六十四条；《中华人民共和国市场主体登记管理条例》',
  });
  go('d6', '2026-05-22', unitadmin, 'revise', { reason: '合法性审查不通过，删除增设的证明要求' });
  go('d6', '2026-05-29', unitadmin, 'abandon', { reason: '删除违法条款后已无制定必要，终止起草' });
  return steps;
}
