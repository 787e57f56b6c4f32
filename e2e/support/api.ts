// The REST API as the tests use it to seed and to verify: through Playwright's request context, so calls
// show up in the report beside the browser's.
import { expect, type APIRequest, type APIRequestContext } from '@playwright/test';
import {
  API_VERSION,
  FLAVOURS,
  type Dataflow,
  type DataflowEndpoint,
  type DataflowProfile,
  type DataflowProfileSpec,
  type FlavourId,
  type Resource,
} from '@flowplane/model';

export interface EndpointList {
  items: DataflowEndpoint[];
  nextCursor: string | null;
}

export interface ResourceList<R extends Resource> {
  items: R[];
  nextCursor: string | null;
}

/** The URL segment of each kind under /api/v1/instances/{instance}/. */
export type Segment = 'endpoints' | 'profiles' | 'dataflows';

interface KindOfSegment {
  endpoints: DataflowEndpoint;
  profiles: DataflowProfile;
  dataflows: Dataflow;
}

export interface Revision<R extends Resource> {
  revision: number;
  operation: string;
  resource: R;
}

export type PlanAction = 'create' | 'update' | 'unchanged';

export interface ImportResult {
  dryRun: boolean;
  valid: boolean;
  plan: { kind: string; name: string; action: PlanAction; document: number }[];
  issues: { path: string; code: string; message: string; severity: string }[];
}

export type ExportFormat = 'kubernetes' | 'arm' | 'bicep';

/** What `GET …/{instance}/runtime` says about one deployed dataflow (the part the tests read). */
export interface RuntimeDataflow {
  name: string;
  state: 'starting' | 'running' | 'disabled' | 'failed';
  counters: { received: number; emitted: number; droppedByFilter: number; deadLettered: number };
}

export interface RuntimeStatus {
  instance: string;
  embedded: boolean;
  dataflows: RuntimeDataflow[];
}

/** A valid endpoint of a flavour (the flavour's gallery template), named `name`. */
export function endpointOf(name: string, flavour: FlavourId): DataflowEndpoint {
  const template = FLAVOURS.find((f) => f.id === flavour);
  if (template === undefined) throw new RangeError(`Unknown flavour ${flavour}`);
  return { apiVersion: API_VERSION, kind: 'DataflowEndpoint', metadata: { name }, spec: template.template() };
}

export function profileOf(name: string, spec: DataflowProfileSpec = { instanceCount: 1 }): DataflowProfile {
  return { apiVersion: API_VERSION, kind: 'DataflowProfile', metadata: { name }, spec };
}

/**
 * A valid dataflow (as apps/api's test-support builds one): reads MQTT topics from `source` (the local
 * broker `default` unless said otherwise) and writes to `destination`, in profile `profile`.
 */
export function dataflowOf(
  name: string,
  {
    destination,
    source = 'default',
    profile = 'default',
  }: { destination: string; source?: string; profile?: string },
): Dataflow {
  return {
    apiVersion: API_VERSION,
    kind: 'Dataflow',
    metadata: { name },
    spec: {
      profileRef: profile,
      operations: [
        {
          operationType: 'Source',
          sourceSettings: { endpointRef: source, dataSources: ['factory/+/temperature'] },
        },
        {
          operationType: 'Destination',
          destinationSettings: { endpointRef: destination, dataDestination: 'cloud/temperature' },
        },
      ],
    },
  };
}

/** A DNS-label name no other run or retry uses: `<prefix>-<time and random, base 36>`. */
export function uniqueName(prefix: string): string {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
  return `${prefix}-${suffix}`.slice(0, 39);
}

export class Api {
  readonly request: APIRequestContext;

  constructor(request: APIRequestContext) {
    this.request = request;
  }

  /**
   * For hooks that run outside a test (beforeAll, afterAll), where the `request` fixture does not exist: a
   * context of its own on the server under test, disposed after `work`.
   */
  static async use<T>(request: APIRequest, work: (api: Api) => Promise<T>): Promise<T> {
    const context = await request.newContext({ baseURL: process.env.FLOWPLANE_E2E_BASE_URL });
    try {
      return await work(new Api(context));
    } finally {
      await context.dispose();
    }
  }

  private path(instance: string, segment: Segment, name?: string): string {
    const base = `/api/v1/instances/${encodeURIComponent(instance)}/${segment}`;
    return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
  }

  async createInstance(name: string): Promise<void> {
    const response = await this.request.post('/api/v1/instances', { data: { name } });
    expect(response.status(), await response.text()).toBe(201);
  }

  async deleteInstance(name: string): Promise<void> {
    const response = await this.request.delete(`/api/v1/instances/${name}`, { params: { cascade: true } });
    expect([204, 404], await response.text()).toContain(response.status());
  }

