// Deploy from the builder and watch the dataflow run. The run's server has no runtime, so this file starts
// a stack of its own: the API with its embedded runtime (FLOWPLANE_RUNTIME=embedded, serving the instance
// `default` of its own database) on a private Mosquitto (@flowplane/runtime's test support), so the test's
// topics meet no other user of the machine's broker on 1883. Both are stopped after the file.
import { join } from 'node:path';
import { API_VERSION, type Dataflow } from '@flowplane/model';
import { TestClient, startBroker, type Broker } from '@flowplane/runtime/test-support';
import { BuilderPage } from '../pages/builder.page.ts';
import { Toasts } from '../pages/toasts.page.ts';
import { expect, test as base } from '../support/fixtures.ts';
import { startStack, type Stack } from '../support/harness.ts';

/** The instance the embedded runtime serves (FLOWPLANE_RUNTIME_INSTANCE's default). */
const INSTANCE = 'default';
const SOURCE_TOPIC = 'e2e/thermostats/+/telemetry';
const DESTINATION_TOPIC = 'e2e/fahrenheit';

interface RuntimeStack {
  broker: Broker;
  stack: Stack;
}

// A worker fixture: a spec file with a worker fixture of its own runs in a worker of its own, so broker and
// server are stopped when this file is done. The page, `request` and so `api` talk to this server.
const test = base.extend<Record<never, never>, { runtime: RuntimeStack }>({
  runtime: [
    async ({ playwright: _playwright }, use, workerInfo) => {
      const broker = await startBroker();
      try {
        const stack = await startStack({
          purpose: 'e2e-runtime',
          webDir: process.env.FLOWPLANE_E2E_WEB_DIR,
          runtime: { localBroker: broker.url, instance: INSTANCE },
          logFile: join(workerInfo.project.outputDir, 'api-runtime-server.log'),
        });
        try {
          await use({ broker, stack });
        } finally {
          await stack.stop();
        }
      } finally {
        await broker.stop();
      }
    },
    // A server of its own: a database migrated from scratch.
    { scope: 'worker', timeout: 90_000 },
  ],
  baseURL: async ({ runtime }, use) => use(runtime.stack.baseUrl),
});

/** Drops the frozen readings, adds the temperature in Fahrenheit. */
function fahrenheit(name: string): Dataflow {
  return {
    apiVersion: API_VERSION,
    kind: 'Dataflow',
    metadata: { name },
    spec: {
      profileRef: 'default',
      operations: [
        { operationType: 'Source', sourceSettings: { endpointRef: 'default', dataSources: [SOURCE_TOPIC] } },
        {
          operationType: 'BuiltInTransformation',
          builtInTransformationSettings: {
            filter: [{ inputs: ['temperature'], expression: '$1 < -50' }],
            map: [
              { inputs: ['*'], output: '*' },
              { inputs: ['temperature'], output: 'temperatureF', expression: '$1 * 9 / 5 + 32' },
            ],
          },
        },
        {
          operationType: 'Destination',
          destinationSettings: { endpointRef: 'default', dataDestination: DESTINATION_TOPIC },
        },
      ],
    },
  };
}

test('a dataflow deployed from the builder moves messages, and its stages count them live', async ({
  page,
  api,
  runtime,
}) => {
  const name = 'fahrenheit';
  await api.create(INSTANCE, 'dataflows', fahrenheit(name));
  const subscriber = await TestClient.connect(runtime.broker.url);
  const publisher = await TestClient.connect(runtime.broker.url);
  try {
    await subscriber.subscribe(DESTINATION_TOPIC);
    const builder = new BuilderPage(page);
    await builder.gotoEdit(INSTANCE, name);
    // Not deployed yet: no runtime badge, no counters.
    await expect(builder.deploy).toBeEnabled();
    await expect(builder.runtime).toHaveCount(0);
    await expect(builder.stageLive('Source')).toHaveCount(0);

    const deployed = await builder.deployNow(INSTANCE);
    expect(deployed.status(), await deployed.text()).toBe(200);
    await expect(new Toasts(page).success('Deployed')).toContainText(`${name}: start`);
    await expect(builder.runtime).toHaveText('Runtime: running');
    await expect(builder.stageLive('Source')).toContainText('0 received');
    // Running: the edges move, and the live view listens to the runtime's tap (through the API).
    await expect(builder.canvas.locator('.react-flow__edge.animated')).toHaveCount(2);
    const live = page.getByTestId('builder-live');
    await expect(live).toContainText('listening');

    for (const temperature of [20, -60, 30])
      await publisher.publish('e2e/thermostats/1/telemetry', { temperature });

    // Each message before and after the transformation; the frozen one shows why it was dropped.
    await expect(live.getByTestId('live-event')).toHaveCount(3);
    await expect(live.getByTestId('live-event').filter({ hasText: '"temperature":-60' })).toContainText(
      'Dropped',
    );
    await expect(live.getByTestId('live-event').filter({ hasText: '"temperature":30' })).toContainText(
      '{"temperatureF":86}',
    );

    // What the builder's preview computes, the runtime sends: the frozen reading is dropped.
    await expect
      .poll(() => subscriber.received.map((m) => m.payload), { message: 'messages on the destination' })
      .toEqual([{ temperatureF: 68 }, { temperatureF: 86 }]);
    expect(subscriber.received.map((m) => m.topic)).toEqual([DESTINATION_TOPIC, DESTINATION_TOPIC]);

    // The builder polls the runtime every 2 s.
    await expect(builder.stageLive('Source')).toContainText('3 received');
    await expect(builder.stageLive('BuiltInTransformation')).toContainText('1 dropped · 0 dead-lettered');
    await expect(builder.stageLive('Destination')).toContainText('2 sent');
    await expect(builder.runtime).toHaveText('Runtime: running');

    const status = await api.runtime(INSTANCE);
    expect(status.embedded).toBe(true);
    expect(status.dataflows.find((d) => d.name === name)).toMatchObject({
      state: 'running',
      counters: { received: 3, emitted: 2, droppedByFilter: 1, deadLettered: 0 },
    });
  } finally {
    await publisher.close();
    await subscriber.close();
  }
});

test('a draft cannot be deployed; fixed and saved, it can', async ({ page, api }) => {
  const name = 'draft-then-fixed';
  const broken = fahrenheit(name);
  broken.spec.operations[1]!.builtInTransformationSettings!.filter![0]!.expression = '$1 <';
  const response = await page.request.post(`/api/v1/instances/${INSTANCE}/dataflows?draft=true`, {
    data: broken,
  });
  expect(response.status(), await response.text()).toBe(201);
  const builder = new BuilderPage(page);
  await builder.gotoEdit(INSTANCE, name);
  await expect(builder.state).toHaveText('1 problem: saves as a draft');
  await expect(builder.noRuntime).toHaveCount(0);
  await expect(builder.deploy).toBeDisabled();

  await builder.select('BuiltInTransformation');
  await builder.field('spec.operations.1.builtInTransformationSettings.filter.0.expression').fill('$1 < -50');
  await expect(builder.state).toHaveText('Valid');
  // Unsaved changes are not what the runtime would get: save first.
  await expect(builder.deploy).toBeDisabled();
  const saved = await builder.saveChanges(INSTANCE, name);
  expect(saved.status(), await saved.text()).toBe(200);
  await expect(builder.deploy).toBeEnabled();
  expect((await api.get(INSTANCE, 'dataflows', name)).status).toMatchObject({ draft: false, valid: true });
});
