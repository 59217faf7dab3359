import { describe, expect, it } from 'vitest';
import { isBackgroundMessage, isContentRequest, isPageSummary } from '../../src/core/messages.js';

describe('messages are checked before use', () => {
  it.each([
    [{ type: 'next-mention' }, true],
    [{ type: 'get-page-summary' }, true],
    [{ type: 'reveal-entity', entityId: 'nvidia-h20' }, true],
    [{ type: 'reveal-entity' }, false],
    [{ type: 'reveal-entity', entityId: 5 }, false],
    [{ type: 'next-mention', extra: 1 }, false],
    [{ type: 'eval', code: 'alert(1)' }, false],
    ['next-mention', false],
    [null, false],
    [[{ type: 'next-mention' }], false],
  ])('content request %j → %s', (message, ok) => {
    expect(isContentRequest(message)).toBe(ok);
  });

  it.each([
    [{ type: 'page-summary-changed', distinctChips: 3 }, true],
    [{ type: 'page-summary-changed', distinctChips: -1 }, false],
    [{ type: 'page-summary-changed', distinctChips: 1.5 }, false],
    [{ type: 'page-summary-changed', distinctChips: '3' }, false],
    [{ type: 'something-else' }, false],
  ])('background message %j → %s', (message, ok) => {
    expect(isBackgroundMessage(message)).toBe(ok);
  });

  it('accepts only a well-formed page summary', () => {
    expect(isPageSummary({ host: 'a.com', running: true, entities: [{ id: 'x', name: 'X', category: 'chip', count: 2 }] })).toBe(true);
    expect(isPageSummary({ host: 'a.com', running: true, entities: [{ id: 'x', name: 'X', category: 'chip', count: '2' }] })).toBe(false);
    expect(isPageSummary(undefined)).toBe(false);
  });
});
