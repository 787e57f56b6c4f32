import { resourceRoutes } from '../resource-routes.ts';

/** /api/v1/instances/:instance/endpoints */
export default resourceRoutes('DataflowEndpoint');
