import { validateTransformation, type TransformationSettings } from '@flowplane/mapping';
import { isRecord, stagesOf, type Issue } from '@flowplane/model';

/**
 * What the model's rules cannot know: whether each map, filter and dataset rule of a dataflow compiles
 * (paths, expressions, functions). Answered by the mapping engine, the compiler the runtime and the
 * builder's preview use, with the same code and paths as `flowplane validate`.
 */
export function transformationIssues(resource: unknown): Issue[] {
  if (!isRecord(resource) || resource.kind !== 'Dataflow') return [];
  return stagesOf(resource.spec).transformations.flatMap((stage) =>
    // The compiler checks every field itself; settings the schema rejects are reported there.
    validateTransformation(stage.settings as TransformationSettings).map((found): Issue => ({
      path: `${stage.path}${found.pointer}`,
      code: 'transformation.invalid',
      severity: 'error',
      message: `${found.message}${found.column !== undefined && found.text !== undefined ? ` (column ${found.column} of ${JSON.stringify(found.text)})` : ''}`,
    })),
  );
}
