import type { FlavourId } from '@flowplane/model';
import { EndpointsPage } from '../pages/endpoints.page.ts';
import { SECTIONS } from '../pages/shell.page.ts';
import { endpointOf } from '../support/api.ts';
import { expect, test } from '../support/fixtures.ts';

/** Seeded into each test's own instance, beside the endpoint `default` every instance starts with. */
const SEEDED: readonly { name: string; flavour: FlavourId }[] = [
  { name: 'plant-a-telemetry', flavour: 'event-hubs' },
  { name: 'plant-b-telemetry', flavour: 'custom-kafka' },
  { name: 'cloud-archive', flavour: 'data-lake' },
  { name: 'edge-relay', flavour: 'custom-mqtt' },
  { name: 'metrics', flavour: 'opentelemetry' },
];
const ALL = ['cloud-archive', 'default', 'edge-relay', 'metrics', 'plant-a-telemetry', 'plant-b-telemetry'];

test.beforeEach(async ({ api, instance }) => {
  for (const { name, flavour } of SEEDED) await api.createEndpoint(instance, endpointOf(name, flavour));
});

test('lists the endpoints stored through the API, by name', async ({ page, api, instance, audit }) => {
  const stored = await api.listEndpoints(instance);
  expect(stored.items.map((e) => e.metadata.name).sort()).toEqual(ALL);

  const endpoints = new EndpointsPage(page);
  await endpoints.shell.goto(instance, SECTIONS[0]);
  await audit('overview');
  await endpoints.open(instance);
  await endpoints.expectNames(ALL);
  await expect(endpoints.row('plant-a-telemetry')).toContainText('Azure Event Hubs');
  await expect(endpoints.row('plant-a-telemetry')).toContainText('example.servicebus.windows.net:9093');
  await expect(endpoints.row('metrics')).toContainText('OpenTelemetry');
  await audit('endpoint list');
});

test('search filters by name, host or flavour and goes into the address', async ({
  page,
  instance,
  audit,
}) => {
  const endpoints = new EndpointsPage(page);
  await endpoints.goto(instance);
  await endpoints.searchFor('plant');
  await endpoints.expectNames(['plant-a-telemetry', 'plant-b-telemetry']);
  await expect(page).toHaveURL(/[?&]q=plant(&|$)/);

  await endpoints.searchFor('servicebus');
  await endpoints.expectNames(['plant-a-telemetry']);

  await endpoints.searchFor('matches-nothing');
  await expect(endpoints.rows).toHaveCount(0);
  await expect(endpoints.empty).toContainText('No endpoint matches these filters.');
  await audit('no match');
  await endpoints.empty.getByRole('button', { name: 'Clear filters' }).click();
  await endpoints.expectNames(ALL);
  await expect(endpoints.search).toHaveValue('');
});

test('the type filter shows one endpoint type', async ({ page, instance, audit }) => {
  const endpoints = new EndpointsPage(page);
  await endpoints.goto(instance);
  await endpoints.filterByType('Kafka');
  await endpoints.expectNames(['plant-a-telemetry', 'plant-b-telemetry']);
  await expect(page).toHaveURL(/[?&]type=Kafka(&|$)/);
  await endpoints.filterByType('MQTT');
  await endpoints.expectNames(['default', 'edge-relay']);
  await audit('type filter');
  await endpoints.filterByType('All types');
  await endpoints.expectNames(ALL);
});

test('a column header sorts, and again sorts the other way', async ({ page, instance, audit }) => {
  const endpoints = new EndpointsPage(page);
  await endpoints.goto(instance);
  await expect(endpoints.header('Name')).toHaveAttribute('aria-sort', 'ascending');

  await endpoints.sortBy('Name');
  await endpoints.expectNames([...ALL].reverse());
  await expect(endpoints.header('Name')).toHaveAttribute('aria-sort', 'descending');

  // Type sorts by its label, then flavour: Data Lake Storage, Kafka (Azure Event Hubs, Kafka broker), MQTT
  // (Azure IoT Operations broker, MQTT broker), OpenTelemetry.
  await endpoints.sortBy('Type');
  await endpoints.expectNames([
    'cloud-archive',
    'plant-a-telemetry',
    'plant-b-telemetry',
    'default',
    'edge-relay',
    'metrics',
  ]);
  await expect(endpoints.header('Type')).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/[?&]sort=type&dir=ascending(&|$)/);
  await audit('sorted by type');
});

test('a deep link keeps search and type filter', async ({ page, instance, audit }) => {
  const endpoints = new EndpointsPage(page);
  await endpoints.goto(instance, 'q=telemetry&type=Kafka&sort=name&dir=descending');
  await expect(endpoints.search).toHaveValue('telemetry');
  await expect(endpoints.typeFilter).toHaveValue('Kafka');
  await endpoints.expectNames(['plant-b-telemetry', 'plant-a-telemetry']);
  await audit('deep link');
});
