// The shell's + button creates an instance, which opens with the default endpoint the API seeds.
import { EndpointsPage } from '../pages/endpoints.page.ts';
import { SECTIONS, isInstancesList } from '../pages/shell.page.ts';
import { Toasts } from '../pages/toasts.page.ts';
import { uniqueName } from '../support/api.ts';
import { expect, test } from '../support/fixtures.ts';

test('an instance created with + opens with its default endpoint', async ({ page, api, audit }) => {
  const name = uniqueName('e2e-shell');
  const endpoints = new EndpointsPage(page);
  const { shell } = endpoints;
  await shell.goto('default', SECTIONS[0]);
  try {
    await page.getByTestId('create-instance').click();
    const dialog = page.getByTestId('create-instance-dialog');
    await expect(dialog).toBeVisible();
    await page.getByTestId('instance-name').fill(name);
    await audit('create instance dialog');
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && isInstancesList(r.url()));
    await page.getByTestId('instance-create').click();
    expect((await created).status()).toBe(201);
    await expect(dialog).toHaveCount(0);
    await expect(new Toasts(page).success(`Instance ${name} created`)).toBeVisible();
    await shell.expectSection(name, SECTIONS[0]);

    await endpoints.open(name);
    await endpoints.expectNames(['default']);
    await expect(endpoints.row('default')).toContainText('aio-broker:18883');
    expect((await api.listEndpoints(name)).items.map((e) => e.metadata.name)).toEqual(['default']);
  } finally {
    await api.deleteInstance(name);
  }
});
