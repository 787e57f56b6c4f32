// The REST API as the tests use it to seed and to verify: through Playwright's request context, so calls
// show up in the report beside the browser's.
import { expect, type APIRequestContext } from '@playwright/test';
import { API_VERSION, FLAVOURS, type DataflowEndpoint, type FlavourId } from '@flowplane/model';

export interface EndpointList {
  items: DataflowEndpoint[];
  nextCursor: string | null;
}

/** A valid endpoint of a flavour (the flavour's gallery template), named `name`. */
export function endpointOf(name: string, flavour: FlavourId): DataflowEndpoint {
  const template = FLAVOURS.find((f) => f.id === flavour);
  if (template === undefined) throw new RangeError(`Unknown flavour ${flavour}`);
  return { apiVersion: API_VERSION, kind: 'DataflowEndpoint', metadata: { name }, spec: template.template() };
}

export class Api {
  readonly request: APIRequestContext;

  constructor(request: APIRequestContext) {
    this.request = request;
  }

  async createInstance(name: string): Promise<void> {
    const response = await this.request.post('/api/v1/instances', { data: { name } });
    expect(response.status(), await response.text()).toBe(201);
  }

  async deleteInstance(name: string): Promise<void> {
    const response = await this.request.delete(`/api/v1/instances/${name}`, { params: { cascade: true } });
    expect([204, 404], await response.text()).toContain(response.status());
  }

  async createEndpoint(instance: string, endpoint: DataflowEndpoint): Promise<void> {
    const response = await this.request.post(`/api/v1/instances/${instance}/endpoints`, { data: endpoint });
    expect(response.status(), await response.text()).toBe(201);
  }

  async listEndpoints(instance: string): Promise<EndpointList> {
    const response = await this.request.get(`/api/v1/instances/${instance}/endpoints`, {
      params: { limit: 1000 },
    });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as EndpointList;
  }
}
