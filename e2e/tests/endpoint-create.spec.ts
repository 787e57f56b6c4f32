// Creating an endpoint of every flavour the gallery offers, through the list's New endpoint button, the
// gallery card and the form, and checking what the API stored.
import {
  ENDPOINT_SETTINGS_KEY,
  FLAVOURS,
  FLAVOUR_IDS,
  flavourById,
  type DataflowEndpointSpec,
  type FlavourId,
} from '@flowplane/model';
import { EndpointDetailPage } from '../pages/endpoint-detail.page.ts';
import { EndpointFormPage, FlavourGalleryPage } from '../pages/endpoint-form.page.ts';
import { EndpointsPage } from '../pages/endpoints.page.ts';
import { SECTIONS } from '../pages/shell.page.ts';
import { Toasts } from '../pages/toasts.page.ts';
import { sharedInstance } from '../support/api.ts';
import { expect, test } from '../support/fixtures.ts';

// The tests create endpoints of their own names, so they share one instance.
const instance = sharedInstance(test, 'e2e-flavours');

interface FlavourCase {
  flavour: FlavourId;
  /** Changes on the Basic tab (the name is typed by the test). */
  basic?: (form: EndpointFormPage) => Promise<void>;
  /** Changes on the Advanced tab, which the test opens first. */
  advanced?: (form: EndpointFormPage) => Promise<void>;
  /** What the settings block must hold afterwards (a subset: template values the test left alone are not listed). */
  settings: Record<string, unknown>;
  /** The stored authentication, exactly (undefined: the type has none). */
  authentication: Record<string, unknown> | undefined;
}

const SAMI = { method: 'SystemAssignedManagedIdentity', systemAssignedManagedIdentitySettings: {} };

