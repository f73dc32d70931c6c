/**
 * 案卷导出 (the complete case file of a penalty case) as one ZIP: `目录.json` (case number, title, state, when it was
 * generated, the SHA-256 of every other file, the documents skipped and the log entries still pending),
 * `案件信息.json` (the case facts and timeline as `GET /api/workflow/cases/:id` returns them), `文书/` the official
 * documents the case's progress calls for, rendered from the tenant's templates in force (文书模板), and `存证/` one offline-checkable log
 * receipt per sequenced timeline event with `存证/说明.txt` on how to verify them.
 *
 * A document is rendered only when every placeholder has a value: a value the case does not record is never
 * guessed, the document is skipped and the manifest lists what is missing. Some particulars are not case facts:
 * the issuing body's address and telephone, how fines are paid, the reconsideration body and the court come from the
 * body's registry entry; how the party's statement was handled and the provision violated are not recorded. The
 * exporter may supply any of them (`particulars`, overriding the registry) and the manifest names each value so
 * supplied. `caseDocuments` decides and fills the documents for the ZIP and the per-case document endpoints alike.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { DomainError, invalid, notFound } from '../../kernel/errors.ts';
import type { Ctx } from '../../platform/access/index.ts';
import { users } from '../../platform/access/index.ts';
import {
  type DocumentTemplate,
  effectiveTemplate,
  formatChineseDate,
  renderDocx,
  templatePlaceholders,
} from '../../platform/documents/index.ts';
import { entryReceipt, logSignerFor, serializeReceipt } from '../../platform/log/index.ts';
import { getCaseDetail } from '../../platform/workflow/index.ts';
import { findMatter } from './case.guards.ts';
import { writeZip } from './case-file-zip.ts';
import { enforcementBodies } from './enforcement.tables.ts';

/** Particulars of the issuing body that the case does not record; supplied by the exporter when known. */
export interface CaseFileParticulars {
  agencyAddress?: string | undefined;
  agencyPhone?: string | undefined;
  paymentMethod?: string | undefined;
  reviewAuthority?: string | undefined;
  court?: string | undefined;
  statementHandling?: string | undefined;
  violatedProvision?: string | undefined;
}

const zParticular = z.string().trim().min(1).max(200).optional();
/** The export's query: the particulars of `CaseFileParticulars`, each optional. */
export const zCaseFileQuery = z.object({
  agencyAddress: zParticular,
  agencyPhone: zParticular,
  paymentMethod: zParticular,
  reviewAuthority: zParticular,
  court: zParticular,
  statementHandling: zParticular,
  violatedProvision: zParticular,
});

/** The per-case document list (`GET /api/enforcement/cases/:id/documents`). */
export const zCaseDocumentList = z
  .object({
    documents: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        status: z.enum(['ready', 'incomplete']),
        missing: z.array(z.object({ field: z.string(), meaning: z.string() })),
        suppliedByExporter: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'EnforcementCaseDocuments' });

const PARTICULAR_PATHS: Record<keyof CaseFileParticulars, string> = {
  agencyAddress: 'agency.address',
  agencyPhone: 'agency.phone',
  paymentMethod: 'decision.paymentMethod',
  reviewAuthority: 'decision.reviewAuthority',
  court: 'decision.court',
  statementHandling: 'decision.statementHandling',
  violatedProvision: 'decision.violatedProvision',
};

export interface CaseFileManifest {
  format: 'fazhi-case-file/v1';
  caseId: string;
  caseNumber: string;
  title: string;
  state: string;
  stateLabel: string;
  generatedAt: string;
  /** Every file of the archive except this manifest, with its SHA-256 (hex). */
  files: { name: string; sha256: string; bytes: number }[];
  documents: {
    template: string;
    name: string;
    status: 'generated' | 'skipped';
    file?: string;
    /** Why a document was skipped: the placeholders without a value, with their meaning. */
    missing?: { field: string; meaning: string }[];
    /** Values that came from the exporter, not from the case. */
    suppliedByExporter?: string[];
  }[];
  receipts: {
    seq: number;
    label: string;
    logEntryId: string;
    status: 'receipt' | 'pending';
    file?: string;
    index?: number;
  }[];
  verifierKeyUrl: string;
}

