import { request, segment } from './request.ts';

/** What the runtime did with one dataflow of a deployment (the API's RuntimePlanEntrySchema). */
export interface DeployPlanEntry {
  kind: string;
  name: string;
  action: string;
  reason?: string;
}

export interface DeployResult {
  deployment: { id: string; outcome: string };
  plan: DeployPlanEntry[];
  warnings: { path: string; code: string; message: string }[];
}

/** Sends the instance's stored resources (never drafts) to its runtime; a refused set changes nothing. */
export function deployInstance(instance: string) {
  return request<DeployResult>(`/instances/${segment(instance)}/deploy`, { method: 'POST' });
}
