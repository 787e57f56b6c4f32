import {
  DEFAULT_NAMESPACE,
  DEFAULT_RESOURCE_NAME,
  LOCAL_BROKER_AUDIENCE,
  LOCAL_BROKER_CA_CONFIGMAP,
  LOCAL_BROKER_HOST,
} from './defaults-platform.ts';
import { API_VERSION } from './schema/common.ts';
import type { DataflowEndpoint } from './schema/endpoint.ts';
import type { DataflowProfile } from './schema/profile.ts';

/** The `default` endpoint a new Azure IoT Operations instance starts with: the local broker. */
export function defaultEndpoint(namespace: string = DEFAULT_NAMESPACE): DataflowEndpoint {
  return {
    apiVersion: API_VERSION,
    kind: 'DataflowEndpoint',
    metadata: { name: DEFAULT_RESOURCE_NAME, namespace },
    spec: {
      endpointType: 'Mqtt',
      mqttSettings: {
        host: LOCAL_BROKER_HOST,
        authentication: {
          method: 'ServiceAccountToken',
          serviceAccountTokenSettings: { audience: LOCAL_BROKER_AUDIENCE },
        },
        tls: { mode: 'Enabled', trustedCaCertificateConfigMapRef: LOCAL_BROKER_CA_CONFIGMAP },
      },
    },
  };
}

/** The `default` profile a new instance starts with. */
export function defaultProfile(namespace: string = DEFAULT_NAMESPACE): DataflowProfile {
  return {
    apiVersion: API_VERSION,
    kind: 'DataflowProfile',
    metadata: { name: DEFAULT_RESOURCE_NAME, namespace },
    spec: { instanceCount: 1 },
  };
}
