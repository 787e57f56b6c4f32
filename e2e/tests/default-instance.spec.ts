import { EndpointsPage } from '../pages/endpoints.page.ts';
import { expect, test } from '../support/fixtures.ts';

// The instance `default` the server creates in a fresh database; read only, other specs use their own.
test('a deep link into the default instance keeps the search', async ({ page, audit }) => {
  const endpoints = new EndpointsPage(page);
  expect(await endpoints.goto('default', 'q=aio-broker')).toBe(200);
  await expect(endpoints.search).toHaveValue('aio-broker');
  await endpoints.expectNames(['default']);
  await audit('default endpoints search');

  await endpoints.goto('default', 'q=no-such-endpoint');
  await expect(endpoints.search).toHaveValue('no-such-endpoint');
  await expect(endpoints.rows).toHaveCount(0);
  await expect(endpoints.empty).toContainText('No endpoint matches these filters.');
  await audit('default endpoints, no match');
});
