import { yieldToPage } from './capabilities.js';

/**
 * Most main-thread time one slice may take before handing control back to the page. Well
 * under the 50 ms that makes a long task, leaving room for the one step that overruns it.
 */
export const SLICE_BUDGET_MS = 24;

/**
 * Runs a generator of small steps in slices: it steps until the budget is spent, then yields
 * to the page, so no task of ours blocks input for long. Stops early when `signal` aborts.
 */
export async function runSliced(steps: Iterator<unknown>, signal: AbortSignal, budgetMs = SLICE_BUDGET_MS): Promise<boolean> {
  for (;;) {
    const sliceStart = performance.now();
    do {
      if (signal.aborted) return false;
      if (steps.next().done === true) return true;
    } while (performance.now() - sliceStart < budgetMs);
    await yieldToPage();
  }
}
