import { flavourById, type DataflowEndpoint } from '@flowplane/model';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  endpoint,
  installFakeFetch,
  instance,
  json,
  problem,
  type FakeCall,
} from '../test-support/fake-api.ts';
import { renderApp } from '../test-support/render.tsx';

const BASE = '/api/v1/instances/default';
const common = {
  'GET /api/v1/instances': json({ kind: 'InstanceList', items: [instance('default')], nextCursor: null }),
  [`GET ${BASE}/endpoints`]: json({ kind: 'DataflowEndpointList', items: [], nextCursor: null }),
  [`GET ${BASE}/dataflows`]: json({ kind: 'DataflowList', items: [], nextCursor: null }),
};

function created(call: FakeCall) {
  return json(
    {
      ...(call.body as DataflowEndpoint),
      metadata: { ...(call.body as DataflowEndpoint).metadata, resourceVersion: '1' },
    },
    201,
  );
}

describe('creating an endpoint', () => {
  it('offers every flavour in the gallery', async () => {
    installFakeFetch(common);
    renderApp('/instances/default/endpoints/new');
    expect(await screen.findByTestId('flavour-event-hubs')).toHaveProperty(
      'pathname',
      '/instances/default/endpoints/new/event-hubs',
    );
    expect(screen.getAllByRole('link').filter((l) => l.dataset.testid?.startsWith('flavour-'))).toHaveLength(
      11,
    );
  });

  it('creates a Kafka endpoint from the form, Host and Port composing the bootstrap address', async () => {
    const user = userEvent.setup();
    const api = installFakeFetch({ ...common, [`POST ${BASE}/endpoints`]: created });
    renderApp('/instances/default/endpoints/new/custom-kafka');

    await user.type(await screen.findByTestId('field-metadata.name'), 'plant-kafka');
    const host = screen.getByTestId('field-spec.kafkaSettings.host.name');
    await user.clear(host);
    await user.type(host, 'kafka.plant.local');
    const port = screen.getByTestId('field-spec.kafkaSettings.host.port');
    await user.clear(port);
    await user.type(port, '9092');
    await user.selectOptions(screen.getByTestId('field-spec.kafkaSettings.authentication.method'), 'Sasl');
    await user.selectOptions(
      screen.getByTestId('field-spec.kafkaSettings.authentication.saslSettings.saslType'),
      'ScramSha512',
    );
    const secret = screen.getByTestId('field-spec.kafkaSettings.authentication.saslSettings.secretRef');
    await user.clear(secret);
    await user.type(secret, 'plant-kafka-sasl');
    await user.click(screen.getByTestId('tab-advanced'));
    await user.selectOptions(screen.getByTestId('field-spec.kafkaSettings.compression'), 'Gzip');
    await user.click(screen.getByTestId('save-resource'));

    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    const sent = api.calls.find((c) => c.method === 'POST')?.body as DataflowEndpoint;
    expect(sent.metadata.name).toBe('plant-kafka');
    expect(sent.spec.kafkaSettings).toMatchObject({
      host: 'kafka.plant.local:9092',
      authentication: {
        method: 'Sasl',
        saslSettings: { saslType: 'ScramSha512', secretRef: 'plant-kafka-sasl' },
      },
      compression: 'Gzip',
    });
  });

  it('shows a bad value at its field and sends nothing', async () => {
    const user = userEvent.setup();
    const api = installFakeFetch(common);
    renderApp('/instances/default/endpoints/new/custom-mqtt');

    await user.type(await screen.findByTestId('field-metadata.name'), 'Bad_Name');
    expect((await screen.findByTestId('issue-metadata.name')).textContent).toMatch(/./);
    await user.click(screen.getByTestId('tab-advanced'));
    await user.type(screen.getByTestId('field-spec.mqttSettings.qos'), '7');
    expect((await screen.findByTestId('issue-spec.mqttSettings.qos')).textContent).toContain('1');
    await user.click(screen.getByTestId('save-resource'));

    expect(await screen.findByTestId('form-problems')).toBeTruthy();
    expect(api.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('maps the problems the API reports back to their fields', async () => {
    const user = userEvent.setup();
    installFakeFetch({
      ...common,
      [`POST ${BASE}/endpoints`]: problem(422, {
        type: 'about:blank',
        title: 'Invalid resource',
        status: 422,
        errors: [
          { path: '/spec/dataLakeStorageSettings/host', code: 'host.form', message: 'Not a blob host.' },
        ],
      }),
    });
    renderApp('/instances/default/endpoints/new/data-lake');
    await user.type(await screen.findByTestId('field-metadata.name'), 'lake');
    await user.click(screen.getByTestId('save-resource'));
    expect((await screen.findByTestId('issue-spec.dataLakeStorageSettings.host')).textContent).toBe(
      'Not a blob host.',
    );
  });
});

describe('editing an endpoint', () => {
  const stored = endpoint('broker', flavourById('custom-mqtt').template());
  const theirs = {
    ...stored,
    metadata: { ...stored.metadata, resourceVersion: '4' },
    spec: { ...stored.spec, mqttSettings: { ...stored.spec.mqttSettings!, qos: 0 } },
  };

  it('shows their version instead of overwriting it when someone saved first', async () => {
    const user = userEvent.setup();
    let reads = 0;
    const api = installFakeFetch({
      ...common,
      [`GET ${BASE}/endpoints/broker`]: () => json(reads++ === 0 ? stored : theirs),
      [`PUT ${BASE}/endpoints/broker`]: (call) =>
        call.headers.get('if-match') === '3'
          ? problem(412, { type: 'about:blank', title: 'Precondition Failed', status: 412 })
          : json(call.body),
    });
    renderApp('/instances/default/endpoints/broker/edit');
    await user.click(await screen.findByTestId('tab-advanced'));
    await user.type(screen.getByTestId('field-spec.mqttSettings.keepAliveSeconds'), '30');
    await user.click(screen.getByTestId('save-resource'));

    const dialog = await screen.findByTestId('conflict-dialog');
    expect(within(dialog).getByTestId('diff-view').textContent).toContain('qos: 0');
    fireEvent.click(within(dialog).getByTestId('conflict-overwrite'));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'PUT')).toHaveLength(2));
    expect(api.calls.filter((c) => c.method === 'PUT')[1]?.headers.get('if-match')).toBe('4');
  });
});
