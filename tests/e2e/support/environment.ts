import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { startFixtureServer, type FixtureServer } from './server.js';
import type { BrowserSession, TestPage } from './session.js';

export interface E2eEnvironment<P extends TestPage> {
  /** Opens a fixture in a new page, closed again when the test ends. */
  open(fixture: string): Promise<P>;
}

/** One browser and one fixture server for the whole file: a browser launch costs seconds. */
export function useBrowser<P extends TestPage>(launch: () => Promise<BrowserSession<P>>): E2eEnvironment<P> {
  let server: FixtureServer | undefined;
  let session: BrowserSession<P> | undefined;
  let launchError: unknown;
  // A launch failure (no browser, no build) is rethrown by every test, so each one fails with
  // the reason instead of being reported as skipped.
  beforeAll(async () => {
    server = await startFixtureServer();
    session = await launch().catch((error: unknown) => {
      launchError = error;
      return undefined;
    });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });
  return {
    async open(fixture) {
      if (launchError) throw launchError;
      if (!server || !session) throw new Error('the browser did not start: see the beforeAll error');
      const page = await session.open(server.url(fixture));
      onTestFinished(() => page.close());
      return page;
    },
  };
}
