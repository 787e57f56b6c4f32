// mqtt.js for the runtime benchmark. bench/ is no package: mqtt is resolved from packages/runtime, the
// package benchmarked, which depends on it (types via the `paths` entry in bench/runtime/tsconfig.json).
import { createRequire } from 'node:module';
import type * as Mqtt from 'mqtt';

export type { IClientOptions, MqttClient } from 'mqtt';

const mqtt = createRequire(new URL('../../packages/runtime/package.json', import.meta.url))(
  'mqtt',
) as typeof Mqtt;

export const connect = mqtt.connect;
