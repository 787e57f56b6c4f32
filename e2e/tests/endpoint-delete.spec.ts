// Deleting an endpoint from the list's row menu: refused while a dataflow uses it (the dialog names the
// dataflow instead of offering Delete), done after a confirmation otherwise.
import { DeleteDialog } from '../pages/dialogs.page.ts';
import { EndpointsPage } from '../pages/endpoints.page.ts';
import { apiPath, waitForApi } from '../pages/resource-form.page.ts';
import { Toasts } from '../pages/toasts.page.ts';
import { dataflowOf, endpointOf } from '../support/api.ts';
import { expect, test } from '../support/fixtures.ts';

test('an endpoint a dataflow uses cannot be deleted; an unused one can', async ({
  page,
  api,
  instance,
  audit,
}) => {
  await api.createEndpoint(instance, endpointOf('busy-target', 'custom-mqtt'));
  await api.createEndpoint(instance, endpointOf('idle-target', 'custom-mqtt'));
  await api.create(instance, 'dataflows', dataflowOf('to-busy-target', { destination: 'busy-target' }));

  const endpoints = new EndpointsPage(page);
  await endpoints.goto(instance);
  await expect(endpoints.row('busy-target')).toContainText('1 dataflow');
  await expect(endpoints.header('Actions')).toBeAttached();
  const dialog = new DeleteDialog(page);

  await endpoints.deleteFromMenu('busy-target');
  await expect(dialog.title).toHaveText('busy-target is in use');
  await expect(dialog.usedBy).toHaveText('to-busy-target');
  await expect(dialog.usedBy.getByRole('link', { name: 'to-busy-target' })).toBeVisible();
  await expect(dialog.confirm).toHaveCount(0);
  await audit('delete dialog, endpoint in use');
  await dialog.dismiss.click();
  await expect(dialog.root).toHaveCount(0);
  expect(await api.status(instance, 'endpoints', 'busy-target')).toBe(200);

  await endpoints.deleteFromMenu('idle-target');
  await expect(dialog.title).toHaveText('Delete idle-target?');
  await expect(dialog.root).toContainText('No dataflow uses it.');
  await expect(dialog.confirm).toBeEnabled();
  await audit('delete dialog, confirm');
  const deleted = waitForApi(page, 'DELETE', apiPath(instance, 'endpoints', 'idle-target'));
  await dialog.confirm.click();
  expect((await deleted).status()).toBe(204);
  await expect(dialog.root).toHaveCount(0);
  await expect(new Toasts(page).success('Endpoint idle-target deleted')).toBeVisible();
  await endpoints.expectNames(['busy-target', 'default']);
  expect(await api.status(instance, 'endpoints', 'idle-target')).toBe(404);
  expect(await api.status(instance, 'endpoints', 'busy-target')).toBe(200);
});
