/**
 * Every message between the extension's contexts, typed in one place and checked at run time:
 * a message is data from another process and is validated before it is used.
 */
import type { Category } from './knowledge/schema.js';

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

/** Messages to the background service worker. */
export type BackgroundMessage = { type: 'page-summary-changed'; distinctChips: number };

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
  return value.type === 'page-summary-changed' && hasOnly(value, ['type', 'distinctChips']) && Number.isInteger(value.distinctChips) && (value.distinctChips as number) >= 0;
}

/** True when a reply to 'get-page-summary' has the promised shape (the popup trusts nothing). */
export function isPageSummary(value: unknown): value is PageSummary {
  if (!isRecord(value) || typeof value.host !== 'string' || typeof value.running !== 'boolean' || !Array.isArray(value.entities)) return false;
  return value.entities.every(
    (e) => isRecord(e) && typeof e.id === 'string' && typeof e.name === 'string' && typeof e.category === 'string' && Number.isInteger(e.count),
  );
}
