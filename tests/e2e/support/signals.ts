/** What the test build of the content script reports through 'chiplens-test' events. */
export type Signal =
  | { type: 'scanned'; generation: number; mentions: number; texts: string[] }
  | { type: 'card'; entityId: string; name: string; text: string }
  | { type: 'card-hidden' };
export type ScannedSignal = Extract<Signal, { type: 'scanned' }>;
export type CardSignal = Extract<Signal, { type: 'card' }>;

/**
 * Installed before any page script (and so before the content script can fire), in every frame.
 * The detail is a JSON string because Firefox would not let the page read an object made in the
 * content script's sandbox.
 */
export const SIGNAL_COLLECTOR = `window.__chiplens = [];
addEventListener('chiplens-test', (event) => window.__chiplens.push(JSON.parse(event.detail)));`;

/** A page or frame the signals can be read from; both browsers' pages fit. */
export interface Evaluator {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** The signals so far, or null when the page has no collector (opened outside the session). */
export const readSignals = (target: Evaluator): Promise<Signal[] | null> =>
  target.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __chiplens?: unknown[] }).__chiplens ?? null)), null);

const POLL_MS = 50;

/** The generation of the latest 'scanned' signal so far (0 before the first scan). */
export async function latestGeneration(target: Evaluator): Promise<number> {
  return Math.max(0, ...((await readSignals(target)) ?? []).map((s) => (s.type === 'scanned' ? s.generation : 0)));
}

async function waitForSignal<S extends Signal>(
  target: Evaluator,
  find: (signals: Signal[]) => S | undefined,
  what: string,
  timeout: number,
): Promise<S> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const signals = await readSignals(target);
    if (signals === null) throw new Error(`no signal collector in the page: open it through the session so ${what} can be seen`);
    const found = find(signals);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no ${what} within ${timeout} ms; signals so far: ${JSON.stringify(signals).slice(0, 2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The latest 'scanned' signal whose generation is at least `minGeneration`. */
export function waitForScan(target: Evaluator, minGeneration = 0, timeout = 15_000): Promise<ScannedSignal> {
  return waitForSignal(
    target,
    (signals) => signals.filter((s): s is ScannedSignal => s.type === 'scanned' && s.generation >= minGeneration).at(-1),
    `'scanned' signal of generation ≥ ${minGeneration}`,
    timeout,
  );
}

/** The first 'card' signal after the first `skip` signals (pass the count read before hovering). */
export function waitForCard(target: Evaluator, skip = 0, timeout = 5_000): Promise<CardSignal> {
  return waitForSignal(
    target,
    (signals) => signals.slice(skip).find((s): s is CardSignal => s.type === 'card'),
    "'card' signal",
    timeout,
  );
}

export function waitForCardHidden(target: Evaluator, skip = 0, timeout = 5_000): Promise<Signal> {
  return waitForSignal(target, (signals) => signals.slice(skip).find((s) => s.type === 'card-hidden'), "'card-hidden' signal", timeout);
}
