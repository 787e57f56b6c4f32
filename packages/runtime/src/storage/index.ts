export { parseSchemaRef, loadSchema, formatSchemaRef, schemaFilePath } from './schema.ts';
export type { RecordSchema, RecordColumn, ColumnType, SchemaRef, SchemaRefParse } from './schema.ts';
export { rowSerializer } from './rows.ts';
export type { Row, RowResult, RowSerializer } from './rows.ts';
