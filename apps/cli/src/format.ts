import { formatResourceKey, type Issue, type ResourceKey } from '@flowplane/model';

export interface ReportedIssue extends Issue {
  resource?: ResourceKey;
  file?: string;
  document?: number;
  line?: number;
  column?: number;
}

const useColor = (env: Record<string, string | undefined>) =>
  env.NO_COLOR === undefined && env.FORCE_COLOR !== undefined;

/** Issues grouped by resource (or by file for issues that belong to no resource), one line each. */
export function formatIssues(
  issues: readonly ReportedIssue[],
  env: Record<string, string | undefined> = {},
): string {
  const color = useColor(env);
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const groups = new Map<string, ReportedIssue[]>();
  for (const found of issues) {
    const document = found.document !== undefined ? `document ${found.document + 1}` : undefined;
    const title = found.resource
      ? `${formatResourceKey(found.resource)}${found.file !== undefined && document ? ` (${found.file}, ${document})` : ''}`
      : [found.file ?? 'input', document].filter(Boolean).join(', ');
    groups.set(title, [...(groups.get(title) ?? []), found]);
  }
  const lines: string[] = [];
  for (const [title, group] of groups) {
    lines.push(paint('1', title));
    for (const found of group) {
      const severity = found.severity === 'error' ? paint('31', 'error  ') : paint('33', 'warning');
      const position =
        found.line !== undefined
          ? ` line ${found.line}${found.column !== undefined ? `:${found.column}` : ''}`
          : '';
      lines.push(`  ${severity} ${found.path || '/'}${position}  ${found.message} [${found.code}]`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function summary(issues: readonly Issue[]): string {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
