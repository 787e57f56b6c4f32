import { resourceRoutes } from '../resource-routes.ts';

/** /api/v1/instances/:instance/graphs */
export default resourceRoutes('DataflowGraph');
