/**
 * Every message between the extension's contexts, typed in one place and checked at run time:
 * a message is data from another process and is validated before it is used.
 */
import type { Category, Fact } from './knowledge/schema.js';

/** What the content script of a tab reports about its page. */
export interface PageSummary {
  host: string;
  /** False where the settings keep Chip Lens off this page. */
  running: boolean;
  entities: { id: string; name: string; category: Category; count: number }[];
}

/** Requests to the content script (from the popup or the background), each with its reply. */
export type ContentRequest =
  | { type: 'next-mention' }
  | { type: 'get-page-summary' }
  | { type: 'reveal-entity'; entityId: string };

export interface ContentReplies {
  'next-mention': null;
  'get-page-summary': PageSummary;
  'reveal-entity': { revealed: boolean };
}

/** What a card shows beyond what matching needs: kept out of the content script to keep it small. */
export interface EntityDetails {
  id: string;
  summary: string;
  facts: Fact[];
}

/** Messages to the background service worker; 'get-entity-details' is answered with EntityDetails[]. */
export type BackgroundMessage = { type: 'page-summary-changed'; distinctChips: number } | { type: 'get-entity-details'; ids: string[] };

/** Most ids one request may ask for: a page names a few dozen entities. */
export const MAX_DETAIL_IDS = 500;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasOnly = (value: Record<string, unknown>, keys: string[]): boolean => Object.keys(value).every((key) => keys.includes(key));

/** True when `value` is a well-formed request for the content script. */
export function isContentRequest(value: unknown): value is ContentRequest {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'next-mention':
    case 'get-page-summary':
      return hasOnly(value, ['type']);
    case 'reveal-entity':
      return hasOnly(value, ['type', 'entityId']) && typeof value.entityId === 'string' && value.entityId.length < 200;
    default:
      return false;
  }
}

/** True when `value` is a well-formed message for the background. */
export function isBackgroundMessage(value: unknown): value is BackgroundMessage {
  if (!isRecord(value)) return false;
  if (value.type === 'get-entity-details')
    return hasOnly(value, ['type', 'ids']) && Array.isArray(value.ids) && value.ids.length <= MAX_DETAIL_IDS && value.ids.every((id) => typeof id === 'string' && id.length < 200);
  return value.type === 'page-summary-changed' && hasOnly(value, ['type', 'distinctChips']) && Number.isInteger(value.distinctChips) && (value.distinctChips as number) >= 0;
}

/** True when a reply to 'get-entity-details' has the promised shape. */
export function isEntityDetailsList(value: unknown): value is EntityDetails[] {
  return (
    Array.isArray(value) &&
    value.every(
      (d) =>
        isRecord(d) &&
        typeof d.id === 'string' &&
        typeof d.summary === 'string' &&
        Array.isArray(d.facts) &&
        d.facts.every((f) => isRecord(f) && typeof f.key === 'string' && typeof f.value === 'string' && typeof f.source === 'string' && /^https:\/\//.test(f.source) && typeof f.asOf === 'string'),
    )
  );
}

/** True when a reply to 'get-page-summary' has the promised shape (the popup trusts nothing). */
export function isPageSummary(value: unknown): value is PageSummary {
  if (!isRecord(value) || typeof value.host !== 'string' || typeof value.running !== 'boolean' || !Array.isArray(value.entities)) return false;
  return value.entities.every(
    (e) => isRecord(e) && typeof e.id === 'string' && typeof e.name === 'string' && typeof e.category === 'string' && Number.isInteger(e.count),
  );
}
