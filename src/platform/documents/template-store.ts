/**
 * The tenant's document templates (文书模板): every save is a new version (`document_templates`), checked by
 * `checkTemplateEdit`; restoring the seed is a version too. The template in force is the latest version when it is an
 * edit (`active`), else the seed. Each change is recorded in the transparency log in the same transaction.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../kernel/db/index.ts';
import { conflict, invalid, notFound } from '../../kernel/errors.ts';
import { type Ctx, inTx, logActorOf } from '../access/index.ts';
import { appendLogEntry } from '../log/index.ts';
import { documentTemplates } from './documents.tables.ts';
import { renderDocx } from './docx.ts';
import { DOCUMENT_FILTERS, type DocumentTemplate, placeholderUses } from './template.ts';
import {
  changedFields,
  checkTemplateEdit,
  composeTemplate,
  editOf,
  type TemplateEdit,
  templateHash,
} from './template-edit.ts';
import { seedTemplates } from './templates/index.ts';
import { sampleDataFor } from './templates/sample-data.ts';

/** `seed`: the standard template is in force; `custom`: an administrator's version is. */
export type TemplateSource = 'seed' | 'custom';

export interface TemplateSummary {
  code: string;
  name: string;
  kind: string;
  source: TemplateSource;
  /** The latest stored version (null: never changed). */
  version: number | null;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export interface TemplateView extends TemplateSummary {
  /** The template in force. */
  template: DocumentTemplate;
  /** Its editable part, as the editor starts from it. */
  edit: TemplateEdit;
  /** Every placeholder the seed declares (a case fills exactly these), whether the template in force uses it. */
  placeholders: { path: string; meaning: string; used: boolean }[];
  /** Filters a placeholder may use: `{{decision.amount|金额}}`. */
  filters: string[];
}

export interface TemplateVersion {
  version: number;
  /** `active`: an administrator's edit; `seed`: the seed restored. */
  status: 'active' | 'seed';
  note: string | null;
  updatedBy: string;
  updatedAt: Date;
  template: DocumentTemplate;
}

type Row = typeof documentTemplates.$inferSelect;

function seedOf(code: string): DocumentTemplate {
  const seed = Object.hasOwn(seedTemplates, code) ? seedTemplates[code] : undefined;
  if (!seed) throw notFound('DOCUMENTS.TEMPLATE_NOT_FOUND', `没有代码为“${code}”的文书模板`);
  return seed;
}

async function latestRows(db: Db, tenantId: string, code?: string): Promise<Map<string, Row>> {
  const rows = await db
    .selectDistinctOn([documentTemplates.code])
    .from(documentTemplates)
    .where(
      code
        ? and(eq(documentTemplates.tenantId, tenantId), eq(documentTemplates.code, code))
        : eq(documentTemplates.tenantId, tenantId),
    )
    .orderBy(documentTemplates.code, desc(documentTemplates.version));
  return new Map(rows.map((r) => [r.code, r]));
}

function summary(seed: DocumentTemplate, row: Row | undefined): TemplateSummary {
  return {
    code: seed.code,
    name: seed.name,
    kind: seed.kind,
    source: row?.status === 'active' ? 'custom' : 'seed',
    version: row?.version ?? null,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

const inForce = (seed: DocumentTemplate, row: Row | undefined): DocumentTemplate =>
  row?.status === 'active' ? row.template : seed;

/** Every seed template with what is in force for the tenant, in seed order. */
export async function listTemplates(db: Db, tenantId: string): Promise<TemplateSummary[]> {
  const rows = await latestRows(db, tenantId);
  return Object.values(seedTemplates).map((seed) => summary(seed, rows.get(seed.code)));
}

/** One template as the editor sees it; 404 `DOCUMENTS.TEMPLATE_NOT_FOUND` for an unknown code. */
export async function getTemplateView(db: Db, tenantId: string, code: string): Promise<TemplateView> {
  const seed = seedOf(code);
  const row = (await latestRows(db, tenantId, code)).get(code);
  const template = inForce(seed, row);
  const used = new Set(placeholderUses(template).map((u) => u.path));
  return {
    ...summary(seed, row),
    template,
    edit: editOf(template),
    placeholders: Object.entries(seed.placeholders ?? {}).map(([path, meaning]) => ({
      path,
      meaning,
      used: used.has(path),
    })),
    filters: Object.keys(DOCUMENT_FILTERS),
  };
}

/**
 * The template `code` in force for the tenant: its latest edit, else the seed. Modules render documents with it
 * (`renderDocx(await effectiveTemplate(db, tenantId, 'penalty-decision'), data)`).
 */
export async function effectiveTemplate(db: Db, tenantId: string, code: string): Promise<DocumentTemplate> {
  const seed = seedOf(code);
  return inForce(seed, (await latestRows(db, tenantId, code)).get(code));
}

/** Every stored version of template `code`, newest first (empty: never changed). */
export async function templateVersions(db: Db, tenantId: string, code: string): Promise<TemplateVersion[]> {
  seedOf(code);
  const rows = await db
    .select()
    .from(documentTemplates)
    .where(and(eq(documentTemplates.tenantId, tenantId), eq(documentTemplates.code, code)))
    .orderBy(desc(documentTemplates.version));
  return rows.map(presentVersion);
}

function presentVersion(r: Row): TemplateVersion {
  return {
    version: r.version,
    status: r.status === 'active' ? 'active' : 'seed',
    note: r.note,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt,
    template: r.template,
  };
}

/** Version `version` of template `code`; 404 `DOCUMENTS.TEMPLATE_VERSION_NOT_FOUND` when there is none. */
export async function templateVersion(
  db: Db,
  tenantId: string,
  code: string,
  version: number,
): Promise<TemplateVersion> {
  seedOf(code);
  const [row] = await db
    .select()
    .from(documentTemplates)
    .where(
      and(
        eq(documentTemplates.tenantId, tenantId),
        eq(documentTemplates.code, code),
        eq(documentTemplates.version, version),
      ),
    );
  if (!row) throw notFound('DOCUMENTS.TEMPLATE_VERSION_NOT_FOUND', `文书模板没有第 ${version} 版`);
  return presentVersion(row);
}

async function storeVersion(
  ctx: Ctx,
  seed: DocumentTemplate,
  template: DocumentTemplate,
  status: 'active' | 'seed',
  note: string | null,
): Promise<void> {
  const tenantId = ctx.actor.tenantId;
  // Lock the latest version so two saves cannot both become the next one.
  const [latest] = await ctx.db
    .select()
    .from(documentTemplates)
    .where(and(eq(documentTemplates.tenantId, tenantId), eq(documentTemplates.code, seed.code)))
    .orderBy(desc(documentTemplates.version))
    .limit(1)
    .for('update');
  if (status === 'seed' && latest?.status !== 'active')
    throw conflict('DOCUMENTS.TEMPLATE_ALREADY_SEED', `“${seed.name}”正在使用标准模板，无需恢复`);
  const before = inForce(seed, latest);
  const version = (latest?.version ?? 0) + 1;
  const updatedBy = `${tenantId}/${ctx.actor.username}`;
  await ctx.db
    .insert(documentTemplates)
    .values({ tenantId, code: seed.code, version, template, status, note, updatedBy, updatedAt: ctx.now });
  await appendLogEntry(ctx.db, {
    tenantId,
    kind: status === 'seed' ? 'documents.template.reset' : 'documents.template.saved',
    actor: logActorOf(ctx.actor),
    subject: { type: 'document-template', id: seed.code },
    before: {
      version: latest?.version ?? null,
      source: latest?.status === 'active' ? 'custom' : 'seed',
      sha256: templateHash(before),
    },
    after: { version, source: status === 'active' ? 'custom' : 'seed', sha256: templateHash(template) },
    data: { name: seed.name, changed: changedFields(before, template), note },
    requestId: ctx.requestId,
    at: ctx.now,
  });
}

/**
 * Saves an administrator's edit of template `code` as its next version. Every problem is listed at once
 * (400 `DOCUMENTS.TEMPLATE_INVALID`, pointers into the request body) and nothing is stored.
 */
export function saveTemplate(
  ctx: Ctx,
  code: string,
  edit: TemplateEdit,
  note: string | null = null,
): Promise<TemplateView> {
  return inTx(ctx, async (ctx) => {
    const seed = seedOf(code);
    const problems = checkTemplateEdit(seed, edit);
    if (problems.length > 0)
      throw invalid('DOCUMENTS.TEMPLATE_INVALID', `文书模板“${seed.name}”有误，请按提示修改`, problems);
    await storeVersion(ctx, seed, composeTemplate(seed, edit), 'active', note);
    return getTemplateView(ctx.db, ctx.actor.tenantId, code);
  });
}

/** Restores the seed of template `code` (a new version); 409 `DOCUMENTS.TEMPLATE_ALREADY_SEED` when in force. */
export function resetTemplate(ctx: Ctx, code: string): Promise<TemplateView> {
  return inTx(ctx, async (ctx) => {
    const seed = seedOf(code);
    await storeVersion(ctx, seed, seed, 'seed', null);
    return getTemplateView(ctx.db, ctx.actor.tenantId, code);
  });
}

/** Checks an unsaved edit and renders it with the sample data (400 `DOCUMENTS.TEMPLATE_INVALID` listing problems). */
export function previewEdit(code: string, edit: TemplateEdit): Promise<Buffer> {
  const seed = seedOf(code);
  const problems = checkTemplateEdit(seed, edit);
  if (problems.length > 0)
    throw invalid('DOCUMENTS.TEMPLATE_INVALID', `文书模板“${seed.name}”有误，请按提示修改`, problems);
  return previewTemplate(composeTemplate(seed, edit));
}

/** Renders a template with the sample data of its code (示范区, fictitious). */
export function previewTemplate(template: DocumentTemplate): Promise<Buffer> {
  return renderDocx(template, sampleDataFor[template.code] ?? {});
}
