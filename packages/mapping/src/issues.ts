import { isRecord, stagesOf, type Issue } from '@flowplane/model';
import { validateTransformation } from './compile.ts';
import type { CompileIssue, TransformationSettings } from './types.ts';

/** Compile issues of one transformation as model issues, with paths into the resource at `settingsPath`. */
export function compileIssuesToIssues(issues: readonly CompileIssue[], settingsPath: string): Issue[] {
  return issues.map((found) => ({
    path: `${settingsPath}${found.pointer}`,
    code: 'transformation.invalid',
    severity: 'error',
    message: `${found.message}${found.column !== undefined && found.text !== undefined ? ` (column ${found.column} of ${JSON.stringify(found.text)})` : ''}`,
  }));
}

/**
 * What the model's rules cannot know: whether each dataset, filter and map rule of a dataflow compiles.
 * The API and `flowplane validate` both ask here, so they give the same verdicts and paths.
 */
export function transformationIssues(resource: unknown): Issue[] {
  if (!isRecord(resource) || resource.kind !== 'Dataflow') return [];
  return stagesOf(resource.spec).transformations.flatMap((stage) =>
    // The compiler checks every field itself; settings the schema rejects are reported there too.
    compileIssuesToIssues(validateTransformation(stage.settings as TransformationSettings), stage.path),
  );
}
