import { LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import { issue, type Issue } from '@flowplane/model';
import { NotPlainJsonError, toPlainJson } from './json.ts';
import { yamlLocator, type Locate, type Position } from './source-map.ts';

/** One document of the input text: its data, or why it could not be read. */
export type ParsedDocument =
  { ok: true; value: unknown; locate?: Locate } | { ok: false; issue: Issue; position?: Position };

export type TextSyntax = 'yaml' | 'json' | 'auto';

/**
 * The non-empty documents of a text. JSON is read with JSON.parse (and located with the YAML parser,
 * which reads JSON too); YAML, and JSON that JSON.parse rejects, with the YAML parser, whose errors
 * carry line and column.
 */
export function parseText(text: string, syntax: TextSyntax): ParsedDocument[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const looksJson = syntax === 'json' || (syntax === 'auto' && /^\s*[[{]/.test(source));
  if (looksJson) {
    const json = parseJson(source);
    if (json) return json;
  }
  return parseYaml(source);
}

function parseJson(text: string): ParsedDocument[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const locate = doc.errors.length === 0 ? yamlLocator(doc, lineCounter) : undefined;
  return [plain(value, locate)];
}

function parseYaml(text: string): ParsedDocument[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter });
  const out: ParsedDocument[] = [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const [start] = error.linePos ?? [];
      out.push({
        ok: false,
        issue: issue('manifest.syntax', '', syntaxMessage(error.message)),
        ...(start ? { position: { line: start.line, column: start.col } } : {}),
      });
      continue;
    }
    const locate = yamlLocator(doc, lineCounter);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      const { line, col } = lineCounter.linePos(doc.range[0]);
      out.push({
        ok: false,
        issue: issue('manifest.syntax', '', `The YAML cannot be read: ${messageOf(e)}.`),
        position: { line, column: col },
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    out.push(plain(value, locate));
  }
  return out;
}

function plain(value: unknown, locate: Locate | undefined): ParsedDocument {
  try {
    return { ok: true, value: toPlainJson(value), ...(locate ? { locate } : {}) };
  } catch (e) {
    if (!(e instanceof NotPlainJsonError)) throw e;
    return { ok: false, issue: issue('manifest.syntax', '', `The document cannot be read: ${e.message}.`) };
  }
}

/** The parser's first line without its trailing " at line L, column C:" (line and column go in fields). */
function syntaxMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '').trim() || 'The YAML cannot be parsed';
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/\.$/, '');
}
