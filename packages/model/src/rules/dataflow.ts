import { OPERATION_SETTINGS_KEY, OPERATION_TYPES, type OperationType } from '../schema/dataflow.ts';
import { issue, pointer, type Issue } from '../issues.ts';
import { arr, obj, str } from './access.ts';

/** One stage of a dataflow as the validator sees it: its settings and where they are. */
export interface Stage {
  type: OperationType;
  index: number;
  /** JSON pointer of the settings block. */
  path: string;
  settings: Record<string, unknown>;
}

export interface Stages {
  sources: Stage[];
  transformations: Stage[];
  destinations: Stage[];
}

const STAGE_LIST = {
  Source: 'sources',
  BuiltInTransformation: 'transformations',
  Destination: 'destinations',
} as const satisfies Record<OperationType, keyof Stages>;

/**
 * The stages a dataflow defines. An operation that carries settings of other operation types (the
 * API accepts that; its MaximumSet example does it) contributes those stages too, so such a payload
 * is judged by what it would do rather than rejected for its shape.
 */
export function stagesOf(spec: unknown): Stages {
  const stages: Stages = { sources: [], transformations: [], destinations: [] };
  arr(obj(spec)?.operations).forEach((operation, index) => {
    const op = obj(operation);
    if (!op) return;
    for (const type of OPERATION_TYPES) {
      const key = OPERATION_SETTINGS_KEY[type];
      const settings = obj(op[key]);
      if (settings)
        stages[STAGE_LIST[type]].push({
          type,
          index,
          path: pointer('spec', 'operations', index, key),
          settings,
        });
    }
  });
  return stages;
}

const RANK: Record<OperationType, number> = { Source: 0, BuiltInTransformation: 1, Destination: 2 };
const isOperationType = (v: string | undefined): v is OperationType =>
  v !== undefined && (OPERATION_TYPES as readonly string[]).includes(v);

const SCHEMA_REF = /^aio-sr:\/\/([^/\s:]+\/)?[^/\s:]+:[^/\s:]+$/;

/** Layer 2 for dataflows: operation count and order, settings blocks, rule shapes. */
export function dataflowRules(doc: Record<string, unknown>): Issue[] {
  const spec = obj(doc.spec);
  if (!spec || !Array.isArray(spec.operations)) return [];
  const issues: Issue[] = [];
  const operations = spec.operations;

  let previousRank = -1;
  operations.forEach((operation, index) => {
    const op = obj(operation);
    const type = str(op?.operationType);
    if (!op || !isOperationType(type)) return;
    const ownKey = OPERATION_SETTINGS_KEY[type];
    if (!obj(op[ownKey])) {
      issues.push(
        issue(
          'dataflow.operation.settings.missing',
          pointer('spec', 'operations', index, ownKey),
          `A ${type} operation needs "${ownKey}".`,
        ),
      );
    }
    for (const other of OPERATION_TYPES) {
      const key = OPERATION_SETTINGS_KEY[other];
      if (other !== type && op[key] !== undefined) {
        issues.push(
          issue(
            'dataflow.operation.settings.unexpected',
            pointer('spec', 'operations', index, key),
            `A ${type} operation carries "${key}"; give the ${other} stage its own operation.`,
          ),
        );
      }
    }
    if (RANK[type] < previousRank) {
      issues.push(
        issue(
          'dataflow.operations.order',
          pointer('spec', 'operations', index, 'operationType'),
          `${type} comes after a later stage; operations run Source, BuiltInTransformation, Destination.`,
        ),
      );
    }
    previousRank = Math.max(previousRank, RANK[type]);
  });

  const stages = stagesOf(spec);
  if (stages.sources.length !== 1) {
    issues.push(
      issue(
        'dataflow.operations.source.count',
        stages.sources.length > 1
          ? pointer('spec', 'operations', stages.sources[1]!.index)
          : '/spec/operations',
        `A dataflow has exactly one Source operation; found ${stages.sources.length}.`,
      ),
    );
  }
  if (stages.destinations.length !== 1) {
    issues.push(
      issue(
        'dataflow.operations.destination.count',
        stages.destinations.length > 1
          ? pointer('spec', 'operations', stages.destinations[1]!.index)
          : '/spec/operations',
        `A dataflow has exactly one Destination operation; found ${stages.destinations.length}.`,
      ),
    );
  }
  if (stages.transformations.length > 1) {
    issues.push(
      issue(
        'dataflow.operations.transformation.count',
        pointer('spec', 'operations', stages.transformations[1]!.index),
        `A dataflow has at most one BuiltInTransformation; found ${stages.transformations.length}.`,
      ),
    );
  }

  for (const source of stages.sources)
    issues.push(...schemaRefRule(source.settings.schemaRef, `${source.path}/schemaRef`));
  for (const transformation of stages.transformations) issues.push(...transformationRules(transformation));
  for (const destination of stages.destinations) issues.push(...headerRules(destination));
  return issues;
}

function schemaRefRule(value: unknown, path: string): Issue[] {
  const ref = str(value);
  if (ref === undefined || SCHEMA_REF.test(ref)) return [];
  return [
    issue(
      'schemaRef.format',
      path,
      `${JSON.stringify(ref)} is not a schema registry reference aio-sr://[namespace/]name:version.`,
    ),
  ];
}

function transformationRules(stage: Stage): Issue[] {
  const issues = schemaRefRule(stage.settings.schemaRef, `${stage.path}/schemaRef`);
  arr(stage.settings.datasets).forEach((dataset, i) => {
    issues.push(...schemaRefRule(obj(dataset)?.schemaRef, `${stage.path}/datasets/${i}/schemaRef`));
  });
  arr(stage.settings.map).forEach((entry, i) => {
    const rule = obj(entry);
    if (!rule || !Array.isArray(rule.inputs)) return;
    const expression = str(rule.expression)?.trim();
    const removes = rule.output === '';
    if (!removes && rule.inputs.length !== 1 && !expression) {
      issues.push(
        issue(
          'dataflow.map.expression.required',
          `${stage.path}/map/${i}/expression`,
          rule.inputs.length === 0
            ? 'A rule without inputs writes a constant: give it an expression.'
            : 'A rule with several inputs needs an expression combining $1, $2, ...',
        ),
      );
    }
  });
  return issues;
}

function headerRules(stage: Stage): Issue[] {
  const issues: Issue[] = [];
  arr(stage.settings.headers).forEach((entry, i) => {
    const header = obj(entry);
    const action = str(header?.actionType);
    if (!header || !action) return;
    if (action === 'Remove' && header.value !== undefined) {
      issues.push(
        issue(
          'dataflow.header.value.unexpected',
          `${stage.path}/headers/${i}/value`,
          'Remove takes only a key.',
        ),
      );
    }
    if (action !== 'Remove' && header.value === undefined) {
      issues.push(
        issue(
          'dataflow.header.value.required',
          `${stage.path}/headers/${i}/value`,
          `${action} needs a value.`,
        ),
      );
    }
  });
  return issues;
}
