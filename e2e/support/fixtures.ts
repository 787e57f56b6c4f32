// The `test` of every spec: Playwright's, plus the API client, an instance of the test's own, and the audit.
import { test as base, type TestInfo } from '@playwright/test';
import { Api } from './api.ts';
import { auditPage } from './audit.ts';

export { expect } from '@playwright/test';

/** An instance name (DNS label) unique to the test and its retry. */
function instanceName(testInfo: TestInfo): string {
  return `e2e-${testInfo.testId.replace(/[^a-z0-9]/g, '').slice(0, 24)}-r${testInfo.retry}`;
}

interface Fixtures {
  api: Api;
  /** A fresh instance (with its default endpoint and profile), deleted after the test. */
  instance: string;
  /** Screenshot and axe scan of the page as it is now; see support/audit.ts. */
  audit: (label: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  api: async ({ request }, use) => {
    await use(new Api(request));
  },
  instance: async ({ api }, use, testInfo) => {
    const name = instanceName(testInfo);
    await api.createInstance(name);
    await use(name);
    await api.deleteInstance(name);
  },
  audit: async ({ page }, use, testInfo) => {
    await use((label) => auditPage(page, testInfo, label));
  },
});
