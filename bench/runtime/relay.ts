// The hand-written relay of the runtime benchmark (bench/runtime/run.ts starts it as a child process):
// what an engineer would write with mqtt.js v5 for the benchmark's dataflow and nothing more. Subscribes
// in/# at QoS 1, adds temperatureF to each JSON payload and publishes it to out/<second topic level> at
// QoS 1. mqtt.js acknowledges each incoming message as soon as the handler returns, before the broker
// has acknowledged the forwarded copy: faster than acknowledging after the sink, but a crash loses what
// is in flight.
// Usage: `node bench/runtime/relay.ts mqtt://127.0.0.1:1883` (Node 24).
import { connect } from './mqtt.ts';

const client = connect(process.argv[2] ?? 'mqtt://127.0.0.1:1883', {
  protocolVersion: 5,
  clientId: `bench-relay-${process.pid}`,
});
client.on('connect', () => {
  client.subscribe('in/#', { qos: 1 }, (error) => {
    if (error) throw error;
    process.stdout.write('relay subscribed to in/#\n');
  });
});
client.on('message', (topic, payload) => {
  const message = JSON.parse(payload.toString()) as Record<string, unknown>;
  message.temperatureF = ((message.temperature as number) * 9) / 5 + 32;
  client.publish(`out/${topic.split('/')[1]}`, JSON.stringify(message), { qos: 1 });
});
client.on('error', (error) => {
  process.stderr.write(`relay: ${error.message}\n`);
});
process.once('SIGTERM', () => {
  client.end(false, () => process.exit(0));
});
