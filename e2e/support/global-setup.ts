// Starts the stack once per run (support/harness.ts) and hands its address to the tests; the returned
// function is the teardown. FLOWPLANE_E2E_BASE_URL set beforehand: test that server, start nothing.
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { assertChromium, startStack } from './harness.ts';

export default async function globalSetup(config: FullConfig): Promise<(() => Promise<void>) | undefined> {
  assertChromium();
  if (process.env.FLOWPLANE_E2E_BASE_URL) return undefined;
  // Playwright empties its output directory before the global setup, so the log of this run stays there.
  const outputDir = config.projects[0]?.outputDir ?? join(config.rootDir, 'test-results');
  const stack = await startStack({ purpose: 'e2e', logFile: join(outputDir, 'api-server.log') });
  process.env.FLOWPLANE_E2E_BASE_URL = stack.baseUrl;
  // A spec that starts a stack of its own (builder-runtime.spec.ts) serves this same copy of the portal.
  process.env.FLOWPLANE_E2E_WEB_DIR = stack.webDir;
  process.stderr.write(`API on ${stack.baseUrl} (database ${stack.database}, log ${stack.logFile})\n`);
  return () => stack.stop();
}
