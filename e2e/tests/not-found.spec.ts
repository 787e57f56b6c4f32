import { EndpointsPage } from '../pages/endpoints.page.ts';
import { expect, test } from '../support/fixtures.ts';

test('an unknown instance says so once, not a blank page', async ({ page, audit }) => {
  const endpoints = new EndpointsPage(page);
  const instance = page.waitForResponse(
    (r) =>
      new URL(r.url()).pathname === '/api/v1/instances/no-such-instance' && r.request().method() === 'GET',
  );
  await page.goto('/instances/no-such-instance/endpoints');
  expect((await instance).status()).toBe(404);
  const missing = page.getByTestId('instance-missing');
  await expect(missing).toBeVisible();
  await expect(missing).toContainText('no-such-instance');
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(1);
  await expect(endpoints.table).toHaveCount(0);
  await audit('unknown instance');
});

test('an unknown address inside an instance shows the not-found page', async ({ page, audit }) => {
  // Outside `/` and `/instances/…` the server answers problem+json 404s itself (apps/api, web.ts).
  await page.goto('/instances/default/no-such-section');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'Go to the start page' })).toBeVisible();
  await audit('not found');
});
