import type { Evaluator } from './signals.js';

/** One page of a browser under test, the same shape for Chromium and Firefox. */
export interface TestPage extends Evaluator {
  /** A child frame whose URL contains `urlPart`, once it has loaded. */
  frame(urlPart: string): Promise<Evaluator>;
  /** Moves the mouse in a few steps (3 unless told), as a hand does, so the page sees several mousemove events. */
  moveMouse(x: number, y: number, steps?: number): Promise<void>;
  press(key: string): Promise<void>;
  close(): Promise<void>;
}

/** A browser with the test build of the extension loaded; each page opened has the signal collector. */
export interface BrowserSession<P extends TestPage = TestPage> {
  open(url: string): Promise<P>;
  close(): Promise<void>;
}

export const VIEWPORT = { width: 1280, height: 900 };
