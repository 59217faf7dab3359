/**
 * Every message between the extension's contexts, typed in one place and checked at run time:
 * a message is data from another process and is validated before it is used.
 */

/** Background → content script. */
export type ContentMessage = { type: 'next-mention' };

const CONTENT_TYPES = new Set<ContentMessage['type']>(['next-mention']);

/** True when `value` is a well-formed message for the content script. */
export function isContentMessage(value: unknown): value is ContentMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { type } = value as { type?: unknown };
  return typeof type === 'string' && CONTENT_TYPES.has(type as ContentMessage['type']) && Object.keys(value).length === 1;
}
