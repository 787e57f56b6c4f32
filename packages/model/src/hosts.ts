/** A host as endpoints write it: `[scheme://]hostname[:port][/path]`. */
export interface HostParts {
  scheme?: string;
  hostname: string;
  /** The port as written; undefined when there is none. */
  port?: string;
  path?: string;
}

const HOST = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\[[0-9a-f:.]+\]|[^:/\s[\]]+)(?::([^/\s]*))?(\/\S*)?$/i;

export function parseHost(host: string): HostParts | undefined {
  const match = HOST.exec(host.trim() === host ? host : '');
  if (!match) return undefined;
  const [, scheme, hostname, port, path] = match;
  return {
    hostname: hostname!.toLowerCase(),
    ...(scheme !== undefined ? { scheme: scheme.toLowerCase() } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(path !== undefined ? { path } : {}),
  };
}

export function isValidPort(port: string): boolean {
  return /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535;
}

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i;
export function isValidHostname(hostname: string): boolean {
  if (hostname.startsWith('[')) return true;
  return (
    hostname.length <= 253 && hostname.split('.').every((label) => label.length <= 63 && LABEL.test(label))
  );
}

/** The Azure IoT Operations broker service inside the cluster. */
export function isLocalBrokerHostname(hostname: string): boolean {
  return hostname === 'aio-broker' || hostname.startsWith('aio-broker.');
}

export const isEventGridHostname = (h: string) => /\.ts\.eventgrid\.azure\.(net|us)$/.test(h);
/** Event Hubs namespaces, and Fabric Real-Time Intelligence custom endpoints (Event Hubs underneath). */
export const isServiceBusHostname = (h: string) => /\.servicebus\.(windows\.net|usgovcloudapi\.net)$/.test(h);
/** Fabric eventstream bootstrap servers live in namespaces named `eseh…`. */
export const isFabricRealTimeHostname = (h: string) => isServiceBusHostname(h) && h.startsWith('eseh');

/** Cloud storage hosts: public and US Government clouds, with or without https://. */
export const STORAGE_HOST_FORMS = {
  DataLakeStorage: {
    pattern: /^(https:\/\/)?[a-z0-9]{3,24}\.blob\.core\.(windows\.net|usgovcloudapi\.net)\/?$/i,
    form: 'https://<account>.blob.core.windows.net (or .usgovcloudapi.net)',
  },
  DataExplorer: {
    pattern: /^(https:\/\/)?[a-z0-9][a-z0-9-]*\.[a-z0-9-]+\.kusto\.(windows\.net|usgovcloudapi\.net)\/?$/i,
    form: 'https://<cluster>.<region>.kusto.windows.net (or .usgovcloudapi.net)',
  },
  FabricOneLake: {
    pattern: /^(https:\/\/)?([a-z0-9-]+\.)+fabric\.microsoft\.(com|us)\/?$/i,
    form: 'https://onelake.dfs.fabric.microsoft.com (or fabric.microsoft.us)',
  },
} as const;

const US_GOV_HOST = /\.(usgovcloudapi\.net|fabric\.microsoft\.us|azure\.us)(:\d+)?\/?$/i;
export function isUsGovernmentHost(host: string): boolean {
  return US_GOV_HOST.test(host);
}
