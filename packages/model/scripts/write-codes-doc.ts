import { writeFileSync } from 'node:fs';
import { renderIssueCodesMarkdown } from '../src/codes-doc.ts';

const target = new URL('../../../docs/validation-codes.md', import.meta.url);
writeFileSync(target, renderIssueCodesMarkdown());
console.log(`wrote ${target.pathname}`);
