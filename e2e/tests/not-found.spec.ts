import { EndpointsPage } from '../pages/endpoints.page.ts';
import { expect, test } from '../support/fixtures.ts';

test('an unknown instance shows the API problem, not a blank page', async ({ page, audit }) => {
  const endpoints = new EndpointsPage(page);
  expect(await endpoints.goto('no-such-instance')).toBe(404);
  await expect(endpoints.problem).toBeVisible();
  await expect(endpoints.problem).toContainText('no-such-instance');
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
