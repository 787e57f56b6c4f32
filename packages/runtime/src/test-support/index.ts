// Helpers for tests of the runtime and of apps that drive it: a private Mosquitto, resource builders, an
// MQTT test client. Not part of the runtime's API.
export * from './mosquitto.ts';
export * from './resources.ts';
export * from './certificates.ts';
