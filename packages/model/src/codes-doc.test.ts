import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderIssueCodesMarkdown } from './codes-doc.ts';
import { ISSUE_CODES } from './issues.ts';

describe('validation codes documentation', () => {
  it('docs/validation-codes.md is up to date (regenerate with pnpm --filter @flowplane/model docs:codes)', () => {
    const onDisk = readFileSync(new URL('../../../docs/validation-codes.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderIssueCodesMarkdown());
  });

  it('lists every code', () => {
    const doc = renderIssueCodesMarkdown();
    for (const code of Object.keys(ISSUE_CODES)) expect(doc).toContain(`\`${code}\``);
  });
});
