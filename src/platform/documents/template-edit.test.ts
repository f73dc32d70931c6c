import { describe, expect, it } from 'vitest';
import { fillTemplate, placeholderUses, validateTemplate } from './template.ts';
import { changedFields, checkTemplateEdit, composeTemplate, editOf, templateHash } from './template-edit.ts';
import { seedTemplates } from './templates/index.ts';
import { sampleDataFor } from './templates/sample-data.ts';

const seed = seedTemplates['hearing-notice']!;

describe('template edits', () => {
  it('accepts every seed unchanged, and composes it back to itself', () => {
    for (const s of Object.values(seedTemplates)) {
      expect(checkTemplateEdit(s, editOf(s))).toEqual([]);
      expect(composeTemplate(s, editOf(s))).toEqual(s);
    }
  });

  it('lets an edit drop placeholders; the composed template documents only those it uses and fills', () => {
    const edit = { ...editOf(seed), body: seed.body.slice(0, 2) };
    expect(checkTemplateEdit(seed, edit)).toEqual([]);
    const t = composeTemplate(seed, edit);
    expect(Object.keys(t.placeholders!)).not.toContain('agency.phone');
    expect(validateTemplate(t)).toEqual([]);
    expect(fillTemplate(t, sampleDataFor['hearing-notice']!).title).toBe('行政处罚听证告知书');
    expect(changedFields(seed, t)).toEqual(['body']);
    expect(templateHash(t)).not.toBe(templateHash(seed));
  });

  it('refuses placeholders the seed does not declare, at the text using them, with every other problem', () => {
    const edit = {
      ...editOf(seed),
      title: '',
      body: [
        { type: 'paragraph' as const, text: '{{party.idNumber}}，{{case.number}}' },
        { type: 'paragraph' as const, text: '{{nobody.knows}}' },
        { type: 'heading' as const, level: 1 as const, text: '{{decision.date|日期}}' },
      ],
    };
    const problems = checkTemplateEdit(seed, edit);
    expect(problems.map((p) => p.pointer)).toEqual([
      '/body/title',
      '/body/body/1/text',
      '/body/body/0/text',
      '/body/body/2/text',
    ]);
    expect(problems[1]!.detail).toContain('数据根“nobody”未知');
    expect(problems[2]!.detail).toContain('{{party.idNumber}}');
    expect(problems[3]!.detail).toContain('{{decision.date|日期}}');
  });

  it('lists each placeholder use with the pointer of its text', () => {
    const uses = placeholderUses(seed);
    expect(uses[0]).toEqual({ pointer: '/header/issuer', path: 'agency.name', raw: '{{agency.name}}' });
    expect(uses.at(-1)).toEqual({ pointer: '/header/numberField', path: 'docNumber', raw: '{{docNumber}}' });
  });
});
