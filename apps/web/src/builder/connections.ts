import {
  canBeDestination,
  canBeSource,
  canConnect,
  type DataflowEndpoint,
  type Dataflow,
  type Verdict,
} from '@flowplane/model';
import { endpointRefOf, type StageType } from './operations.ts';

export type DropVerdict = { ok: true } | { ok: false; reason: string };

const REFUSED = (reason: string): DropVerdict => ({ ok: false, reason });
const fromModel = (verdict: Verdict): DropVerdict => (verdict.ok ? verdict : REFUSED(verdict.reason));

/**
 * May this endpoint go into this stage? The model's connection rules (the API's) against the endpoint at
 * the other end, so an illegal dataflow is refused while dragging, with the rule's reason.
 */
export function dropVerdict(
  doc: Dataflow,
  stage: StageType,
  endpoint: DataflowEndpoint | undefined,
  endpoints: ReadonlyMap<string, DataflowEndpoint>,
): DropVerdict {
  if (endpoint === undefined) return REFUSED('That endpoint is not in this instance.');
  if (stage === 'BuiltInTransformation')
    return REFUSED('Endpoints go on the source or the destination; the transformation works on messages.');
  if (stage === 'Source') {
    const asSource = canBeSource(endpoint.spec);
    if (!asSource.ok) return fromModel(asSource);
    const destination = endpoints.get(endpointRefOf(doc, 'Destination') ?? '');
    return destination ? fromModel(canConnect(endpoint.spec, destination.spec)) : { ok: true };
  }
  const asDestination = canBeDestination(endpoint.spec);
  if (!asDestination.ok) return fromModel(asDestination);
  const source = endpoints.get(endpointRefOf(doc, 'Source') ?? '');
  return source ? fromModel(canConnect(source.spec, endpoint.spec)) : { ok: true };
}