  async createEndpoint(instance: string, endpoint: DataflowEndpoint): Promise<DataflowEndpoint> {
    return this.create(instance, 'endpoints', endpoint);
  }

  async listEndpoints(instance: string): Promise<EndpointList> {
    return this.list(instance, 'endpoints');
  }

  async getEndpoint(instance: string, name: string): Promise<DataflowEndpoint> {
    return this.get(instance, 'endpoints', name);
  }

  async create<S extends Segment>(
    instance: string,
    segment: S,
    resource: KindOfSegment[S],
  ): Promise<KindOfSegment[S]> {
    const response = await this.request.post(this.path(instance, segment), { data: resource });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as KindOfSegment[S];
  }

  /** Replaces a resource; `ifMatch` (a resourceVersion) makes it conditional, as a client that read it. */
  async replace<S extends Segment>(
    instance: string,
    segment: S,
    resource: KindOfSegment[S],
    ifMatch?: string,
  ): Promise<KindOfSegment[S]> {
    const response = await this.request.put(this.path(instance, segment, resource.metadata.name), {
      data: resource,
      headers: ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` },
    });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as KindOfSegment[S];
  }

  async get<S extends Segment>(instance: string, segment: S, name: string): Promise<KindOfSegment[S]> {
    const response = await this.request.get(this.path(instance, segment, name));
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as KindOfSegment[S];
  }

  /** The HTTP status of GET on a resource: 200 when it exists, 404 when not. */
  async status(instance: string, segment: Segment, name: string): Promise<number> {
    return (await this.request.get(this.path(instance, segment, name))).status();
  }

  async list<S extends Segment>(instance: string, segment: S): Promise<ResourceList<KindOfSegment[S]>> {
    const response = await this.request.get(this.path(instance, segment), { params: { limit: 1000 } });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as ResourceList<KindOfSegment[S]>;
  }

  /** Names of the resources of a kind, sorted. */
  async names(instance: string, segment: Segment): Promise<string[]> {
    return (await this.list(instance, segment)).items.map((r) => r.metadata.name).sort();
  }

  /** DELETE without asking the portal; returns the response (status and problem body). */
  async remove(instance: string, segment: Segment, name: string): Promise<{ status: number; body: unknown }> {
    const response = await this.request.delete(this.path(instance, segment, name));
    const text = await response.text();
    return { status: response.status(), body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  async revision<S extends Segment>(
    instance: string,
    segment: S,
    name: string,
    revision: number,
  ): Promise<Revision<KindOfSegment[S]>> {
    const response = await this.request.get(`${this.path(instance, segment, name)}/revisions/${revision}`);
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as Revision<KindOfSegment[S]>;
  }

  /** The status of the runtime that serves the instance (a server with FLOWPLANE_RUNTIME=embedded). */
  async runtime(instance: string): Promise<RuntimeStatus> {
    const response = await this.request.get(`/api/v1/instances/${encodeURIComponent(instance)}/runtime`);
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as RuntimeStatus;
  }

  /** POST …/import with manifest text (YAML or ARM JSON, told apart as the portal does). */
  async importText(
    instance: string,
    text: string,
    options: { dryRun?: boolean } = {},
  ): Promise<ImportResult> {
    const json = ['{', '['].includes(text.trimStart()[0] ?? '');
    const response = await this.request.post(`/api/v1/instances/${encodeURIComponent(instance)}/import`, {
      data: text,
      params: options.dryRun === true ? { dryRun: true } : {},
      headers: { 'content-type': json ? 'application/json' : 'application/yaml' },
    });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as ImportResult;
  }
}

type WorkerHook = (args: { playwright: { request: APIRequest } }) => Promise<void>;

/** The hooks of a spec file's `test` that `sharedInstance` needs. */
export interface FileHooks {
  beforeAll(hook: WorkerHook): void;
  afterAll(hook: WorkerHook): void;
}

/**
 * One instance for all the tests of a spec file whose tests do not get in each other's way (each writes
 * resources of its own names): created before the first test, deleted after the last. Returns its name
 * (known once the hook ran; a worker restarted after a failure makes a new one).
 */
export function sharedInstance(test: FileHooks, prefix: string): () => string {
  let name: string | undefined;
  test.beforeAll(async ({ playwright }) => {
    name = uniqueName(prefix);
    const created = name;
    await Api.use(playwright.request, (api) => api.createInstance(created));
  });
  test.afterAll(async ({ playwright }) => {
    const created = name;
    if (created !== undefined) await Api.use(playwright.request, (api) => api.deleteInstance(created));
  });
  return () => {
    if (name === undefined) throw new Error('sharedInstance: the instance exists only inside tests.');
    return name;
  };
}
