// The runtime's control API: desired state in, status, Prometheus metrics, a live tap of messages and
// endpoint connection tests out. Errors are RFC 9457 problem details, as in the Flowplane API.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { importManifests } from '@flowplane/manifests';
import type { ManifestIssue, ResourceIssue } from '@flowplane/model';
import {
  type Runtime,
  type RuntimeEnvironment,
  redactUrl,
  renderPrometheus,
  testEndpoint,
} from '@flowplane/runtime';

export interface RuntimeAppOptions {
  readonly runtime: Runtime;
  readonly environment: RuntimeEnvironment;
  readonly logger?: FastifyServerOptions['logger'];
}

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];
const BODY_LIMIT = 4 * 1024 * 1024;

interface ProblemField {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  readonly resource?: string;
}

function problem(reply: FastifyReply, status: number, title: string, detail: string, extra: object = {}) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title, status, detail, ...extra });
}

export function buildRuntimeApp(options: RuntimeAppOptions): FastifyInstance {
  const { runtime, environment } = options;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT });
  const startedAt = new Date().toISOString();

  app.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return problem(
      reply,
      status,
      status >= 500 ? 'Internal error' : 'Bad request',
      status >= 500 ? `see the runtime log for request ${request.id}` : error.message,
    );
  });
  app.setNotFoundHandler((request, reply) =>
    problem(reply, 404, 'Not found', `${request.method} ${request.url} is not a runtime route`),
  );

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.put('/v1/desired', async (request, reply) => {
    const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null);
    const imported = importManifests(text);
    const unreadable = imported.issues.filter((i) => i.severity === 'error');
    if (unreadable.length > 0)
      return problem(reply, 400, 'Unreadable resources', 'the body is not a set of resources', {
        errors: unreadable.map(manifestField),
      });
    const result = await runtime.apply(imported.documents.map((d) => d.resource));
    if (!result.ok)
      return problem(reply, 422, 'Invalid resources', 'the set was refused; nothing changed', {
        errors: result.issues.filter((i) => i.severity === 'error').map(resourceField),
        warnings: result.issues.filter((i) => i.severity === 'warning').map(resourceField),
      });
    return {
      plan: result.plan,
      warnings: [...imported.issues.map(manifestField), ...result.issues.map(resourceField)],
      dataflows: result.dataflows,
    };
  });

  app.get('/v1/status', async () => ({
    startedAt,
    replica: environment.replica,
    localBroker: redactUrl(environment.localBrokerUrl),
    dataflows: runtime.status(),
  }));

  app.get('/metrics', async (_request, reply) => {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    const processLines = [
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${memory.rss}`,
      '# HELP process_cpu_seconds_total User and system CPU time spent in seconds.',
      '# TYPE process_cpu_seconds_total counter',
      `process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`,
    ];
    return reply
      .type('text/plain; version=0.0.4; charset=utf-8')
      .send(`${renderPrometheus(runtime.metricsOf())}${processLines.join('\n')}\n`);
  });

  app.get<{ Params: { name: string } }>('/v1/dataflows/:name/tap', (request, reply) => {
    const { name } = request.params;
    let unsubscribe: (() => void) | undefined;
    const listen = runtime.tap(name, (event) =>
      reply.raw.write(`event: message\ndata: ${JSON.stringify(event)}\n\n`),
    );
    if (!listen) return problem(reply, 404, 'Not found', `the runtime runs no dataflow named ${name}`);
    unsubscribe = listen;
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    reply.raw.write(': tap of sampled messages, at most 20 a second\n\n');
    // Proxies close idle streams; a comment every 15 s keeps this one open.
    const heartbeat = setInterval(() => reply.raw.write(': keep-alive\n\n'), 15_000);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe?.();
      unsubscribe = undefined;
    });
    return reply;
  });

  app.post<{ Querystring: { topic?: string } }>('/v1/endpoints/test', async (request) =>
    testEndpoint(request.body, environment, request.query.topic ? { topic: request.query.topic } : {}),
  );

  return app;
}

function manifestField(issue: ManifestIssue): ProblemField {
  return { path: issue.path, code: issue.code, message: issue.message };
}

function resourceField(issue: ResourceIssue): ProblemField {
  return {
    path: `/${issue.index}${issue.path}`,
    code: issue.code,
    message: issue.message,
    resource: `${issue.resource.kind}/${issue.resource.name}`,
  };
}
