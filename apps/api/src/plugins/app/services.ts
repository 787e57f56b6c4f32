import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { createBundleService, type BundleService } from '../../services/bundles.ts';
import {
  createDeploymentService,
  type DeploymentService,
  type RuntimeTarget,
} from '../../services/deployments.ts';
import { createInstanceService, type InstanceService } from '../../services/instances.ts';
import { createResourceService, type ResourceService } from '../../services/resources.ts';

export interface Services {
  instances: InstanceService;
  resources: ResourceService;
  bundles: BundleService;
  deployments: DeploymentService;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    services: Services;
  }
}

/**
 * Repositories and services over one Prisma client (owned by whoever created it: server.ts or a test), and
 * the runtime deployments go to (likewise).
 */
async function servicesPlugin(app: FastifyInstance, options: { db: Db; runtime: RuntimeTarget | undefined }) {
  app.decorate('db', options.db);
  app.decorate('services', {
    instances: createInstanceService(options.db),
    resources: createResourceService(options.db),
    bundles: createBundleService(options.db),
    deployments: createDeploymentService(options.db, options.runtime),
  });
}

export default fp(servicesPlugin, { name: 'services' });
