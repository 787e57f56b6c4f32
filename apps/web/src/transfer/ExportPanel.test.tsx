import { API_VERSION, flavourById } from '@flowplane/model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { endpoint, installFakeFetch, instance, json, problem, text } from '../test-support/fake-api.ts';
import { renderApp } from '../test-support/render.tsx';

const BASE = '/api/v1/instances/plant';
const ARM = '{\n  "resources": []\n}\n';
const list = (items: unknown[]) => json({ items, nextCursor: null });
const dataflow = (name: string, draft = false) => ({
  apiVersion: API_VERSION,
  kind: 'Dataflow',
  metadata: { name },
  spec: {},
  ...(draft ? { status: { draft: true } } : {}),
});

function fakeApi(exported: Parameters<typeof installFakeFetch>[0][string]) {
  return installFakeFetch({
    'GET /api/v1/instances': json({ kind: 'InstanceList', items: [instance('plant')], nextCursor: null }),
    [`GET ${BASE}/endpoints`]: list([endpoint('broker', flavourById('local-broker').template())]),
    [`GET ${BASE}/profiles`]: list([]),
    [`GET ${BASE}/dataflows`]: list([dataflow('to-cloud'), dataflow('sketch', true)]),
    [`GET ${BASE}/graphs`]: list([]),
    [`GET ${BASE}/export`]: exported,
  });
}

afterEach(() => vi.restoreAllMocks());

describe('export', () => {
  it('exports the chosen resources in the chosen format and version, and downloads them as a file', async () => {
    const user = userEvent.setup();
    const fake = fakeApi(text(ARM, 'application/json; charset=utf-8'));
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:export'),
      revokeObjectURL: () => undefined,
    });
    const saved: { name: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, href: this.href });
    });
    renderApp('/instances/plant/import-export?tab=export');

    await user.selectOptions(await screen.findByTestId('export-format'), 'arm');
    await user.selectOptions(screen.getByTestId('export-api-version'), '2025-10-01');
    await user.click(screen.getByRole('radio', { name: 'Choose…' }));
    await user.click(await screen.findByRole('checkbox', { name: 'broker' }));
    await user.click(screen.getByRole('checkbox', { name: 'to-cloud' }));
    expect(screen.getByRole('checkbox', { name: 'sketch (draft, never exported)' })).toHaveProperty(
      'disabled',
      true,
    );
    await user.click(screen.getByTestId('export-run-button'));

    await waitFor(() => expect(screen.getByTestId('export-output')).toHaveProperty('value', ARM));
    const call = fake.calls.find((c) => c.url.pathname === `${BASE}/export`)!;
    expect(Object.fromEntries(call.url.searchParams)).toEqual({
      format: 'arm',
      apiVersion: '2025-10-01',
      names: 'broker,to-cloud',
    });

    await user.click(screen.getByTestId('export-download'));
    expect(saved).toEqual([{ name: 'plant.json', href: 'blob:export' }]);
    expect(blobs[0]!.type).toBe('application/json');
    expect(await blobs[0]!.text()).toBe(ARM);
  });

  it('exports everything as Kubernetes YAML without an API version, and copies it', async () => {
    const user = userEvent.setup();
    const yaml = 'apiVersion: connectivity.iotoperations.azure.com/v1\nkind: DataflowEndpoint\n';
    const fake = fakeApi(text(yaml, 'application/yaml; charset=utf-8'));
    renderApp('/instances/plant/import-export?tab=export');

    expect(await screen.findByTestId('export-api-version')).toHaveProperty('disabled', true);
    await user.click(screen.getByTestId('export-run-button'));
    await waitFor(() => expect(screen.getByTestId('export-output')).toHaveProperty('value', yaml));
    expect(fake.calls.at(-1)!.url.search).toBe('?format=kubernetes');

    await user.click(screen.getByTestId('export-copy'));
    expect(await navigator.clipboard.readText()).toBe(yaml);
    expect(await screen.findByTestId('toast-success')).toBeTruthy();
  });

  it('shows why the API refused an export, with each issue', async () => {
    const user = userEvent.setup();
    fakeApi(
      problem(422, {
        title: 'Rules violated',
        status: 422,
        detail: 'Some resources cannot be exported in this format and API version.',
        errors: [
          {
            path: '/spec/endpointType',
            code: 'apiVersion.feature.unsupported',
            message: 'API version 2024-11-01 cannot express OpenTelemetry endpoints.',
            severity: 'error',
            document: 0,
          },
        ],
      }),
    );
    renderApp('/instances/plant/import-export?tab=export');

    await user.click(await screen.findByTestId('export-run-button'));

    expect((await screen.findByRole('alert')).textContent).toContain('cannot be exported in this format');
    expect(screen.getByText('API version 2024-11-01 cannot express OpenTelemetry endpoints.')).toBeTruthy();
    expect(screen.queryByTestId('export-output')).toBeNull();
  });

  it('opens the export tab from ?tab=export and switches tabs by click or arrow key', async () => {
    const user = userEvent.setup();
    fakeApi(text('', 'application/yaml'));
    renderApp('/instances/plant/import-export?tab=export');
    const panelOf = (testId: string) => screen.getByTestId(testId).closest('[role="tabpanel"]');

    const tabs = await screen.findByRole('tablist', { name: 'Import or export' });
    const exportTab = within(tabs).getByRole('tab', { name: 'Export' });
    expect(exportTab.getAttribute('aria-selected')).toBe('true');
    expect(panelOf('import-text')).toHaveProperty('hidden', true);

    await user.click(within(tabs).getByRole('tab', { name: 'Import' }));
    expect(panelOf('import-text')).toHaveProperty('hidden', false);
    expect(panelOf('export-format')).toHaveProperty('hidden', true);

    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(exportTab);
    expect(panelOf('export-format')).toHaveProperty('hidden', false);
  });
});
