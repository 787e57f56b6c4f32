import { Value } from 'typebox/value';
import {
  DataflowEndpointSpec,
  ENDPOINT_SETTINGS_KEY,
  ENDPOINT_TYPES,
  type EndpointType,
  type HostType,
} from '../schema/endpoint.ts';
import { issue, pointer, type Issue } from '../issues.ts';
import { AUTH_SETTINGS_KEY } from '../schema/auth.ts';
import { FLAVOURS, flavourFromHost, type FlavourId } from '../flavours.ts';
import { defaultEndpoint } from '../factories.ts';
import { DEFAULT_RESOURCE_NAME } from '../defaults-platform.ts';
import type { HostParts } from '../hosts.ts';
import { authenticationRules } from './auth.ts';
import { brokerHostRules, openTelemetryHostRules, storageHostRules } from './host.ts';
import { obj, str } from './access.ts';

const isAuthMethodName = (v: string) => Object.hasOwn(AUTH_SETTINGS_KEY, v);

const isEndpointType = (v: string | undefined): v is EndpointType =>
  v !== undefined && (ENDPOINT_TYPES as readonly string[]).includes(v);

/** Layer 2 for endpoints: the settings block, authentication, host forms and flavour constraints. */
export function endpointRules(doc: Record<string, unknown>): Issue[] {
  const spec = obj(doc.spec);
  if (!spec) return [];
  const type = str(spec.endpointType);
  const issues: Issue[] = [];
  const expectedKey = isEndpointType(type) ? ENDPOINT_SETTINGS_KEY[type] : undefined;

  for (const key of Object.values(ENDPOINT_SETTINGS_KEY)) {
    if (spec[key] !== undefined && key !== expectedKey) {
      issues.push(
        issue(
          'endpoint.settings.unexpected',
          pointer('spec', key),
          `"${key}" does not belong to a ${type ?? 'typeless'} endpoint: an endpoint has exactly one settings block, the one matching endpointType.`,
        ),
      );
    }
  }
  if (!isEndpointType(type) || !expectedKey) return issues;

  const hostType = str(spec.hostType);
  const hostTypeFlavour = FLAVOURS.find((f) => f.hostType !== undefined && f.hostType === hostType);
  if (hostTypeFlavour && hostTypeFlavour.endpointType !== type) {
    issues.push(
      issue(
        'endpoint.hostType.mismatch',
        '/spec/hostType',
        `hostType ${hostType} describes a ${hostTypeFlavour.endpointType} endpoint, not ${type}.`,
      ),
    );
  }

  const settings = obj(spec[expectedKey]);
  if (!settings) {
    issues.push(
      issue(
        'endpoint.settings.missing',
        pointer('spec', expectedKey),
        `A ${type} endpoint needs "${expectedKey}".`,
      ),
    );
    return issues;
  }
  const base = pointer('spec', expectedKey);
  if (type !== 'LocalStorage') {
    issues.push(...authenticationRules(type, settings.authentication, `${base}/authentication`));
  }
  issues.push(...typeRules(type, settings, base));
  if (type === 'Mqtt' || type === 'Kafka') {
    issues.push(...flavourRules(type, hostType as HostType | undefined, settings, base));
  }
  issues.push(...defaultEndpointRule(doc));
  return issues;
}

function typeRules(type: EndpointType, settings: Record<string, unknown>, base: string): Issue[] {
  const host = str(settings.host);
  const hostPath = `${base}/host`;
  switch (type) {
    case 'Mqtt': {
      if (!host) return [];
      const websockets = settings.protocol === 'WebSockets';
      const { issues, parts } = brokerHostRules(host, hostPath, { allowPath: websockets, what: 'MQTT' });
      if (parts) issues.push(...tlsPortRule(settings, parts, base));
      return issues;
    }
    case 'Kafka':
      if (!host) return [];
      // A Kafka bootstrap list may name several brokers.
      return host
        .split(',')
        .flatMap((one) => brokerHostRules(one.trim(), hostPath, { allowPath: false, what: 'Kafka' }).issues);
    case 'DataLakeStorage':
    case 'DataExplorer':
    case 'FabricOneLake':
      return host ? storageHostRules(type, host, hostPath) : [];
    case 'OpenTelemetry':
      return host ? openTelemetryHostRules(host, hostPath) : [];
    case 'LocalStorage':
      return [];
  }
}

function tlsMode(settings: Record<string, unknown>): string {
  return str(obj(settings.tls)?.mode) ?? 'Enabled';
}

function tlsPath(settings: Record<string, unknown>, base: string): string {
  return obj(settings.tls) ? `${base}/tls/mode` : `${base}/tls`;
}

function tlsPortRule(settings: Record<string, unknown>, parts: HostParts, base: string): Issue[] {
  const mode = tlsMode(settings);
  if (parts.port === '1883' && mode === 'Enabled') {
    return [
      issue(
        'tls.port.mismatch',
        tlsPath(settings, base),
        'Port 1883 is plain MQTT, but TLS is enabled (the default).',
      ),
    ];
  }
  if (parts.port === '8883' && mode === 'Disabled') {
    return [
      issue('tls.port.mismatch', tlsPath(settings, base), 'Port 8883 is MQTT over TLS, but TLS is disabled.'),
    ];
  }
  return [];
}

