/**
 * Where the card goes beside a mention, in viewport pixels. Pure geometry: the content script
 * measures the boxes and writes the result.
 */

/** A box in viewport coordinates (a DOMRect fits). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

export type CardSide = 'below' | 'above';

export interface CardPlacement {
  /** The card's top-left corner. */
  x: number;
  y: number;
  side: CardSide;
}

export interface PlacementOptions {
  /** Between the mention and the card: the pointer crosses it, so it stays small. */
  gap: number;
  /** The least room left between the card and the viewport's left and right edges. */
  padding: number;
}

const DEFAULTS: PlacementOptions = { gap: 6, padding: 8 };

/** The first of `items` (never empty) with the smallest `measure`. */
const least = <T>(items: readonly T[], measure: (item: T) => number): T => items.reduce((best, item) => (measure(item) < measure(best) ? item : best));

/**
 * Places the card below the mention with their left edges lined up, else with their right
 * edges lined up, else above in the same order: the first that fits the viewport whole. Where
 * none does, the side that fits with the least sideways overflow wins, or failing that the
 * least overflow in all; then the card slides sideways to stay `padding` inside the viewport.
 */
export function placeCard(mention: Box, card: Size, viewport: Size, options: PlacementOptions = DEFAULTS): CardPlacement {
  const candidates = (['below', 'above'] as const).flatMap((side) =>
    [mention.left, mention.right - card.width].map((x) => {
      const y = side === 'below' ? mention.bottom + options.gap : mention.top - options.gap - card.height;
      const sideOverflow = side === 'below' ? y + card.height - viewport.height : -y;
      const crossOverflow = Math.max(0, -x) + Math.max(0, x + card.width - viewport.width);
      return { x, y, side, sideOverflow, crossOverflow };
    }),
  );
  const onSide = candidates.filter((c) => c.sideOverflow <= 0);
  const chosen =
    candidates.find((c) => c.sideOverflow <= 0 && c.crossOverflow === 0) ??
    (onSide.length > 0 ? least(onSide, (c) => c.crossOverflow) : least(candidates, (c) => c.sideOverflow + c.crossOverflow));
  const x = Math.max(options.padding, Math.min(chosen.x, viewport.width - options.padding - card.width));
  return { x, y: chosen.y, side: chosen.side };
}
