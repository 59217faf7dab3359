import type { Settings } from '../core/settings.js';
import { caretAt } from './capabilities.js';
import type { CardController } from './card/card-controller.js';
import type { PageIndex, PageMention } from './page-index.js';

/** True when the point lies on one of the mention's line boxes (the caret snaps to the nearest character). */
function isOver(mention: PageMention, x: number, y: number): boolean {
  for (const rect of mention.range.getClientRects()) if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return true;
  return false;
}

/**
 * One passive `mousemove` listener, read once per animation frame: the caret position under
 * the pointer names a text node and offset, and the index finds the mention there. After the
 * dwell the card opens; it stays while the pointer is on the mention or on the card.
 */
export function followPointer(index: PageIndex, cards: CardController, settings: () => Settings, signal: AbortSignal): void {
  let frame = 0;
  let x = 0;
  let y = 0;
  let target: EventTarget | null = null;
  let held = { Alt: false, Shift: false, Control: false, Meta: false };
  let pending: PageMention | undefined;
  let dwellTimer: ReturnType<typeof setTimeout> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  const cancelDwell = (): void => {
    clearTimeout(dwellTimer);
    if (pending !== undefined) cards.unprepare();
    pending = undefined;
  };
  const keepCard = (): void => {
    clearTimeout(hideTimer);
    hideTimer = undefined;
  };
  const scheduleHide = (): void => {
    if (hideTimer !== undefined || cards.current === undefined || cards.pinned) return;
    hideTimer = setTimeout(() => {
      hideTimer = undefined;
      cards.close();
    }, settings().cards.hideDelayMs);
  };

  const mentionUnder = (): PageMention | undefined => {
    const caret = caretAt(x, y);
    if (caret === undefined) return undefined;
    // Past the middle of a mention's last character the caret sits after it: look one back too.
    const found = index.mentionAt(caret.node, caret.offset) ?? (caret.offset > 0 ? index.mentionAt(caret.node, caret.offset - 1) : undefined);
    // A category the reader turned off is not highlighted, so it opens no card either.
    if (found === undefined || !settings().categories[found.mention.category]) return undefined;
    return isOver(found, x, y) ? found : undefined;
  };

  const settle = (): void => {
    frame = 0;
    if (cards.owns(target)) {
      keepCard();
      cancelDwell();
      return;
    }
    const modifier = settings().cards.modifier;
    // In "hold a key" mode a mention without the key held is no mention at all.
    const mention = modifier === 'none' || held[modifier] ? mentionUnder() : undefined;
    if (mention === undefined) {
      cancelDwell();
      scheduleHide();
      return;
    }
    if (mention === cards.current) {
      keepCard();
      cancelDwell();
      return;
    }
    if (cards.current !== undefined) scheduleHide();
    if (mention === pending) return;
    cancelDwell();
    pending = mention;
    cards.prepare();
    const point = { x, y };
    dwellTimer = setTimeout(() => {
      pending = undefined;
      if (!mention.range.startContainer.isConnected) {
        cards.unprepare();
        return;
      }
      keepCard();
      cards.open(mention, point);
    }, settings().cards.dwellMs);
  };

  addEventListener(
    'mousemove',
    (event) => {
      x = event.clientX;
      y = event.clientY;
      target = event.target;
      held = { Alt: event.altKey, Shift: event.shiftKey, Control: event.ctrlKey, Meta: event.metaKey };
      if (frame === 0) frame = requestAnimationFrame(settle);
    },
    { passive: true, signal },
  );
  addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape' && cards.current !== undefined) {
        cancelDwell();
        cards.close();
        return;
      }
      // Pressing the card key while resting on a mention opens its card without moving.
      if (event.key === settings().cards.modifier) {
        held = { ...held, [event.key]: true };
        if (frame === 0) frame = requestAnimationFrame(settle);
      }
    },
    { signal },
  );
  addEventListener(
    'keyup',
    (event) => {
      if (event.key in held) held = { ...held, [event.key]: false };
    },
    { passive: true, signal },
  );
  addEventListener(
    'mousedown',
    (event) => {
      if (cards.pinned && !cards.owns(event.target)) cards.close();
    },
    { passive: true, signal },
  );
  signal.addEventListener('abort', () => {
    cancelAnimationFrame(frame);
    cancelDwell();
    clearTimeout(hideTimer);
    cards.close();
  });
}
