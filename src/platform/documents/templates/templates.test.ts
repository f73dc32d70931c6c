import { describe, expect, it } from 'vitest';
import { renderDocx } from '../docx.ts';
import { fillTemplate, templatePlaceholders, validateTemplate } from '../template.ts';
import { readZip } from '../zip.ts';
import { seedTemplates } from './index.ts';
import { decisionData, deliveryData, disclosureData, noticeData } from './sample-data.ts';

const dataFor: Record<string, Record<string, unknown>> = {
  'penalty-prior-notice': noticeData,
  'hearing-notice': noticeData,
  'penalty-decision': decisionData,
  'delivery-receipt': deliveryData,
  'disclosure-reply': disclosureData,
};

describe('seed templates', () => {
  it('are the five documents', () => {
    expect(Object.values(seedTemplates).map((t) => t.name)).toEqual([
      '行政处罚事先告知书',
      '行政处罚听证告知书',
      '行政处罚决定书',
      '送达回证',
      '政府信息公开申请答复书',
    ]);
  });

  describe.each(Object.values(seedTemplates))('$name', (template) => {
    it('is valid and documents exactly the placeholders it uses', () => {
      expect(validateTemplate(template)).toEqual([]);
      expect(Object.keys(template.placeholders ?? {}).sort()).toEqual(templatePlaceholders(template));
    });

    it('fills from sample data and renders a DOCX with the filled text', async () => {
      const data = dataFor[template.code]!;
      const filled = fillTemplate(template, data);
      expect(JSON.stringify(filled)).not.toContain('{{');
      const xml = readZip(await renderDocx(template, data))
        .get('word/document.xml')!
        .toString('utf8');
      expect(xml).toContain(`>${filled.title}<`);
      expect(xml).toContain(`>${filled.signature.date}<`);
    });

    it('lists every placeholder as missing when given no data', () => {
      try {
        fillTemplate(template, {});
        expect.unreachable();
      } catch (e) {
        const pointers = (e as { errors: { pointer: string }[] }).errors.map((p) => p.pointer).sort();
        expect(pointers).toEqual(
          templatePlaceholders(template)
            .map((p) => `/${p.replaceAll('.', '/')}`)
            .sort(),
        );
      }
    });
  });
});