const CASES: readonly FlavourCase[] = [
  {
    flavour: 'local-broker',
    advanced: async (form) => {
      await form.setting('clientIdPrefix').fill('plant-gateway');
      await form.setting('maxInflightMessages').fill('50');
    },
    settings: { host: 'aio-broker:18883', clientIdPrefix: 'plant-gateway', maxInflightMessages: 50 },
    authentication: {
      method: 'ServiceAccountToken',
      serviceAccountTokenSettings: { audience: 'aio-internal' },
    },
  },
  {
    flavour: 'event-grid',
    basic: async (form) => {
      await form.hostName.fill('plant.westeurope-1.ts.eventgrid.azure.net');
      await form.authMethod.selectOption('UserAssignedManagedIdentity');
      await form.setting('authentication.userAssignedManagedIdentitySettings.clientId').fill('client-1');
      await form.setting('authentication.userAssignedManagedIdentitySettings.tenantId').fill('tenant-1');
    },
    settings: { host: 'plant.westeurope-1.ts.eventgrid.azure.net:8883', retain: 'Never' },
    authentication: {
      method: 'UserAssignedManagedIdentity',
      userAssignedManagedIdentitySettings: { clientId: 'client-1', tenantId: 'tenant-1' },
    },
  },
  {
    flavour: 'custom-mqtt',
    basic: async (form) => {
      await form.hostName.fill('broker.plant.internal');
      await form.hostPort.fill('8884');
      await form.setting('authentication.x509CertificateSettings.secretRef').fill('plant-client-cert');
    },
    advanced: async (form) => {
      await form.setting('qos').fill('0');
    },
    settings: { host: 'broker.plant.internal:8884', qos: 0 },
    authentication: {
      method: 'X509Certificate',
      x509CertificateSettings: { secretRef: 'plant-client-cert' },
    },
  },
  {
    flavour: 'event-hubs',
    basic: async (form) => {
      await form.hostName.fill('plant-hub.servicebus.windows.net');
      await form.setting('consumerGroupId').fill('plant-readers');
    },
    advanced: async (form) => {
      await form.setting('compression').selectOption('Gzip');
    },
    settings: {
      host: 'plant-hub.servicebus.windows.net:9093',
      consumerGroupId: 'plant-readers',
      compression: 'Gzip',
    },
    authentication: SAMI,
  },
  {
    flavour: 'fabric-real-time',
    basic: async (form) => {
      await form.setting('authentication.saslSettings.secretRef').fill('fabric-plant-connection');
    },
    advanced: async (form) => {
      await form.setting('kafkaAcks').selectOption('One');
    },
    settings: { host: 'esehexample.servicebus.windows.net:9093', kafkaAcks: 'One' },
    authentication: {
      method: 'Sasl',
      saslSettings: { saslType: 'Plain', secretRef: 'fabric-plant-connection' },
    },
  },
  {
    flavour: 'custom-kafka',
    basic: async (form) => {
      await form.hostName.fill('kafka.plant.internal');
      await form.hostPort.fill('9092');
      await form.setting('authentication.saslSettings.saslType').selectOption('ScramSha256');
    },
    advanced: async (form) => {
      await form.setting('compression').selectOption('Lz4');
      await form.setting('partitionStrategy').selectOption('Topic');
    },
    settings: { host: 'kafka.plant.internal:9092', compression: 'Lz4', partitionStrategy: 'Topic' },
    authentication: {
      method: 'Sasl',
      saslSettings: { saslType: 'ScramSha256', secretRef: 'kafka-credentials' },
    },
  },
  {
    flavour: 'data-lake',
    basic: async (form) => {
      await form.setting('host').fill('https://plantarchive.blob.core.windows.net');
      await form.authMethod.selectOption('AccessToken');
      await form.setting('authentication.accessTokenSettings.secretRef').fill('plant-sas-token');
    },
    advanced: async (form) => {
      await form.setting('batching.latencySeconds').fill('30');
    },
    settings: { host: 'https://plantarchive.blob.core.windows.net', batching: { latencySeconds: 30 } },
    authentication: { method: 'AccessToken', accessTokenSettings: { secretRef: 'plant-sas-token' } },
  },
  {
    flavour: 'onelake',
    basic: async (form) => {
      await form.setting('names.workspaceName').fill('plant-analytics');
      await form.setting('names.lakehouseName').fill('telemetry');
      await form.setting('oneLakePathType').selectOption('Files');
    },
    settings: {
      host: 'https://onelake.dfs.fabric.microsoft.com',
      names: { workspaceName: 'plant-analytics', lakehouseName: 'telemetry' },
      oneLakePathType: 'Files',
    },
    authentication: SAMI,
  },
  {
    flavour: 'data-explorer',
    basic: async (form) => {
      await form.setting('host').fill('https://plantadx.westeurope.kusto.windows.net');
      await form.setting('database').fill('telemetry');
    },
    settings: { host: 'https://plantadx.westeurope.kusto.windows.net', database: 'telemetry' },
    authentication: SAMI,
  },
  {
    flavour: 'local-storage',
    basic: async (form) => {
      await form.setting('persistentVolumeClaimRef').fill('plant-pvc');
    },
    settings: { persistentVolumeClaimRef: 'plant-pvc' },
    authentication: undefined,
  },
  {
    flavour: 'opentelemetry',
    basic: async (form) => {
      await form.hostName.fill('otel.monitoring.svc.cluster.local');
      await form.hostPort.fill('4318');
      await form.authMethod.selectOption('ServiceAccountToken');
      await form.setting('authentication.serviceAccountTokenSettings.audience').fill('otel-collector');
    },
    settings: { host: 'otel.monitoring.svc.cluster.local:4318', tls: { mode: 'Disabled' } },
    authentication: {
      method: 'ServiceAccountToken',
      serviceAccountTokenSettings: { audience: 'otel-collector' },
    },
  },
];

/**
 * The forms audited: every endpoint form is made of the same controls, so one form per distinct set of them
 * (host and port with an authentication block, a nested group and a choice, no authentication at all, and
 * the Advanced tab with its choices, numbers and batching group).
 */
const AUDITED: Partial<Record<FlavourId, 'basic' | 'advanced'>> = {
  'custom-mqtt': 'basic',
  'event-hubs': 'advanced',
  onelake: 'basic',
  'local-storage': 'basic',
};

