import { describe, expect, it } from 'vitest';
import { placeCard, type Box } from '../../src/core/card/placement.js';

const viewport = { width: 1000, height: 800 };
const card = { width: 300, height: 200 };
/** A mention 60 px wide and 20 px tall with its top-left corner at (left, top). */
const mention = (left: number, top: number): Box => ({ left, top, right: left + 60, bottom: top + 20 });

describe('card placement', () => {
  it('goes below the mention, 6 px under it, left edges lined up', () => {
    expect(placeCard(mention(100, 100), card, viewport)).toEqual({ x: 100, y: 126, side: 'below' });
  });

  it('flips above the mention when there is no room below', () => {
    expect(placeCard(mention(100, 700), card, viewport)).toEqual({ x: 100, y: 700 - 6 - 200, side: 'above' });
  });

  it('stays below when it fits exactly', () => {
    expect(placeCard(mention(100, 800 - 200 - 6 - 20), card, viewport).side).toBe('below');
    expect(placeCard(mention(100, 800 - 200 - 6 - 19), card, viewport).side).toBe('above');
  });

  it('lines up right edges near the right edge of the viewport', () => {
    expect(placeCard(mention(900, 100), card, viewport)).toEqual({ x: 960 - 300, y: 126, side: 'below' });
    expect(placeCard(mention(900, 700), card, viewport)).toEqual({ x: 960 - 300, y: 494, side: 'above' });
  });

  it('slides sideways to stay 8 px inside the viewport when neither edge lines up', () => {
    const narrow = { width: 420, height: 800 };
    expect(placeCard(mention(150, 100), { width: 400, height: 200 }, narrow)).toEqual({ x: 12, y: 126, side: 'below' });
    expect(placeCard(mention(-50, 100), card, viewport)).toEqual({ x: 8, y: 126, side: 'below' });
  });

  it('keeps the left padding when the card is wider than the room', () => {
    expect(placeCard(mention(100, 100), { width: 990, height: 200 }, viewport).x).toBe(8);
  });

  it('takes the side with less overflow when neither fits', () => {
    const tall = { width: 300, height: 500 };
    expect(placeCard(mention(100, 350), tall, viewport)).toEqual({ x: 100, y: 376, side: 'below' });
    expect(placeCard(mention(100, 420), tall, viewport)).toEqual({ x: 100, y: 420 - 6 - 500, side: 'above' });
  });

  it('follows a mention scrolled out of view, on the side that faces it', () => {
    expect(placeCard(mention(100, -300), card, viewport)).toMatchObject({ side: 'below', y: -274 });
    expect(placeCard(mention(100, 1200), card, viewport)).toMatchObject({ side: 'above', y: 994 });
  });

  it('takes the gap and padding it is given', () => {
    expect(placeCard(mention(950, 100), card, viewport, { gap: 10, padding: 20 })).toEqual({ x: 1000 - 20 - 300, y: 130, side: 'below' });
    expect(placeCard(mention(-50, 100), card, viewport, { gap: 10, padding: 20 }).x).toBe(20);
  });
});
