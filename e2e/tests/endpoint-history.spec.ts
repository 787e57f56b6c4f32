// Every save is a revision: an earlier one is compared with the current version and restored.
import { EndpointDetailPage } from '../pages/endpoint-detail.page.ts';
import { EndpointFormPage } from '../pages/endpoint-form.page.ts';
import { EndpointsPage } from '../pages/endpoints.page.ts';
import { waitForApi } from '../pages/resource-form.page.ts';
import { Toasts } from '../pages/toasts.page.ts';
import { endpointOf } from '../support/api.ts';
import { expect, test } from '../support/fixtures.ts';

test('an endpoint edited twice is compared with revision 1 and restored to it', async ({
  page,
  api,
  instance,
  audit,
}) => {
  const name = 'history-kafka';
  await api.createEndpoint(instance, endpointOf(name, 'custom-kafka'));
  const detail = new EndpointDetailPage(page);
  const form = new EndpointFormPage(page, 'Kafka');
  const toasts = new Toasts(page);

  // Revision 2: another host, edited from the list's row menu. Revision 3: Gzip compression, on the
  // Advanced tab, edited from the endpoint's page.
  const endpoints = new EndpointsPage(page);
  await endpoints.goto(instance);
  await endpoints.chooseFromMenu(name, 'Edit');
  await form.expectEditing(name);
  await form.hostName.fill('kafka-2.example.com');
  expect((await form.saveChanges(instance, name)).status()).toBe(200);
  await detail.expectShown(instance, name);
  await detail.edit.click();
  await form.expectEditing(name);
  await form.openTab('advanced');
  await form.setting('compression').selectOption('Gzip');
  expect((await form.saveChanges(instance, name)).status()).toBe(200);
  await expect(toasts.success(`Endpoint ${name} saved`).last()).toBeVisible();

  // Loaded afresh, without the toasts of the saves (see the toast test in endpoint-create.spec.ts).
  await detail.goto(instance, name);
  await expect(detail.revision(3)).toContainText('Changed (current)');
  await expect(detail.revision(2)).toContainText('Changed');
  await expect(detail.revision(1)).toContainText('Created');
  await expect(detail.compare(3)).toHaveCount(0);
  await expect(detail.settings).toContainText('kafka-2.example.com:9093');
  await audit('endpoint detail');

  const revision = waitForApi(page, 'GET', `/api/v1/instances/${instance}/endpoints/${name}/revisions/1`);
  await detail.compare(1).click();
  expect((await revision).status()).toBe(200);
  // Revision 1 on the left, the current version on the right.
  await expect(detail.diff.root).toBeVisible();
  await detail.diff.expectChanged('host: kafka.example.com:9093', 'host: kafka-2.example.com:9093');
  await detail.diff.expectAdded('compression: Gzip');

  const restored = waitForApi(
    page,
    'POST',
    `/api/v1/instances/${instance}/endpoints/${name}/revisions/1/restore`,
  );
  await detail.restore.click();
  expect((await restored).status()).toBe(200);
  await expect(toasts.success('Revision 1 restored')).toBeVisible();
  await expect(detail.revision(4)).toContainText('Restored (current)');
  await expect(detail.diff.root).toHaveCount(0);
  await expect(detail.settings).toContainText('kafka.example.com:9093');
  await expect(detail.settings).not.toContainText('kafka-2.example.com');

  const [current, first] = await Promise.all([
    api.getEndpoint(instance, name),
    api.revision(instance, 'endpoints', name, 1),
  ]);
  expect(current.spec).toEqual(first.resource.spec);
  expect(current.spec).toEqual(endpointOf(name, 'custom-kafka').spec);
});

// Kept apart: in the detail page's half-width column the diff is taller than its 420 px box, and a
// scrolling box must be reachable by keyboard (axe scrollable-region-focusable).
test('a compared revision passes the accessibility audit', async ({ page, api, instance, audit }) => {
  const name = 'history-audit';
  const read = await api.createEndpoint(instance, endpointOf(name, 'custom-kafka'));
  // The same difference as above: another host and Gzip compression.
  read.spec.kafkaSettings = {
    ...read.spec.kafkaSettings!,
    host: 'kafka-2.example.com:9093',
    compression: 'Gzip',
  };
  await api.replace(instance, 'endpoints', read);
  const detail = new EndpointDetailPage(page);
  await detail.goto(instance, name);
  await detail.compare(1).click();
  await expect(detail.diff.root).toBeVisible();
  await audit('endpoint detail, revision 1 compared');
});
