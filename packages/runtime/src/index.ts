export type * from './connectors/types.ts';
export {
  ConnectorConfigError,
  isLocalBrokerHost,
  mqttConnection,
  redactUrl,
  SAT_AUTH_METHOD,
} from './connectors/mqtt-connection.ts';
export { MqttSource } from './connectors/mqtt-source.ts';
export { MqttSink } from './connectors/mqtt-sink.ts';
export { subscriptionFilters, LOCAL_STORAGE_BATCHING } from './engine/assemble.ts';
export { DataflowMetrics, LATENCY_BUCKETS_MS, DEAD_LETTER_SAMPLES } from './engine/metrics.ts';
export type { CounterSnapshot, DeadLetter, LatencySnapshot } from './engine/metrics.ts';
export { renderPrometheus } from './engine/prometheus.ts';
export {
  DATAFLOW_STATES,
  PLAN_ACTIONS,
  Runtime,
  type ApplyResult,
  type DataflowState,
  type DataflowStatus,
  type PlanAction,
  type PlanEntry,
  type RuntimeOptions,
} from './engine/runtime.ts';
export type { TapEvent, TapListener } from './engine/tap.ts';
export {
  testEndpoint,
  type EndpointTestResult,
  type EndpointTestOptions,
  type EndpointTestStep,
} from './engine/endpoint-test.ts';