const HOST_TYPE_FLAVOUR: Partial<Record<HostType, FlavourId[]>> = {
  LocalBroker: ['local-broker'],
  EventGrid: ['event-grid'],
  Eventhub: ['event-hubs', 'fabric-real-time'],
  FabricRT: ['event-hubs', 'fabric-real-time'],
};

const FLAVOUR_METHODS: Partial<Record<FlavourId, string[]>> = {
  'local-broker': ['ServiceAccountToken', 'X509Certificate', 'Anonymous'],
  'event-grid': ['SystemAssignedManagedIdentity', 'UserAssignedManagedIdentity', 'X509Certificate'],
  'event-hubs': ['SystemAssignedManagedIdentity', 'UserAssignedManagedIdentity', 'Sasl'],
  'fabric-real-time': ['SystemAssignedManagedIdentity', 'UserAssignedManagedIdentity', 'Sasl'],
};

/** What the Azure service behind a well-known host accepts (Event Grid, Event Hubs, Fabric RT, the local broker). */
function flavourRules(
  type: 'Mqtt' | 'Kafka',
  hostType: HostType | undefined,
  settings: Record<string, unknown>,
  base: string,
): Issue[] {
  const issues: Issue[] = [];
  const host = str(settings.host);
  const fromHost = flavourFromHost(type, host);
  const claimed = hostType ? HOST_TYPE_FLAVOUR[hostType] : undefined;
  if (claimed && !claimed.includes(fromHost)) {
    issues.push(
      issue(
        'endpoint.hostType.host',
        '/spec/hostType',
        `hostType is ${hostType}, but ${host ?? 'the host'} is not such a host.`,
      ),
    );
  }
  const flavour = claimed?.[0] ?? fromHost;
  const label = FLAVOURS.find((f) => f.id === flavour)?.label ?? flavour;

  const method = str(obj(settings.authentication)?.method);
  const methods = FLAVOUR_METHODS[flavour];
  if (method && methods && isAuthMethodName(method) && !methods.includes(method)) {
    issues.push(
      issue(
        'auth.flavour.unsupported',
        `${base}/authentication/method`,
        `${label} documents ${methods.join(', ')}; ${method} is unlikely to be accepted.`,
      ),
    );
  }
  const port = host === undefined ? undefined : hostPort(host);

  if (flavour === 'event-hubs' || flavour === 'fabric-real-time') {
    if (tlsMode(settings) === 'Disabled') {
      issues.push(issue('tls.required', tlsPath(settings, base), `${label} accepts TLS connections only.`));
    }
    const compression = str(settings.compression);
    if (compression === 'Snappy' || compression === 'Lz4') {
      issues.push(
        issue(
          'kafka.compression.unsupported',
          `${base}/compression`,
          `${label} supports only Gzip compression (or None).`,
        ),
      );
    }
    if (port !== undefined && port !== '9093') {
      issues.push(issue('host.port.unusual', `${base}/host`, `${label} serves Kafka on port 9093.`));
    }
  }
  if (flavour === 'event-grid') {
    if (tlsMode(settings) === 'Disabled') {
      issues.push(issue('tls.required', tlsPath(settings, base), 'Event Grid accepts TLS connections only.'));
    }
    const websockets = settings.protocol === 'WebSockets';
    if (websockets && host !== undefined && !/\/mqtt\/?$/.test(host)) {
      issues.push(
        issue(
          'eventgrid.websockets.path',
          `${base}/host`,
          'Over WebSockets, Event Grid needs the host to end in /mqtt.',
        ),
      );
    }
    const expected = websockets ? '443' : '8883';
    if (port !== undefined && port !== expected) {
      issues.push(
        issue(
          'host.port.unusual',
          `${base}/host`,
          `Event Grid serves MQTT${websockets ? ' over WebSockets' : ''} on port ${expected}.`,
        ),
      );
    }
  }
  if (type === 'Kafka' && settings.consumerGroupId === undefined) {
    issues.push(
      issue(
        'kafka.consumerGroupId.missing',
        `${base}/consumerGroupId`,
        'Without consumerGroupId this endpoint can only be a destination.',
      ),
    );
  }
  return issues;
}

function hostPort(host: string): string | undefined {
  const match = /:(\d+)(\/|$)/.exec(host.split(',')[0] ?? '');
  return match?.[1];
}

function defaultEndpointRule(doc: Record<string, unknown>): Issue[] {
  if (obj(doc.metadata)?.name !== DEFAULT_RESOURCE_NAME) return [];
  const expected = Value.Default(DataflowEndpointSpec, structuredClone(defaultEndpoint().spec));
  const actual = Value.Default(DataflowEndpointSpec, structuredClone(doc.spec));
  if (Value.Equal(expected, actual)) return [];
  return [
    issue(
      'endpoint.default.modified',
      '/spec',
      'This differs from the default endpoint every instance starts with (the local broker at aio-broker:18883); dataflows that use "default" will change too.',
    ),
  ];
}
