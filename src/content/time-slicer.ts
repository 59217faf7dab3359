import { yieldToPage } from './capabilities.js';

/**
 * Most main-thread time one slice may take before handing control back to the page. Well
 * under the 50 ms that makes a long task, leaving room for the one step that overruns it.
 */
export const SLICE_BUDGET_MS = 24;

/**
 * Yielded by a step generator just before a step that is long and cannot be split (joining a
 * whole page's text): the slicer ends the slice there, so that step starts a slice of its own
 * instead of running past the budget of one that is nearly spent.
 */
export const FRESH_SLICE = Symbol('fresh slice');

/**
 * Runs a generator of small steps in slices: it steps until the budget is spent, then yields
 * to the page, so no task of ours blocks input for long. Stops early when `signal` aborts.
 */
export async function runSliced(steps: Iterator<unknown>, signal: AbortSignal, budgetMs = SLICE_BUDGET_MS): Promise<boolean> {
  for (;;) {
    const sliceStart = performance.now();
    for (;;) {
      if (signal.aborted) return false;
      const step = steps.next();
      if (step.done === true) return true;
      if (step.value === FRESH_SLICE || performance.now() - sliceStart >= budgetMs) break;
    }
    await yieldToPage();
  }
}
