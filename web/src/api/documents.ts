/** 文书模板 (GET/PUT /api/documents/templates…): the tenant's document templates, versions and previews. */
import { downloadFile, http } from './client.ts';

export type BlockType = 'paragraph' | 'heading' | 'list' | 'table' | 'signature';
export interface TemplateBlock {
  type: BlockType;
  text?: string;
  indent?: boolean;
  align?: 'justify' | 'left' | 'center' | 'right';
  level?: 1 | 2;
  style?: 'arabic' | 'paren';
  items?: string[];
  columns?: string[];
  rows?: string[][];
  widths?: number[];
  issuer?: string;
  date?: string;
}
export interface TemplateEdit {
  title: string;
  recipient?: string | null;
  body: TemplateBlock[];
  signature: { issuer: string; date: string };
  copyTo?: string | null;
  attachments?: string[];
}
export interface DocumentTemplate extends TemplateEdit {
  code: string;
  name: string;
  kind: string;
  header: { issuer: string; numberField?: string };
  placeholders?: Record<string, string>;
}
export interface TemplateSummary {
  code: string;
  name: string;
  kind: string;
  source: 'seed' | 'custom';
  version: number | null;
  updatedAt: string | null;
  updatedBy: string | null;
}
export interface TemplateView extends TemplateSummary {
  template: DocumentTemplate;
  edit: TemplateEdit;
  placeholders: { path: string; meaning: string; used: boolean }[];
  filters: string[];
}
export interface TemplateVersion {
  version: number;
  status: 'active' | 'seed';
  note: string | null;
  updatedBy: string;
  updatedAt: string;
  template: DocumentTemplate;
}

const root = '/api/documents/templates';
const id = (s: string) => encodeURIComponent(s);

export const documentsApi = {
  templates: () => http.get<TemplateSummary[]>(root),
  template: (code: string) => http.get<TemplateView>(`${root}/${id(code)}`),
  save: (code: string, edit: TemplateEdit & { note?: string | null }) =>
    http.put<TemplateView>(`${root}/${id(code)}`, edit),
  reset: (code: string) => http.post<TemplateView>(`${root}/${id(code)}/reset`),
  versions: (code: string) => http.get<TemplateVersion[]>(`${root}/${id(code)}/versions`),
  /** Downloads the template in force (or version `version`) filled with the sample data. */
  preview: (code: string, version?: number) =>
    downloadFile(
      'GET',
      `${root}/${id(code)}/preview.docx${version ? `?version=${version}` : ''}`,
      '预览.docx',
    ),
  /** Downloads an unsaved draft filled with the sample data (400 listing its problems when invalid). */
  previewDraft: (code: string, edit: TemplateEdit) =>
    downloadFile('POST', `${root}/${id(code)}/preview.docx`, '预览.docx', edit),
};

export const BLOCK_LABELS: Record<BlockType, string> = {
  paragraph: '段落',
  heading: '标题',
  list: '列表',
  table: '表格',
  signature: '落款',
};
export const SOURCE_LABELS: Record<TemplateSummary['source'], string> = {
  seed: '标准模板',
  custom: '本地修改',
};
