// The endpoint form checks with the API's own rules before it sends anything: the message shows at the
// field, Create lists the problems, and nothing reaches the API until they are fixed.
import type { Request } from '@playwright/test';
import { EndpointFormPage } from '../pages/endpoint-form.page.ts';
import { EndpointDetailPage } from '../pages/endpoint-detail.page.ts';
import { expect, test } from '../support/fixtures.ts';

/** Every request of the page that would write through the API (anything but GET). */
function watchWrites(requests: Request[]) {
  return (request: Request) => {
    if (new URL(request.url()).pathname.startsWith('/api/') && request.method() !== 'GET')
      requests.push(request);
  };
}

test('invalid input is shown at its field and never sent', async ({ page, api, instance, audit }) => {
  const writes: Request[] = [];
  page.on('request', watchWrites(writes));

  const mqtt = new EndpointFormPage(page, 'Mqtt');
  await mqtt.gotoNew(instance, 'custom-mqtt');
  await mqtt.name.fill('Bad_Name');
  await expect(mqtt.issue('metadata.name')).toContainText('"Bad_Name" is not a valid name');
  await mqtt.hostName.fill('');
  await expect(mqtt.settingIssue('host')).toContainText('":8883" is not a host');
  await mqtt.openTab('advanced');
  await mqtt.setting('qos').fill('7');
  await expect(mqtt.settingIssue('qos')).toHaveText('Must be at most 1; got 7.');

  await mqtt.save.click();
  await expect(mqtt.problems).toContainText('3 problems to fix before saving');
  await expect(mqtt.problems).toContainText('/metadata/name');
  await expect(mqtt.problems).toContainText('/spec/mqttSettings/host');
  await expect(mqtt.problems).toContainText('/spec/mqttSettings/qos');
  // The first problem's tab opens and its field takes the focus; the other tab counts its own.
  await expect(mqtt.basicTab).toHaveAttribute('aria-selected', 'true');
  await expect(mqtt.name).toBeFocused();
  await expect(mqtt.advancedTab.getByLabel('1 problems')).toBeVisible();
  await audit('new endpoint form with problems');

  // A Kafka bootstrap server is required: clearing both halves leaves the field empty.
  const kafka = new EndpointFormPage(page, 'Kafka');
  await kafka.gotoNew(instance, 'custom-kafka');
  await kafka.name.fill('kafka-without-host');
  await kafka.hostName.fill('');
  await kafka.hostPort.fill('');
  await expect(kafka.settingIssue('host')).toHaveText('"host" is required.');
  await kafka.save.click();
  await expect(kafka.problems).toContainText('1 problem to fix before saving');

  // The API answers a list request only after any write sent before it, so this also waits out a late POST.
  expect((await api.listEndpoints(instance)).items.map((e) => e.metadata.name)).toEqual(['default']);
  expect(writes.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);

  // Fixed, the same form saves: the watch above would have seen a POST.
  await kafka.hostName.fill('kafka.plant.internal');
  await kafka.hostPort.fill('9093');
  await expect(kafka.settingIssue('host')).toHaveCount(0);
  expect((await kafka.create(instance)).status()).toBe(201);
  await new EndpointDetailPage(page).expectShown(instance, 'kafka-without-host');
  expect(writes.map((r) => r.method())).toEqual(['POST']);
  expect((await api.listEndpoints(instance)).items.map((e) => e.metadata.name)).toEqual([
    'default',
    'kafka-without-host',
  ]);
});
