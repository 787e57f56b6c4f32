import { importManifests, type ImportedDocument } from '@flowplane/manifests';
import type { Issue, ManifestIssue } from '@flowplane/model';
import type { CliIo } from './io.ts';

/** A resource read from one of the input files. */
export interface LoadedDocument extends ImportedDocument {
  file: string;
}

export interface LoadedIssue extends ManifestIssue {
  file: string;
}

export interface Loaded {
  documents: LoadedDocument[];
  issues: LoadedIssue[];
  /** Files that could not be read at all. */
  unreadable: { file: string; reason: string }[];
}

/** Reads every `-f` input (`-` is stdin) and imports the manifests it holds. */
export async function loadFiles(files: readonly string[], io: CliIo): Promise<Loaded> {
  const loaded: Loaded = { documents: [], issues: [], unreadable: [] };
  for (const file of files) {
    let text: string;
    try {
      text = file === '-' ? await io.readStdin() : await io.readFile(file);
    } catch (error) {
      loaded.unreadable.push({ file, reason: describeReadError(error) });
      continue;
    }
    const name = file === '-' ? '<stdin>' : file;
    const result = importManifests(text, { filename: name });
    loaded.documents.push(...result.documents.map((d) => ({ ...d, file: name })));
    loaded.issues.push(...result.issues.map((i) => ({ ...i, file: name })));
  }
  return loaded;
}

function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** Files that could not be read, as issues beside the manifests' own (document and line unknown). */
export function unreadableIssues(loaded: Loaded): (Issue & { file: string })[] {
  return loaded.unreadable.map(({ file, reason }) => ({
    file,
    path: '',
    code: 'manifest.syntax',
    severity: 'error',
    message: `Cannot read ${file}: ${reason}.`,
  }));
}
