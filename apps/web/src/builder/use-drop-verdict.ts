import { createContext, useContext } from 'react';
import type { DataflowEndpoint } from '@flowplane/model';
import { dropVerdict, type DropVerdict } from './connections.ts';
import type { StageType } from './operations.ts';
import { useBuilder } from './store.ts';

/** The instance's endpoints by name, for the canvas's nodes. */
export const EndpointsContext = createContext<ReadonlyMap<string, DataflowEndpoint>>(new Map());

export function useDropVerdict(stage: StageType, endpoint: string | undefined): DropVerdict | undefined {
  const endpoints = useContext(EndpointsContext);
  const doc = useBuilder((s) => s.doc);
  if (endpoint === undefined) return undefined;
  return dropVerdict(doc, stage, endpoints.get(endpoint), endpoints);
}
