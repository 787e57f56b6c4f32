import { ISSUE_CODES } from './issues.ts';

const LAYER_TITLES = {
  schema: 'Layer 1: schema',
  resource: 'Layer 2: resource rules',
  instance: 'Layer 3: across an instance',
  import: 'Reading manifests',
  export: 'Exporting to an ARM API version',
} as const;

/** The validation codes as a Markdown document (docs/validation-codes.md is generated from it). */
export function renderIssueCodesMarkdown(): string {
  const lines = [
    '# Validation codes',
    '',
    '<!-- Generated from packages/model/src/issues.ts by `pnpm --filter @flowplane/model docs:codes`; do not edit. -->',
    '',
    'Every issue Flowplane reports has a stable `code`, a `severity` (`error` blocks saving and deploying;',
    '`warning` works but hurts), a `path` (a JSON pointer into the resource) and a message.',
  ];
  for (const [layer, title] of Object.entries(LAYER_TITLES)) {
    lines.push('', `## ${title}`, '', '| code | severity | meaning |', '|---|---|---|');
    for (const [code, info] of Object.entries(ISSUE_CODES)) {
      if (info.layer === layer)
        lines.push(`| \`${code}\` | ${info.severity} | ${info.summary.replaceAll('|', '\\|')} |`);
    }
  }
  return lines.join('\n') + '\n';
}
