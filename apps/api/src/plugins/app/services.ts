import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { sqlPool, type Db } from '../../db/client.ts';
import { createInstanceStamps, type InstanceStamps } from '../../db/instance-stamps.ts';
import { instanceWithStamp } from '../../repositories/resources.ts';
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
    /** Instance change stamps in memory, kept current by the database's change notifications. */
    instanceStamps: InstanceStamps;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Repositories and services over one Prisma client (owned by whoever created it: server.ts or a test), and
 * the runtime deployments go to (likewise).
 */
async function servicesPlugin(app: FastifyInstance, options: { db: Db; runtime: RuntimeTarget | undefined }) {
  const { db } = options;
  const stamps = createInstanceStamps({
    connectionString: String(sqlPool(db).options.connectionString),
    read: (name) => instanceWithStamp(db, name),
    onError: (error) => app.log.warn({ err: error }, 'change feed lost; list pages read stamps again'),
  });
  // A write's own client must see it in the next read, before the database's notification arrives.
  app.addHook('onSend', async (request) => {
    if (!SAFE_METHODS.has(request.method)) stamps.forget();
  });
  app.addHook('onClose', () => stamps.close());
  app.decorate('db', db);
  app.decorate('instanceStamps', stamps);
  app.decorate('services', {
    instances: createInstanceService(db, options.runtime),
    resources: createResourceService(db, stamps),
    bundles: createBundleService(db, stamps),
    deployments: createDeploymentService(db, options.runtime),
  });
}

export default fp(servicesPlugin, { name: 'services' });
