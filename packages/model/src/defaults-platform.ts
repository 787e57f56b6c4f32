/** Values the platform itself uses for the resources every instance starts with. */
export const LOCAL_BROKER_HOST = 'aio-broker:18883';
export const LOCAL_BROKER_AUDIENCE = 'aio-internal';
export const LOCAL_BROKER_CA_CONFIGMAP = 'azure-iot-operations-aio-ca-trust-bundle';
export const DEFAULT_NAMESPACE = 'azure-iot-operations';
export const DEFAULT_RESOURCE_NAME = 'default';
