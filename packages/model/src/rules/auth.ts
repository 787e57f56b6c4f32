import { AUTH_SETTINGS_KEY, type AuthMethod } from '../schema/auth.ts';
import { ENDPOINT_AUTH_METHODS, type EndpointType } from '../schema/endpoint.ts';
import { issue, type Issue } from '../issues.ts';
import { obj, str } from './access.ts';

const SETTINGS_KEYS = new Set<string>(Object.values(AUTH_SETTINGS_KEY));

function isAuthMethod(value: string | undefined): value is AuthMethod {
  return value !== undefined && Object.hasOwn(AUTH_SETTINGS_KEY, value);
}

/**
 * The settings block the method needs is present, and no block of another method is.
 * System-assigned identity may omit its block; Anonymous needs `anonymousSettings: {}` only on
 * OpenTelemetry (MQTT and Kafka accept it as the Kubernetes samples write it, but do not need it).
 */
export function authenticationRules(endpointType: EndpointType, auth: unknown, path: string): Issue[] {
  const authentication = obj(auth);
  const method = str(authentication?.method);
  // A method the type does not allow is a schema error already; its settings are moot.
  const allowed: readonly string[] = ENDPOINT_AUTH_METHODS[endpointType];
  if (!authentication || !isAuthMethod(method) || !allowed.includes(method)) return [];
  const issues: Issue[] = [];
  const needed = AUTH_SETTINGS_KEY[method];
  const optional =
    method === 'SystemAssignedManagedIdentity' ||
    (method === 'Anonymous' && endpointType !== 'OpenTelemetry');
  if (!optional && authentication[needed] === undefined) {
    issues.push(
      issue(
        'auth.settings.missing',
        `${path}/${needed}`,
        `Authentication method ${method} needs "${needed}".`,
      ),
    );
  }
  for (const key of Object.keys(authentication)) {
    if (key !== needed && SETTINGS_KEYS.has(key)) {
      issues.push(
        issue(
          'auth.settings.unexpected',
          `${path}/${key}`,
          `"${key}" does not belong to method ${method}; an authentication entry holds only its own method's settings.`,
        ),
      );
    }
  }
  return issues;
}
