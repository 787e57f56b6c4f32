import { resourceRoutes } from '../resource-routes.ts';

/** /api/v1/instances/:instance/dataflows */
export default resourceRoutes('Dataflow');
