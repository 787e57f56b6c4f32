// What every page a test visits goes through: a screenshot in the report and an axe-core scan.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

const BLOCKING = new Set(['serious', 'critical']);

/**
 * Attaches a full-page screenshot and the axe results of the page as it is now, then fails on any
 * violation of impact serious or critical, naming each rule and the elements it found.
 */
export async function auditPage(page: Page, testInfo: TestInfo, label: string): Promise<void> {
  await testInfo.attach(`${label}.png`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
  const results = await new AxeBuilder({ page }).analyze();
  await testInfo.attach(`${label}.axe.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  const blocking = results.violations.filter((v) => v.impact != null && BLOCKING.has(v.impact));
  const report = blocking
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.html.slice(0, 160)}`).join('\n'),
    )
    .join('\n');
  expect(blocking.length, `axe on ${label} (${page.url()}):\n${report}\n`).toBe(0);
}
