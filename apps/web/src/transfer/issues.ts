import type { ResourceKey } from '@flowplane/model';
import type { BundleIssue, PlanEntry } from '../api/transfer.ts';
import { plural } from '../overview/resources.ts';

/** Issues about one resource (or one document of submitted text, or the text as a whole). */
export interface IssueGroup {
  key: string;
  resource: ResourceKey | undefined;
  document: number | undefined;
  issues: BundleIssue[];
}

export const isError = (issue: BundleIssue) => issue.severity !== 'warning';

/** Rewrites on the way in (v1beta1 fields, enum case, ...): warnings of the import layer. */
export const isTranslation = (issue: BundleIssue) =>
  issue.code.startsWith('manifest.') && issue.severity === 'warning';

/**
 * Groups issues by where they are: a submitted document (named by the plan, else by the issue), else a
 * resource (a stored one the submission affects), else the text as a whole.
 */
export function groupIssues(issues: readonly BundleIssue[], plan: readonly PlanEntry[] = []): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const issue of issues) {
    const entry = plan.find((p) => p.document === issue.document);
    const resource = entry ? { kind: entry.kind, name: entry.name } : issue.resource;
    const key =
      issue.document !== undefined
        ? `document:${issue.document}`
        : resource
          ? `resource:${resource.kind}/${resource.name}`
          : 'text';
    const group = groups.get(key) ?? { key, resource, document: issue.document, issues: [] };
    group.resource ??= resource;
    group.issues.push(issue);
    groups.set(key, group);
  }
  // Documents in the order of the text, then the stored resources and the text as a whole.
  const order = (group: IssueGroup) => group.document ?? Number.MAX_SAFE_INTEGER;
  return [...groups.values()].sort((a, b) => order(a) - order(b));
}

/** "2 errors, 1 warning", or undefined when there is nothing. */
export function countsText(issues: readonly BundleIssue[]): string | undefined {
  const errors = issues.filter(isError).length;
  const warnings = issues.length - errors;
  const parts = [];
  if (errors > 0) parts.push(plural(errors, 'error'));
  if (warnings > 0) parts.push(plural(warnings, 'warning'));
  return parts.length === 0 ? undefined : parts.join(', ');
}
