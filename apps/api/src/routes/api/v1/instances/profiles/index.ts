import { resourceRoutes } from '../resource-routes.ts';

/** /api/v1/instances/:instance/profiles */
export default resourceRoutes('DataflowProfile');
