export { buildRuntimeApp, type RuntimeAppOptions } from './app.ts';
export { startRuntimeServer, type RuntimeServer, type StartOptions } from './server.ts';
export {
  DEFAULT_LOCAL_BROKER,
  environmentFromVariables,
  runtimeEnvironment,
  type EnvironmentInput,
} from './environment.ts';
