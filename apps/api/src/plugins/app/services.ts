import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { createBundleService, type BundleService } from '../../services/bundles.ts';
import { createInstanceService, type InstanceService } from '../../services/instances.ts';
import { createResourceService, type ResourceService } from '../../services/resources.ts';

export interface Services {
  instances: InstanceService;
  resources: ResourceService;
  bundles: BundleService;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    services: Services;
  }
}

/** Repositories and services over one Prisma client (owned by whoever created it: server.ts or a test). */
async function servicesPlugin(app: FastifyInstance, options: { db: Db }) {
  app.decorate('db', options.db);
  app.decorate('services', {
    instances: createInstanceService(options.db),
    resources: createResourceService(options.db),
    bundles: createBundleService(options.db),
  });
}

export default fp(servicesPlugin, { name: 'services' });