type D = Record<string, unknown>;
const rec = (v: unknown): D => (v && typeof v === 'object' && !Array.isArray(v) ? (v as D) : {});
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const valueAt = (data: D, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as D)[k] : undefined), data);
/** File-name safe (keeps Chinese, letters, digits). */
const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');

/** Which documents the case's progress calls for, and the data each is filled from. */
function applicableDocuments(
  data: D,
  number: string,
  agency: D,
  officerNames: string | undefined,
  p: CaseFileParticulars,
  discretion: string | undefined,
): { code: DocumentCode; values: D }[] {
  const party = rec(data.party);
  const filing = rec(data.filing);
  const notice = rec(data.priorNotice);
  const proposed = rec(notice.proposed);
  const decision = rec(data.decision);
  const service = rec(data.service);
  const person = party.kind !== 'organisation';
  const evidence = ((data.evidence as D[] | undefined) ?? []).map((e) => str(e.title)).filter(Boolean);
  const partyValues = {
    name: str(party.name),
    idType: person ? (str(party.idNumber) ? '公民身份号码' : undefined) : '统一社会信用代码',
    idNumber: person ? str(party.idNumber) : str(party.creditCode),
    address: str(party.address),
  };
  const caseValues = {
    number,
    cause: str(filing.cause),
    filedDate: str(filing.filedOn),
    evidence: evidence.length ? evidence.join('、') : undefined,
  };
  const supplied = {
    violatedProvision: str(p.violatedProvision) ?? str(decision.violatedProvision),
    statementHandling: str(p.statementHandling) ?? statementHandling(data),
    paymentMethod: str(p.paymentMethod),
    reviewAuthority: str(p.reviewAuthority),
    court: str(p.court),
  };
  const proposedPenalty = [
    ...((proposed.otherPenalties as string[] | undefined) ?? []),
    ...(typeof proposed.fine === 'number' && proposed.fine > 0 ? [`罚款${proposed.fine}元`] : []),
  ].join('、');
  const out: { code: DocumentCode; values: D }[] = [];
  if (notice.notifiedOn) {
    const base = {
      agency,
      party: partyValues,
      officer: { names: officerNames },
      docNumber: str(notice.noticeNo),
    };
    out.push({
      code: 'penalty-prior-notice',
      values: {
        ...base,
        case: { ...caseValues, facts: str(notice.facts) },
        decision: { ...supplied, legalBasis: str(notice.basis), penalty: str(proposedPenalty) },
        notice: {
          date: str(notice.notifiedOn),
          replyDays: typeof notice.replyDays === 'number' ? notice.replyDays : undefined,
        },
      },
    });
    if (notice.hearingQualifies)
      out.push({
        code: 'hearing-notice',
        values: {
          ...base,
          case: caseValues,
          decision: {
            ...supplied,
            legalBasis: str(notice.basis),
            penalty: str(((proposed.otherPenalties as string[] | undefined) ?? []).join('、')),
            amount: typeof proposed.fine === 'number' && proposed.fine > 0 ? proposed.fine : undefined,
          },
          notice: { date: str(notice.notifiedOn) },
        },
      });
  }
  if (decision.outcome === 'penalty') {
    out.push({
      code: 'penalty-decision',
      values: {
        agency,
        party: partyValues,
        case: { ...caseValues, facts: str(decision.facts) },
        notice: { date: str(notice.notifiedOn) },
        docNumber: str(decision.decisionNo),
        decision: {
          ...supplied,
          legalBasis: str(decision.basis),
          discretion,
          penalty: str(((decision.otherPenalties as string[] | undefined) ?? []).join('、')),
          amount: typeof decision.fine === 'number' && decision.fine > 0 ? decision.fine : undefined,
          date: str(decision.decidedOn),
        },
      },
    });
  }
  if (service.servedOn) {
    out.push({
      code: 'delivery-receipt',
      values: {
        agency,
        party: partyValues,
        case: caseValues,
        delivery: {
          documentName: '行政处罚决定书',
          documentNumber: str(decision.decisionNo),
          // 送达地点 is not recorded by the service step.
          address: undefined,
          method: str(service.method),
          officers: officerNames,
          date: str(service.servedOn),
        },
      },
    });
  }
  return out;
}

