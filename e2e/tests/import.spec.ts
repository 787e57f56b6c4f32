// Import: pasted manifests are previewed as a plan (nothing written), then applied all together; a text
// with an invalid document shows its issues and cannot be applied.
import { ImportExportPage } from '../pages/import-export.page.ts';
import { Toasts } from '../pages/toasts.page.ts';
import { endpointOf, sharedInstance } from '../support/api.ts';
import { expect, test } from '../support/fixtures.ts';

// The tests import resources of their own names.
const instance = sharedInstance(test, 'e2e-import');

const HEADER = 'apiVersion: connectivity.iotoperations.azure.com/v1';

/** An existing endpoint with a new host, a new endpoint and a new profile. */
const CHANGES = `${HEADER}
kind: DataflowEndpoint
metadata:
  name: line-kafka
spec:
  endpointType: Kafka
  hostType: CustomKafka
  kafkaSettings:
    host: kafka-new.example.com:9093
    authentication:
      method: Sasl
      saslSettings:
        saslType: ScramSha512
        secretRef: kafka-credentials
    tls:
      mode: Enabled
    consumerGroupId: aiodataflows
---
${HEADER}
kind: DataflowEndpoint
metadata:
  name: line-archive
spec:
  endpointType: DataLakeStorage
  dataLakeStorageSettings:
    host: https://linearchive.blob.core.windows.net
    authentication:
      method: SystemAssignedManagedIdentity
      systemAssignedManagedIdentitySettings: {}
---
${HEADER}
kind: DataflowProfile
metadata:
  name: bulk
spec:
  instanceCount: 4
`;

/** A valid endpoint, and one whose Kafka host lacks its port. */
const ONE_INVALID = `${HEADER}
kind: DataflowEndpoint
metadata:
  name: fine-kafka
spec:
  endpointType: Kafka
  kafkaSettings:
    host: kafka.example.com:9093
    authentication:
      method: Anonymous
    consumerGroupId: readers
---
${HEADER}
kind: DataflowEndpoint
metadata:
  name: portless-kafka
spec:
  endpointType: Kafka
  kafkaSettings:
    host: kafka.example.com
    authentication:
      method: Anonymous
    consumerGroupId: readers
`;

test('a preview shows the plan and writes nothing; importing writes it all', async ({ page, api, audit }) => {
  await api.createEndpoint(instance(), endpointOf('line-kafka', 'custom-kafka'));
  const transfer = new ImportExportPage(page);
  await transfer.goto(instance());
  await transfer.importText.fill(CHANGES);

  expect((await transfer.runPreview(instance())).status()).toBe(200);
  await expect(transfer.importPanel).toContainText('Preview: nothing has been written');
  await expect(transfer.planRows).toHaveCount(3);
  await transfer.expectPlanRow('DataflowEndpoint', 'line-kafka', 'update');
  await transfer.expectPlanRow('DataflowEndpoint', 'line-archive', 'create');
  await transfer.expectPlanRow('DataflowProfile', 'bulk', 'create');
  await expect(transfer.planRow('DataflowEndpoint', 'line-kafka')).toContainText('update');
  await expect(transfer.planRow('DataflowProfile', 'bulk')).toContainText('create');
  await audit('import preview');

  expect((await api.getEndpoint(instance(), 'line-kafka')).spec.kafkaSettings?.host).toBe(
    'kafka.example.com:9093',
  );
  expect(await api.status(instance(), 'endpoints', 'line-archive')).toBe(404);
  expect(await api.status(instance(), 'profiles', 'bulk')).toBe(404);

  expect((await transfer.runApply(instance())).status()).toBe(200);
  await expect(new Toasts(page).success('Imported 3 resources')).toContainText(
    '2 created, 1 updated, 0 unchanged.',
  );
  await expect(transfer.importPanel).toContainText('2 created, 1 updated, 0 unchanged.');
  await expect(transfer.plan).toHaveAccessibleName('Imported resources');
  await expect(transfer.planRow('DataflowEndpoint', 'line-kafka')).toContainText('updated');
  await expect(transfer.planRow('DataflowEndpoint', 'line-archive')).toContainText('created');

  expect((await api.getEndpoint(instance(), 'line-kafka')).spec.kafkaSettings?.host).toBe(
    'kafka-new.example.com:9093',
  );
  expect((await api.getEndpoint(instance(), 'line-archive')).spec).toEqual({
    endpointType: 'DataLakeStorage',
    dataLakeStorageSettings: {
      host: 'https://linearchive.blob.core.windows.net',
      authentication: { method: 'SystemAssignedManagedIdentity', systemAssignedManagedIdentitySettings: {} },
    },
  });
  expect((await api.get(instance(), 'profiles', 'bulk')).spec).toEqual({ instanceCount: 4 });
});

test('a text with an invalid document shows its issues and cannot be imported', async ({
  page,
  api,
  audit,
}) => {
  const transfer = new ImportExportPage(page);
  await transfer.goto(instance());
  await transfer.importText.fill(ONE_INVALID);

  expect((await transfer.runPreview(instance())).status()).toBe(200);
  await expect(transfer.importPanel).toContainText('Nothing can be imported yet');
  await expect(transfer.issues).toBeVisible();
  await expect(transfer.issues).toContainText('portless-kafka');
  await expect(transfer.issues).toContainText('The Kafka host needs a port: <hostname>:<port>.');
  await expect(transfer.issues).toContainText('/spec/kafkaSettings/host');
  await expect(transfer.apply).toBeDisabled();
  await audit('import preview with an invalid document');

  expect(await api.status(instance(), 'endpoints', 'fine-kafka')).toBe(404);
  expect(await api.status(instance(), 'endpoints', 'portless-kafka')).toBe(404);
});
