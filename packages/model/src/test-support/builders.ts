import { API_VERSION } from '../schema/common.ts';
import { decodePointer } from '../json-pointer.ts';
import { flavourById, type FlavourId } from '../flavours.ts';

type Json = Record<string, unknown>;

export function endpoint(name: string, spec: unknown): Json {
  return { apiVersion: API_VERSION, kind: 'DataflowEndpoint', metadata: { name }, spec };
}

export function fromFlavour(id: FlavourId, name = `ep-${id}`): Json {
  return endpoint(name, flavourById(id).template());
}

export function profile(name: string, spec: unknown = {}): Json {
  return { apiVersion: API_VERSION, kind: 'DataflowProfile', metadata: { name }, spec };
}

export interface DataflowParts {
  name?: string;
  profileRef?: string;
  source?: string;
  dataSources?: string[];
  destination?: string;
  dataDestination?: string;
  transformation?: Json;
}

export function dataflow(parts: DataflowParts = {}): Json {
  const operations: Json[] = [
    {
      operationType: 'Source',
      sourceSettings: {
        endpointRef: parts.source ?? 'default',
        dataSources: parts.dataSources ?? ['factory/+/telemetry'],
      },
    },
  ];
  if (parts.transformation) {
    operations.push({
      operationType: 'BuiltInTransformation',
      builtInTransformationSettings: parts.transformation,
    });
  }
  operations.push({
    operationType: 'Destination',
    destinationSettings: {
      endpointRef: parts.destination ?? 'default',
      dataDestination: parts.dataDestination ?? 'factory/out',
    },
  });
  return {
    apiVersion: API_VERSION,
    kind: 'Dataflow',
    metadata: { name: parts.name ?? 'flow-1' },
    spec: { profileRef: parts.profileRef ?? 'default', operations },
  };
}

/** A deep copy of `doc` with the value at `path` replaced (`undefined` deletes it). */
export function withValue(doc: Json, path: string, value: unknown): Json {
  const copy = structuredClone(doc);
  const segments = decodePointer(path);
  const last = segments.pop()!;
  let parent: Record<string, unknown> | unknown[] = copy;
  for (const segment of segments) {
    const next: unknown = Array.isArray(parent) ? parent[Number(segment)] : parent[segment];
    if (typeof next !== 'object' || next === null) {
      const created: Record<string, unknown> = {};
      if (Array.isArray(parent)) parent[Number(segment)] = created;
      else parent[segment] = created;
      parent = created;
    } else {
      parent = next as Record<string, unknown>;
    }
  }
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(Number(last), 1);
    else parent[Number(last)] = value;
  } else if (value === undefined) {
    delete parent[last];
  } else {
    parent[last] = value;
  }
  return copy;
}

/** Apply several edits in order. */
export function edit(doc: Json, edits: Record<string, unknown>): Json {
  return Object.entries(edits).reduce((d, [path, value]) => withValue(d, path, value), doc);
}
