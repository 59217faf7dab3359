// Signals for the end-to-end tests and the benchmark, compiled into the test build only:
// the production build has no trace a page script could use to detect the extension.
declare const __CHIPLENS_TEST__: boolean;

export type TestSignal =
  | { type: 'scanned'; generation: number; mentions: number; texts: string[]; ms: number }
  | { type: 'card'; entityId: string; name: string; text: string }
  | { type: 'card-hidden' };

/** True in the test build only; guards signals whose payload costs work to build. */
export const IS_TEST_BUILD = typeof __CHIPLENS_TEST__ !== 'undefined' && __CHIPLENS_TEST__;

export function signal(payload: TestSignal): void {
  if (!IS_TEST_BUILD) return;
  window.dispatchEvent(new CustomEvent('chiplens-test', { detail: JSON.stringify(payload) }));
}