/**
 * How the party's statement and defence were handled, as the decision prints it: from the 陈述申辩 step, or the
 * hearing held; undefined (the decision lists it as missing) when the case records neither.
 */
export function statementHandling(data: D): string | undefined {
  const st = rec(data.statement);
  if (typeof st.made === 'boolean') {
    if (!st.made) return '当事人在规定期限内未提出陈述、申辩';
    if (st.adoption === '采纳') return '当事人提出了陈述、申辩，本机关经复核，予以采纳';
    return `当事人提出了陈述、申辩，本机关经复核，${st.adoption === '部分采纳' ? '部分予以采纳' : '不予采纳'}，理由是：${str(st.reason) ?? ''}`;
  }
  const h = rec(data.hearing);
  if (h.held === true && str(h.heldOn))
    return `当事人要求听证，本机关于${formatChineseDate(String(h.heldOn))}依法举行了听证`;
  return undefined;
}

/** The discretion reasoning from the decision's circumstance, the matter's band and any recorded deviation. */
async function discretionText(ctx: Ctx, data: D): Promise<string | undefined> {
  const decision = rec(data.decision);
  const circumstance = str(decision.circumstance);
  if (!circumstance) return undefined;
  const matter = await findMatter(ctx, rec(data.filing).matterId);
  const band = matter?.discretion.find((b) => b.circumstance === circumstance);
  const deviation = str(decision.deviationReason);
  return [
    `依照本事项的裁量基准，本案属于“${circumstance}”情形${band?.description ? `（${band.description}）` : ''}`,
    ...(deviation ? [`罚款偏离裁量基准的理由：${deviation}`] : []),
  ].join('；');
}

function instructions(division: string, caseNumber: string): string {
  return `存证说明（案件 ${caseNumber}）

本目录中的每个 .json 文件是一份“全过程记录日志回执”（格式 fazhi-log-receipt/v1），对应案件时间线上的一个办理环节。
回执包含该环节的日志条目原文、它在本行政区透明日志中的位置、默克尔包含证明，以及日志签名的检查点。
任何人都可以在不联网、不依赖本系统数据库的情况下核验：该条目确实记入了日志，且此后未被改动。

一、取得可信的验证公钥
  验证公钥由本行政区公开发布：/log/${division}/vkey（即本系统网址后加该路径）。
  请从公开渠道取得并留存该公钥；回执内自带的 verifierKey 字段仅作参考，不能据以证明回执的出具者。

二、逐份核验
  fazhi log verify-receipt <回执文件> --vkey <验证公钥>
  核验通过表示：检查点由该公钥对应的私钥签名；条目哈希与回执一致；包含证明能推出检查点中的根哈希。

三、核对文件完整性
  目录.json 列出了本案卷中其他每个文件的 SHA-256 值，可用 sha256sum 等工具逐一核对。

四、尚未排序的记录
  目录.json 的 receipts 中状态为 pending 的环节，导出时尚未排入日志（通常一秒内完成），
  稍后重新导出案卷，或通过 GET /api/log/entries/<logEntryId>/receipt 取得其回执。

说明：文书/ 中的文书是依据案件记录按标准模板重新生成的文本，以送达当事人的原件为准；
缺少必要信息而未生成的文书，原因列在 目录.json 的 documents 中。
`;
}

/** The documents a penalty case's progress calls for (in this order), by template code. */
export const CASE_DOCUMENT_CODES = [
  'penalty-prior-notice',
  'hearing-notice',
  'penalty-decision',
  'delivery-receipt',
] as const;
export type DocumentCode = (typeof CASE_DOCUMENT_CODES)[number];

/** One document the case calls for: ready to render, or the fields it lacks. */
export interface CaseDocument {
  code: DocumentCode;
  name: string;
  status: 'ready' | 'incomplete';
  /** The placeholders without a value, with their meaning (empty when ready). */
  missing: { field: string; meaning: string }[];
  /** Values the exporter supplied in the request (not recorded by the case or the body's registry entry). */
  suppliedByExporter: string[];
  /** The tenant's template in force and the values it is filled with. */
  template: DocumentTemplate;
  values: D;
}

