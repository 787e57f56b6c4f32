import { issue, type Issue } from '../issues.ts';
import { STORAGE_HOST_FORMS, isValidHostname, isValidPort, parseHost, type HostParts } from '../hosts.ts';

/** `<hostname>:<port>` as MQTT and Kafka need it. Returns the parts when the host is usable. */
export function brokerHostRules(
  host: string,
  path: string,
  options: { allowPath: boolean; what: string },
): { issues: Issue[]; parts?: HostParts } {
  const parts = parseHost(host);
  if (!parts || !isValidHostname(parts.hostname)) {
    return {
      issues: [
        issue('host.invalid', path, `${JSON.stringify(host)} is not a host; write <hostname>:<port>.`),
      ],
    };
  }
  if (parts.scheme !== undefined) {
    return {
      issues: [
        issue('host.invalid', path, `Write the ${options.what} host without a scheme: <hostname>:<port>.`),
      ],
    };
  }
  if (parts.path !== undefined && !options.allowPath) {
    return {
      issues: [issue('host.invalid', path, `A path after the port is only used with protocol WebSockets.`)],
    };
  }
  if (parts.port === undefined) {
    return {
      issues: [issue('host.port.missing', path, `The ${options.what} host needs a port: <hostname>:<port>.`)],
    };
  }
  if (!isValidPort(parts.port)) {
    return {
      issues: [
        issue('host.port.invalid', path, `Port ${JSON.stringify(parts.port)} is not a number 1–65535.`),
      ],
    };
  }
  return { issues: [], parts };
}

export function storageHostRules(type: keyof typeof STORAGE_HOST_FORMS, host: string, path: string): Issue[] {
  const { pattern, form } = STORAGE_HOST_FORMS[type];
  return pattern.test(host)
    ? []
    : [issue('host.invalid', path, `${JSON.stringify(host)} is not of the form ${form}.`)];
}

export function openTelemetryHostRules(host: string, path: string): Issue[] {
  const parts = parseHost(host);
  if (!parts || !isValidHostname(parts.hostname)) {
    return [issue('host.invalid', path, `${JSON.stringify(host)} is not a host; write <host>:<port>.`)];
  }
  if (parts.scheme !== undefined && parts.scheme !== 'http' && parts.scheme !== 'https') {
    return [
      issue('host.invalid', path, `An OTLP collector is reached over http or https, not ${parts.scheme}.`),
    ];
  }
  if (parts.port === undefined) {
    return [issue('host.port.recommended', path, 'Give the collector port, usually 4317 (OTLP/gRPC).')];
  }
  if (!isValidPort(parts.port)) {
    return [issue('host.port.invalid', path, `Port ${JSON.stringify(parts.port)} is not a number 1–65535.`)];
  }
  return [];
}
