export { compileTransformation, validateTransformation } from './compile.ts';
export { parseDatasetKey, parseDatasetRecords } from './datasets.ts';
export { FILTER_TRUE_DROPS } from './decisions.ts';
export { MappingCompileError, MappingError, MappingSyntaxError } from './errors.ts';
export { type ExpressionResult, evaluateExpression, stringifyJson } from './evaluate.ts';
export { FUNCTION_NAMES } from './functions.ts';
export { type Expr, type Literal, parseExpression } from './parser.ts';
export {
  type FieldRef,
  type MetadataField,
  type ParsedPath,
  type PathRoot,
  formatPath,
  parseFieldRef,
  parsePath,
} from './path.ts';
export {
  type TopicResolution,
  compileDestinationTopic,
  resolveDestinationTopic,
  stripSharedSubscription,
} from './topic.ts';
export type * from './types.ts';
export type { ValueTypeName } from './values.ts';
export { compileIssuesToIssues, transformationIssues } from './issues.ts';
export { jsonDiff } from './json-diff.ts';
export {
  TEST_CASES_ANNOTATION,
  type TestCase,
  checkExpectation,
  describeResult,
  jsonEqual,
  parseTestCases,
  testCasesOf,
} from './test-cases.ts';
