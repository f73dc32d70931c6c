/**
 * What an administrator may change in a seed template (文书模板): the title, the recipient, the body blocks, the
 * signature, 抄送 and 附件. The code, name, kind, issuer mark and number field stay the seed's, and the texts may use
 * only the placeholders the seed declares (a case fills exactly those), though they need not use all of them.
 * Pure functions: the store (`template-store.ts`) keeps the versions.
 */

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { FieldProblem } from '../../kernel/errors.ts';
import { type Block, type DocumentTemplate, placeholderUses, validateTemplate } from './template.ts';

/** The editable part of a template. Absent or null `recipient`/`copyTo` print none. */
export interface TemplateEdit {
  title: string;
  recipient?: string | null | undefined;
  body: Block[];
  signature: { issuer: string; date: string };
  copyTo?: string | null | undefined;
  attachments?: string[] | undefined;
}

/** The editable fields, in the order the editor shows them. */
export const EDITABLE_FIELDS = ['title', 'recipient', 'body', 'signature', 'copyTo', 'attachments'] as const;

/** The editable part of a template, as the editor starts from it. */
export function editOf(t: DocumentTemplate): TemplateEdit {
  return {
    title: t.title,
    recipient: t.recipient ?? null,
    body: t.body,
    signature: t.signature,
    copyTo: t.copyTo ?? null,
    attachments: t.attachments ?? [],
  };
}

/**
 * The seed with the edit applied. Its `placeholders` are the seed's meanings of the placeholders the edit uses, so
 * the result passes `validateTemplate` (which requires documented = used) when the edit is valid.
 */
export function composeTemplate(seed: DocumentTemplate, edit: TemplateEdit): DocumentTemplate {
  const t: DocumentTemplate = {
    code: seed.code,
    name: seed.name,
    kind: seed.kind,
    header: seed.header,
    title: edit.title,
    body: edit.body,
    signature: edit.signature,
  };
  if (edit.recipient !== undefined && edit.recipient !== null) t.recipient = edit.recipient;
  if (edit.copyTo !== undefined && edit.copyTo !== null) t.copyTo = edit.copyTo;
  if (edit.attachments && edit.attachments.length > 0) t.attachments = edit.attachments;
  const declared = seed.placeholders ?? {};
  const used = new Set(placeholderUses(t).map((u) => u.path));
  t.placeholders = Object.fromEntries(Object.entries(declared).filter(([path]) => used.has(path)));
  return t;
}

/**
 * Every problem of an edit, with JSON Pointers under `prefix` (the request body, `/body`): the structure and
 * placeholder syntax (`validateTemplate`), and each placeholder the seed does not declare, at the text using it.
 */
export function checkTemplateEdit(
  seed: DocumentTemplate,
  edit: TemplateEdit,
  prefix = '/body',
): FieldProblem[] {
  const composed = composeTemplate(seed, edit);
  const { placeholders: _documented, ...unchecked } = composed;
  const problems = validateTemplate(unchecked);
  const declared = seed.placeholders ?? {};
  const allowed = Object.keys(declared);
  for (const use of placeholderUses(composed)) {
    if (use.pointer === '/header/numberField' || Object.hasOwn(declared, use.path)) continue;
    // An unknown root is already reported by validateTemplate; report only known roots with unknown paths.
    const reported = problems.some(
      (p) =>
        p.pointer === use.pointer &&
        p.detail.startsWith(`占位符 ${use.raw} 的`) &&
        !p.detail.includes('过滤器'),
    );
    if (reported) continue;
    problems.push({
      pointer: use.pointer,
      detail: `占位符 ${use.raw} 不是“${seed.name}”可用的占位符（可用 ${allowed.length} 个，见占位符说明）`,
    });
  }
  return problems.map((p) => ({ pointer: `${prefix}${p.pointer}`, detail: p.detail }));
}

/** SHA-256 (hex) of the template's canonical JSON (RFC 8785), as the log records it. */
export function templateHash(t: DocumentTemplate): string {
  return createHash('sha256')
    .update(canonicalize(t) ?? '')
    .digest('hex');
}

/** The editable fields whose values differ between two templates. */
export function changedFields(a: DocumentTemplate, b: DocumentTemplate): string[] {
  const ea = editOf(a) as unknown as Record<string, unknown>;
  const eb = editOf(b) as unknown as Record<string, unknown>;
  return EDITABLE_FIELDS.filter((f) => canonicalize(ea[f] ?? null) !== canonicalize(eb[f] ?? null));
}