/** Fills the form as a case says: Basic, then (when the case has any) the Advanced tab. */
async function fill(form: EndpointFormPage, c: FlavourCase, audit?: (label: string) => Promise<void>) {
  const label = `new ${flavourById(c.flavour).label} endpoint`;
  await c.basic?.(form);
  if (AUDITED[c.flavour] === 'basic') await audit?.(label);
  if (c.advanced) {
    await form.openTab('advanced');
    await c.advanced(form);
    if (AUDITED[c.flavour] === 'advanced') await audit?.(`${label}, advanced tab`);
  }
}

// One test on one page: the portal loads once and each flavour costs only its own steps. The audits come
// first, before any save: a toast stays up for 5 s and breaks the audit (see the last test).
test('creates an endpoint of every flavour from the list, the gallery and the form', async ({
  page,
  api,
  audit,
}) => {
  test.setTimeout(90_000);
  expect(
    CASES.map((c) => c.flavour),
    'one case per flavour, in gallery order',
  ).toEqual([...FLAVOUR_IDS]);
  const endpoints = new EndpointsPage(page);
  const gallery = new FlavourGalleryPage(page);
  const detail = new EndpointDetailPage(page);
  const toasts = new Toasts(page);
  await endpoints.goto(instance());

  await test.step('the gallery and the filled forms pass the audit', async () => {
    await endpoints.newEndpoint.click();
    await gallery.expectShown();
    await expect(gallery.cards).toHaveCount(FLAVOURS.length);
    await expect(gallery.cards).toContainText(FLAVOURS.map((f) => f.label));
    await audit('flavour gallery');
    for (const c of CASES.filter((c) => AUDITED[c.flavour] !== undefined)) {
      const form = await gallery.choose(c.flavour);
      await form.name.fill(`new-${c.flavour}`);
      await fill(form, c, audit);
      await page.goBack();
      await gallery.expectShown();
    }
    await endpoints.shell.navLink(SECTIONS[1]).click();
  });

  for (const c of CASES) {
    const flavour = flavourById(c.flavour);
    const name = `new-${c.flavour}`;
    await test.step(flavour.label, async () => {
      await endpoints.newEndpoint.click();
      const form = await gallery.choose(c.flavour);
      await form.name.fill(name);
      await fill(form, c);

      const created = await form.create(instance());
      expect(created.status(), await created.text()).toBe(201);
      await expect(toasts.success(`Endpoint ${name} created`)).toBeVisible();
      await detail.expectShown(instance(), name);

      const spec: DataflowEndpointSpec = (await api.getEndpoint(instance(), name)).spec;
      const settingsKey = ENDPOINT_SETTINGS_KEY[flavour.endpointType];
      expect.soft(spec.endpointType).toBe(flavour.endpointType);
      expect.soft(spec.hostType).toBe(flavour.hostType);
      expect.soft(Object.keys(spec).filter((key) => key.endsWith('Settings'))).toEqual([settingsKey]);
      const settings = spec[settingsKey] as Record<string, unknown> | undefined;
      expect.soft(settings).toMatchObject(c.settings);
      expect.soft(settings?.authentication).toEqual(c.authentication);

      await endpoints.shell.navLink(SECTIONS[1]).click();
    });
  }
  await endpoints.expectNames(['default', ...CASES.map((c) => `new-${c.flavour}`)].sort());
});

// Kept apart: a visible notification once failed the audit (Fluent's Toaster put aria-hidden focus sentinels
// on the page); notifications are now a polite live region of message bars.
test('the toast after a save passes the accessibility audit', async ({ page, audit }) => {
  const form = new EndpointFormPage(page, 'LocalStorage');
  await form.gotoNew(instance(), 'local-storage');
  await form.name.fill('toast-check');
  expect((await form.create(instance())).status()).toBe(201);
  await expect(new Toasts(page).success('Endpoint toast-check created')).toBeVisible();
  await audit('success toast');
});
