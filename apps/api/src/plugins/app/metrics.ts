import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics: requests by route and status, a latency histogram, and the process defaults. */
async function metricsPlugin(app: FastifyInstance) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({
    name: 'flowplane_http_requests_total',
    help: 'HTTP requests by method, route and status code.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'flowplane_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status code.',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'flowplane_change_feed_up',
    help: 'Whether the database change feed is listening (1): cached list pages then cost no query.',
    registers: [registry],
    collect() {
      // Registered before the services plugin; read when scraped.
      this.set(app.hasDecorator('instanceStamps') && app.instanceStamps.live ? 1 : 0);
    },
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL: label values stay few whatever the URLs are.
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status_code: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });
  app.get(
    '/metrics',
    { schema: { tags: ['operations'], summary: 'Prometheus metrics', produces: ['text/plain'] } },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
}

export default fp(metricsPlugin, { name: 'metrics' });
