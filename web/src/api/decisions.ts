/** Wire types and endpoints of 重大行政决策 (src/modules/decisions): the annual catalogue and the five steps. */
import { http } from './client.ts';

const id = (s: string) => encodeURIComponent(s);

export type StepStatus = 'done' | 'doing' | 'todo';
export interface FiveSteps {
  participation: StepStatus;
  experts: StepStatus;
  risk: StepStatus;
  legality: StepStatus;
  discussion: StepStatus;
}
/** The five steps in order, with their Chinese names (条例第二章). */
export const FIVE_STEPS: { key: keyof FiveSteps; label: string }[] = [
  { key: 'participation', label: '公众参与' },
  { key: 'experts', label: '专家论证' },
  { key: 'risk', label: '风险评估' },
  { key: 'legality', label: '合法性审查' },
  { key: 'discussion', label: '集体讨论决定' },
];

export interface CatalogueItem {
  id: string;
  seq: number;
  title: string;
  category: string;
  proposingUnitId: string;
  proposingUnitName: string;
  description: string | null;
  plannedQuarter: number | null;
  status: 'listed' | 'withdrawn' | string;
  decision: { id: string; number: string; state: string; stateLabel: string; steps: FiveSteps } | null;
}
export interface Catalogue {
  year: number;
  status: 'draft' | 'published' | string;
  partyConsentOn: string | null;
  publishedOn: string | null;
  note: string | null;
  items: CatalogueItem[];
  adjustments: {
    id: string;
    itemId: string;
    action: string;
    reason: string;
    actorName: string;
    at: string;
  }[];
}
export interface ItemBody {
  title?: string;
  category?: string;
  proposingUnitId?: string;
  description?: string;
  plannedQuarter?: number;
  withdrawn?: boolean;
  reason?: string;
}

export const decisionsApi = {
  catalogue: (year: number) => http.get<Catalogue>(`/api/decisions/catalogues/${year}`),
  addItem: (year: number, body: ItemBody) =>
    http.post<CatalogueItem>(`/api/decisions/catalogues/${year}/items`, body),
  updateItem: (year: number, itemId: string, body: ItemBody) =>
    http.patch<CatalogueItem>(`/api/decisions/catalogues/${year}/items/${id(itemId)}`, body),
  publish: (year: number, body: { partyConsentOn: string; note?: string }) =>
    http.post<{ year: number }>(`/api/decisions/catalogues/${year}/publish`, body),
};
