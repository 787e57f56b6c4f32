// Two people edit one endpoint: the later save gets the conflict dialog with both versions side by side,
// and either continues from the saved version or overwrites it knowingly.
import type { DataflowEndpoint } from '@flowplane/model';
import { ConflictDialog } from '../pages/dialogs.page.ts';
import { EndpointDetailPage } from '../pages/endpoint-detail.page.ts';
import { EndpointFormPage } from '../pages/endpoint-form.page.ts';
import { Toasts } from '../pages/toasts.page.ts';
import { endpointOf, sharedInstance, type Api } from '../support/api.ts';
import { expect, test } from '../support/fixtures.ts';

// Each test edits an endpoint of its own name.
const instance = sharedInstance(test, 'e2e-conflict');

const ORIGINAL_HOST = 'kafka.example.com:9093';
const THEIR_HOST = 'kafka-theirs.example.com:9093';
const MY_GROUP = 'my-readers';

/** Someone else saves a new host through the API, from the version the form was opened with. */
async function theyChangeTheHost(api: Api, read: DataflowEndpoint): Promise<void> {
  const theirs = structuredClone(read);
  theirs.spec.kafkaSettings!.host = THEIR_HOST;
  await api.replace(instance(), 'endpoints', theirs, read.metadata.resourceVersion);
}

/** Opens the edit form, lets someone else save, changes the consumer group and saves into the conflict. */
async function editIntoConflict(
  form: EndpointFormPage,
  api: Api,
  name: string,
  audit?: (label: string) => Promise<void>,
): Promise<ConflictDialog> {
  const read = await api.createEndpoint(instance(), endpointOf(name, 'custom-kafka'));
  await form.gotoEdit(instance(), name);
  await audit?.('edit endpoint form');
  await theyChangeTheHost(api, read);

  await form.setting('consumerGroupId').fill(MY_GROUP);
  const refused = await form.saveChanges(instance(), name);
  expect(refused.status()).toBe(412);
  const dialog = new ConflictDialog(form.page);
  await expect(dialog.root).toBeVisible();
  // Theirs on the left, mine on the right.
  await dialog.diff.expectChanged(`host: ${THEIR_HOST}`, `host: ${ORIGINAL_HOST}`);
  await dialog.diff.expectChanged('consumerGroupId: aiodataflows', `consumerGroupId: ${MY_GROUP}`);
  return dialog;
}

test('"Load their version" continues from the saved version', async ({ page, api, audit }) => {
  const name = 'conflict-load';
  const form = new EndpointFormPage(page, 'Kafka');
  const dialog = await editIntoConflict(form, api, name, audit);
  await audit('conflict dialog');

  await dialog.loadTheirs.click();
  await expect(dialog.root).toHaveCount(0);
  await expect(form.hostName).toHaveValue('kafka-theirs.example.com');
  await expect(form.setting('consumerGroupId')).toHaveValue('aiodataflows');

  await form.setting('consumerGroupId').fill(MY_GROUP);
  const saved = await form.saveChanges(instance(), name);
  expect(saved.status(), await saved.text()).toBe(200);
  await expect(new Toasts(page).success(`Endpoint ${name} saved`)).toBeVisible();
  await new EndpointDetailPage(page).expectShown(instance(), name);
  const stored = await api.getEndpoint(instance(), name);
  expect(stored.spec.kafkaSettings).toMatchObject({ host: THEIR_HOST, consumerGroupId: MY_GROUP });
});

test('"Overwrite with mine" stores the form over their version', async ({ page, api }) => {
  const name = 'conflict-overwrite';
  const form = new EndpointFormPage(page, 'Kafka');
  const dialog = await editIntoConflict(form, api, name);

  const put = form.page.waitForResponse(
    (r) => r.request().method() === 'PUT' && r.url().endsWith(`/endpoints/${name}`),
  );
  await dialog.overwrite.click();
  expect((await put).status()).toBe(200);
  await expect(dialog.root).toHaveCount(0);
  await expect(new Toasts(page).success(`Endpoint ${name} saved`)).toBeVisible();
  await new EndpointDetailPage(page).expectShown(instance(), name);
  const stored = await api.getEndpoint(instance(), name);
  expect(stored.spec.kafkaSettings).toMatchObject({ host: ORIGINAL_HOST, consumerGroupId: MY_GROUP });
});