type CaseDetailView = Awaited<ReturnType<typeof getCaseDetail>>;

/** The issuing body's particulars stored in the registry, under the names of `CaseFileParticulars`. */
async function bodyParticulars(ctx: Ctx, bodyId: string | undefined) {
  const [body] = bodyId
    ? await ctx.db
        .select({
          name: enforcementBodies.name,
          agencyAddress: enforcementBodies.address,
          agencyPhone: enforcementBodies.phone,
          paymentMethod: enforcementBodies.paymentMethod,
          reviewAuthority: enforcementBodies.reviewAuthority,
          court: enforcementBodies.court,
        })
        .from(enforcementBodies)
        .where(and(eq(enforcementBodies.tenantId, ctx.actor.tenantId), eq(enforcementBodies.id, bodyId)))
    : [];
  return body;
}

/**
 * The documents a penalty case the actor may read calls for (404 otherwise, as for the case itself), each filled
 * from the case, the body's registry entry (address, telephone, 缴款方式, 复议机关, 管辖法院) and `particulars` (the
 * request's values, which override the registry's), with the tenant's templates in force. One function for the
 * case file and the per-case document endpoints.
 */
export async function caseDocuments(
  ctx: Ctx,
  caseId: string,
  particulars: CaseFileParticulars = {},
): Promise<{ detail: CaseDetailView; documents: CaseDocument[] }> {
  const detail = await getCaseDetail(ctx, caseId);
  if (detail.type !== 'enforcement.penalty-case')
    throw notFound('WORKFLOW.CASE_NOT_FOUND', '案件不存在或无权查看');
  const data = rec(detail.data);
  const tenantId = ctx.actor.tenantId;
  const body = await bodyParticulars(ctx, str(data.bodyId));
  const investigators = ((data.investigators as string[] | undefined) ?? []).filter((id) =>
    /^[0-9a-f-]{36}$/i.test(id),
  );
  const names = investigators.length
    ? await ctx.db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), inArray(users.id, investigators)))
    : [];
  const byId = new Map(names.map((n) => [n.id, n.name]));
  const officerNames =
    investigators.length > 0 && investigators.every((id) => byId.has(id))
      ? investigators.map((id) => byId.get(id)).join('、')
      : undefined;
  const keys = Object.keys(PARTICULAR_PATHS) as (keyof CaseFileParticulars)[];
  const merged: CaseFileParticulars = Object.fromEntries(
    keys.map((k) => [k, str(particulars[k]) ?? str(body?.[k as keyof typeof body] ?? undefined)]),
  );
  const agency = { name: body?.name, address: merged.agencyAddress, phone: merged.agencyPhone };
  const applicable = applicableDocuments(
    data,
    detail.number,
    agency,
    officerNames,
    merged,
    await discretionText(ctx, data),
  );
  const documents: CaseDocument[] = [];
  for (const { code, values } of applicable) {
    const template = await effectiveTemplate(ctx.db, tenantId, code);
    const fields = templatePlaceholders(template);
    const missing = fields
      .filter((f) => {
        const v = valueAt(values, f);
        return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
      })
      .map((field) => ({ field, meaning: template.placeholders?.[field] ?? field }));
    const suppliedByExporter = keys
      .filter((k) => str(particulars[k]) && fields.includes(PARTICULAR_PATHS[k]))
      .map((k) => PARTICULAR_PATHS[k]);
    documents.push({
      code,
      name: template.name,
      status: missing.length > 0 ? 'incomplete' : 'ready',
      missing,
      suppliedByExporter,
      template,
      values,
    });
  }
  return { detail, documents };
}

/**
 * One document of a case as a DOCX: 404 `ENFORCEMENT.DOCUMENT_NOT_APPLICABLE` when the case's progress does not call
 * for it, 400 `ENFORCEMENT.DOCUMENT_INCOMPLETE` listing every missing field (pointers into the document's data).
 */
