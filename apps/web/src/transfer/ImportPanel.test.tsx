import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { installFakeFetch, instance, json, problem, type FakeCall } from '../test-support/fake-api.ts';
import { renderApp } from '../test-support/render.tsx';

const IMPORT = 'POST /api/v1/instances/default/import';
const TEXT = [
  'apiVersion: connectivity.iotoperations.azure.com/v1beta1',
  'kind: DataflowEndpoint',
  'metadata: {name: broker}',
  '---',
  'kind: Dataflow',
  'metadata: {name: to-cloud}',
].join('\n');

const PLAN = [
  { kind: 'DataflowEndpoint', name: 'broker', action: 'create', document: 0 },
  { kind: 'Dataflow', name: 'to-cloud', action: 'update', document: 1 },
];
const TRANSLATED = {
  path: '/spec/mqttSettings/authentication/method',
  code: 'manifest.legacy.translated',
  message: 'Kubernetes became ServiceAccountToken.',
  severity: 'warning',
  document: 0,
  line: 5,
};

function fakeApi(reply: (call: FakeCall) => ReturnType<typeof json>) {
  return installFakeFetch({
    'GET /api/v1/instances': json({ kind: 'InstanceList', items: [instance('default')], nextCursor: null }),
    [IMPORT]: reply,
  });
}

async function paste(text = TEXT) {
  const user = userEvent.setup();
  renderApp('/instances/default/import-export');
  const area = await screen.findByTestId('import-text');
  await user.click(area);
  await user.paste(text);
  return user;
}

describe('import', () => {
  it('previews pasted YAML: each resource with its action, findings and translation warnings', async () => {
    const fake = fakeApi(() => json({ dryRun: true, valid: true, plan: PLAN, issues: [TRANSLATED] }));
    const user = await paste();
    await user.click(screen.getByTestId('import-preview-button'));

    const broker = await screen.findByTestId('import-plan-row-DataflowEndpoint-broker');
    expect(broker.textContent).toContain('create');
    expect(broker.textContent).toContain('1 translation warning');
    expect(screen.getByTestId('import-plan-row-Dataflow-to-cloud').textContent).toMatch(/update.*None/);
    const issues = screen.getByTestId('import-issues');
    expect(issues.textContent).toContain('Endpoint broker document 1');
    expect(issues.textContent).toContain('Kubernetes became ServiceAccountToken.');
    expect(issues.textContent).toContain('/spec/mqttSettings/authentication/method');
    expect(issues.textContent).toContain('line 5');

    const sent = fake.calls.find((c) => c.method === 'POST');
    expect(sent).toMatchObject({ body: TEXT });
    expect(sent!.url.search).toBe('?dryRun=true');
    expect(sent!.headers.get('content-type')).toBe('application/yaml');
  });

  it('applies the same text without dryRun, says so in a toast and shows what was done', async () => {
    const fake = fakeApi((call) =>
      json({ dryRun: call.url.search !== '', valid: true, plan: PLAN, issues: [] }),
    );
    const user = await paste();
    await user.click(screen.getByTestId('import-preview-button'));
    await screen.findByTestId('import-plan-row-Dataflow-to-cloud');
    await user.click(screen.getByTestId('import-apply-button'));

    expect((await screen.findByTestId('toast-success')).textContent).toContain('1 created, 1 updated');
    expect(screen.getByTestId('import-plan-row-DataflowEndpoint-broker').textContent).toContain('created');
    expect(
      within(screen.getByTestId('import-plan-row-DataflowEndpoint-broker')).getByRole('link', {
        name: 'broker',
      }),
    ).toHaveProperty('pathname', '/instances/default/endpoints/broker');
    const apply = fake.calls.at(-1)!;
    expect(apply.url.search).toBe('');
    expect(apply.body).toBe(TEXT);
  });

  it('shows the errors of a dry run at their resource and does not offer to apply', async () => {
    fakeApi(() =>
      json({
        dryRun: true,
        valid: false,
        plan: PLAN,
        issues: [
          {
            path: '/spec/mqttSettings/host',
            code: 'host.port.missing',
            message: 'Add a port.',
            severity: 'error',
            document: 0,
          },
        ],
      }),
    );
    const user = await paste();
    await user.click(screen.getByTestId('import-preview-button'));

    expect((await screen.findByTestId('import-plan-row-DataflowEndpoint-broker')).textContent).toContain(
      '1 error',
    );
    expect(screen.getByTestId('import-issues').textContent).toMatch(
      /Add a port\..*\/spec\/mqttSettings\/host/,
    );
    expect(screen.getByTestId('import-apply-button')).toHaveProperty('disabled', true);
  });

  it.each([
    [
      'a refused import (422)',
      'import-apply-button',
      'Nothing was imported: some resources break rules.',
      problem(422, {
        title: 'Rules violated',
        status: 422,
        detail: 'Nothing was imported: some resources break rules.',
        errors: [
          {
            path: '/spec/profileRef',
            code: 'ref.profile.notFound',
            message: 'No profile "big".',
            severity: 'error',
            resource: { kind: 'Dataflow', name: 'to-cloud' },
            document: 1,
          },
        ],
      }),
      ['Dataflow to-cloud', 'No profile "big".', '/spec/profileRef'],
    ],
    [
      'unreadable text (400)',
      'import-preview-button',
      'The submitted manifests cannot be read.',
      problem(400, {
        title: 'Invalid request',
        status: 400,
        detail: 'The submitted manifests cannot be read.',
        errors: [
          { path: '', code: 'manifest.syntax', message: 'Unexpected ":".', document: 1, line: 6, column: 3 },
        ],
      }),
      ['The submitted text, document 2', 'Unexpected ":".', 'line 6, column 3'],
    ],
  ])('shows %s as a problem with each issue where it is', async (_case, button, detail, reply, expected) => {
    fakeApi(() => reply);
    const user = await paste();
    await user.click(screen.getByTestId(button));

    expect((await screen.findByRole('alert')).textContent).toContain(detail);
    const issues = screen.getByTestId('import-issues');
    for (const text of expected) expect(issues.textContent).toContain(text);
  });

  it('loads an uploaded file into the text', async () => {
    const user = userEvent.setup();
    fakeApi(() => json({}));
    renderApp('/instances/default/import-export');
    const file = new File(['{"resources": []}'], 'template.json', { type: 'application/json' });

    await user.upload(await screen.findByTestId('import-file'), file);

    expect(await screen.findByDisplayValue('{"resources": []}')).toBe(screen.getByTestId('import-text'));
    expect(screen.getByText('Loaded template.json (1 KiB).')).toBeTruthy();
  });
});
