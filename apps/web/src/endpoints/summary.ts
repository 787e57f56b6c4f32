import {
  ENDPOINT_SETTINGS_KEY,
  detectFlavour,
  flavourById,
  isRecord,
  type DataflowEndpoint,
  type EndpointType,
  type FlavourId,
} from '@flowplane/model';

/** What the endpoint list shows of one endpoint, derived from the resource alone. */
export interface EndpointRow {
  name: string;
  type: EndpointType;
  flavour: FlavourId;
  flavourLabel: string;
  host: string | undefined;
  authentication: string | undefined;
  /** Dataflows and graphs that reference the endpoint; undefined when the API did not say. */
  usage: { dataflows: number; graphs: number } | undefined;
  /** Last change (status.updatedAt), falling back to creation for servers that do not report it. */
  changed: string | undefined;
}

const AUTH_LABELS: Record<string, string> = {
  SystemAssignedManagedIdentity: 'System-assigned managed identity',
  UserAssignedManagedIdentity: 'User-assigned managed identity',
  ServiceAccountToken: 'Kubernetes service account token',
  X509Certificate: 'X.509 certificate',
  Sasl: 'SASL',
  AccessToken: 'Access token',
  Anonymous: 'Anonymous',
};

export const ENDPOINT_TYPE_LABELS: Record<EndpointType, string> = {
  Mqtt: 'MQTT',
  Kafka: 'Kafka',
  DataLakeStorage: 'Data Lake Storage',
  DataExplorer: 'Data Explorer',
  FabricOneLake: 'Fabric OneLake',
  LocalStorage: 'Local storage',
  OpenTelemetry: 'OpenTelemetry',
};

export function authLabel(method: string): string {
  return AUTH_LABELS[method] ?? method;
}

function settingsOf(endpoint: DataflowEndpoint): Record<string, unknown> | undefined {
  const settings: unknown = endpoint.spec[ENDPOINT_SETTINGS_KEY[endpoint.spec.endpointType]];
  return isRecord(settings) ? settings : undefined;
}

/** status.usage is set by the API on list and get (dataflows and graphs that reference the endpoint). */
function usageOf(endpoint: DataflowEndpoint): EndpointRow['usage'] {
  const usage = endpoint.status?.usage;
  if (!isRecord(usage)) return undefined;
  const count = (value: unknown) => (typeof value === 'number' ? value : 0);
  return { dataflows: count(usage.dataflows), graphs: count(usage.graphs) };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function usageText(usage: EndpointRow['usage']): string {
  if (usage === undefined) return '—';
  const parts = [];
  if (usage.dataflows > 0) parts.push(plural(usage.dataflows, 'dataflow'));
  if (usage.graphs > 0) parts.push(plural(usage.graphs, 'graph'));
  return parts.length === 0 ? 'Not used' : parts.join(', ');
}

export function endpointRow(endpoint: DataflowEndpoint): EndpointRow {
  const settings = settingsOf(endpoint);
  const host = settings && typeof settings.host === 'string' ? settings.host : undefined;
  const authentication =
    settings && isRecord(settings.authentication) && typeof settings.authentication.method === 'string'
      ? settings.authentication.method
      : undefined;
  const flavour = detectFlavour(endpoint.spec);
  return {
    name: endpoint.metadata.name,
    type: endpoint.spec.endpointType,
    flavour,
    flavourLabel: flavourById(flavour).label,
    host,
    authentication,
    usage: usageOf(endpoint),
    changed:
      typeof endpoint.status?.updatedAt === 'string'
        ? endpoint.status.updatedAt
        : endpoint.metadata.creationTimestamp,
  };
}