export async function caseDocumentDocx(
  ctx: Ctx,
  caseId: string,
  code: string,
  particulars: CaseFileParticulars = {},
): Promise<{ docx: Buffer; fileName: string; document: CaseDocument; caseNumber: string }> {
  const { detail, documents } = await caseDocuments(ctx, caseId, particulars);
  const document = documents.find((d) => d.code === code);
  if (!document)
    throw notFound('ENFORCEMENT.DOCUMENT_NOT_APPLICABLE', '该案件的办理进度尚不需要此文书，或没有此文书');
  if (document.status === 'incomplete')
    throw invalid(
      'ENFORCEMENT.DOCUMENT_INCOMPLETE',
      `生成“${document.name}”还缺少 ${document.missing.length} 项信息，请先补齐`,
      document.missing.map((m) => ({
        pointer: `/${m.field.replaceAll('.', '/')}`,
        detail: `缺少${m.meaning}（${m.field}）`,
      })),
    );
  return {
    docx: await renderDocx(document.template, document.values),
    fileName: `${document.name}-${safe(detail.number)}.docx`,
    document,
    caseNumber: detail.number,
  };
}

/** Builds the case file of a penalty case the actor may read (404 otherwise, as for the case itself). */
export async function buildCaseFile(
  ctx: Ctx,
  caseId: string,
  particulars: CaseFileParticulars = {},
): Promise<{ zip: Buffer; manifest: CaseFileManifest; fileName: string }> {
  const { detail, documents: docs } = await caseDocuments(ctx, caseId, particulars);
  const tenantId = ctx.actor.tenantId;
  const generatedAt = ctx.now;
  const files: { name: string; data: Buffer }[] = [];

  // 案件信息: as the case API returns it, without what depends on who asks (the steps they may take).
  const { actions: _actions, recordKinds: _kinds, ...info } = detail;
  files.push({ name: '案件信息.json', data: Buffer.from(`${JSON.stringify(info, null, 2)}\n`, 'utf8') });

  // 文书
  const documents: CaseFileManifest['documents'] = [];
  for (const [i, d] of docs.entries()) {
    if (d.status === 'incomplete') {
      documents.push({ template: d.code, name: d.name, status: 'skipped', missing: d.missing });
      continue;
    }
    const name = `文书/${String(i + 1).padStart(2, '0')}-${d.name}.docx`;
    files.push({ name, data: await renderDocx(d.template, d.values) });
    documents.push({
      template: d.code,
      name: d.name,
      status: 'generated',
      file: name,
      ...(d.suppliedByExporter.length ? { suppliedByExporter: d.suppliedByExporter } : {}),
    });
  }

  // 存证
  const signer = logSignerFor(ctx.config);
  const receipts: CaseFileManifest['receipts'] = [];
  for (const e of detail.timeline) {
    if (!e.logEntryId) continue;
    const base = { seq: e.seq, label: e.label, logEntryId: e.logEntryId };
    try {
      const receipt = await entryReceipt(ctx.db, tenantId, e.logEntryId, signer);
      const name = `存证/${String(e.seq).padStart(3, '0')}-${safe(e.label || e.name || e.kind)}.json`;
      files.push({ name, data: Buffer.from(serializeReceipt(receipt), 'utf8') });
      receipts.push({ ...base, status: 'receipt', file: name, index: receipt.index });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'LOG.ENTRY_NOT_SEQUENCED')
        receipts.push({ ...base, status: 'pending' });
      else throw err;
    }
  }
  files.push({ name: '存证/说明.txt', data: Buffer.from(instructions(tenantId, detail.number), 'utf8') });

  const manifest: CaseFileManifest = {
    format: 'fazhi-case-file/v1',
    caseId: detail.id,
    caseNumber: detail.number,
    title: detail.title,
    state: detail.state,
    stateLabel: detail.stateLabel,
    generatedAt: generatedAt.toISOString(),
    files: files.map((f) => ({ name: f.name, sha256: sha256(f.data), bytes: f.data.length })),
    documents,
    receipts,
    verifierKeyUrl: `/log/${tenantId}/vkey`,
  };
  const all = [
    { name: '目录.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    ...files,
  ];
  return { zip: writeZip(all, generatedAt), manifest, fileName: `案卷-${safe(detail.number)}.zip` };
}
