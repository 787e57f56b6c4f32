/**
 * Settings of a dataflow's built-in transformation (`builtInTransformationSettings`, spec §2.3).
 * Declared structurally (the model's schema type is a superset) so the engine compiles any settings; the fields are
 * typed loosely (`unknown` where YAML may put anything) because validation happens at compile time.
 */
export interface TransformationSettings {
  readonly serializationFormat?: string;
  readonly schemaRef?: string;
  readonly datasets?: readonly DatasetSpec[];
  readonly filter?: readonly FilterRuleSpec[];
  readonly map?: readonly MapRuleSpec[];
}

/** A dataset (enrichment) entry: `key` may be `"<state store key> as <alias>"`. */
export interface DatasetSpec {
  readonly key: string;
  readonly inputs: readonly string[];
  readonly expression?: string;
  readonly description?: string;
  readonly schemaRef?: string;
}

export interface FilterRuleSpec {
  readonly type?: string;
  readonly description?: string;
  readonly inputs: readonly string[];
  readonly expression: string;
}

export interface MapRuleSpec {
  readonly type?: string;
  readonly description?: string;
  readonly inputs: readonly string[];
  readonly expression?: string;
  readonly output: string;
}

/** Key/value pairs as MQTT user properties or Kafka headers; duplicate keys are allowed in the array form. */
export type PropertyList = readonly (readonly [string, string])[] | Readonly<Record<string, string>>;

export interface MessageMetadata {
  /** Topic the message was published on (MQTT) or the Kafka topic. */
  readonly topic?: string;
  /** MQTT v5 user properties (`$metadata.user_property.<key>`). */
  readonly userProperties?: PropertyList;
  /** MQTT system properties by name, e.g. `content_type` (`$metadata.system_property.<key>`). */
  readonly systemProperties?: Readonly<Record<string, string>>;
  /** Kafka headers (`$metadata.header.<key>`). */
  readonly headers?: PropertyList;
}

/** One message: a parsed JSON payload and its transport metadata. */
export interface Message {
  readonly payload: unknown;
  readonly metadata?: MessageMetadata;
}

/** Returns the records stored under a state-store key, or `undefined` when the key is absent. */
export type DatasetLookup = (key: string) => readonly unknown[] | undefined;

export type Stage = 'datasets' | 'filter' | 'map';

/** A rule that failed softly (a missing input): the message went on, the rule's effect was skipped. */
export interface RuleWarning {
  readonly stage: Stage;
  readonly rule: number;
  readonly path?: string;
  readonly reason: string;
}

export type TransformResult =
  | { readonly kind: 'emit'; readonly message: Message; readonly warnings?: readonly RuleWarning[] }
  | { readonly kind: 'drop'; readonly rule: number; readonly warnings?: readonly RuleWarning[] }
  | {
      readonly kind: 'error';
      readonly stage: Stage;
      readonly rule: number;
      readonly path?: string;
      readonly reason: string;
      readonly warnings?: readonly RuleWarning[];
    };

export interface DatasetTrace {
  readonly dataset: number;
  readonly alias: string;
  readonly key: string;
  /** Index of the first matching record, absent when nothing matched. */
  readonly matchedRecord?: number;
  readonly record?: unknown;
}

export type FilterVerdict = 'true' | 'false' | 'skipped' | 'missing' | 'error';

export interface FilterRuleTrace {
  readonly rule: number;
  readonly verdict: FilterVerdict;
  readonly reason?: string;
}

export interface FilterTrace {
  readonly rules: readonly FilterRuleTrace[];
  /** Index of the rule that dropped the message, if any. */
  readonly droppedBy?: number;
}

export type MapEffect =
  | {
      readonly kind: 'write';
      readonly output: string;
      readonly value: unknown;
      readonly inputs: readonly string[];
    }
  | { readonly kind: 'remove'; readonly output: string; readonly inputs: readonly string[] }
  | { readonly kind: 'removeInputs'; readonly inputs: readonly string[] }
  | { readonly kind: 'suppressed'; readonly inputs: readonly string[]; readonly by: number }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'missing'; readonly output?: string; readonly reason: string }
  | { readonly kind: 'error'; readonly output?: string; readonly reason: string };

export interface MapRuleTrace {
  readonly rule: number;
  readonly effects: readonly MapEffect[];
}

/** What each stage did to one message; returned when compiled with `{ trace: true }`. */
export interface TransformTrace {
  readonly datasets: readonly DatasetTrace[];
  readonly filter: FilterTrace;
  readonly map: readonly MapRuleTrace[];
  /** True when the map stage was absent or empty and the payload passed through untouched. */
  readonly mapPassThrough: boolean;
}

export type TracedTransformResult = TransformResult & { readonly trace: TransformTrace };

export type SerializationFormat = 'Json' | 'Parquet' | 'Delta';

export interface CompileOptions {
  /** Source of dataset records: a lookup function (state store) or a fixed table keyed by state-store key. */
  readonly datasets?: DatasetLookup | Readonly<Record<string, readonly unknown[]>>;
  /** Attach a per-stage trace to every result (for previews; slower). */
  readonly trace?: boolean;
  /**
   * Run common transformations as generated code (default true): several times faster, same results.
   * The code is built from fixed snippets only; settings and messages are passed to it as data. Set
   * false where `new Function` is unwelcome; a Content-Security-Policy that forbids it is detected.
   */
  readonly codegen?: boolean;
}

interface CompiledInfo {
  /** Output encoding requested by the transformation (default `Json`). */
  readonly serializationFormat: SerializationFormat;
  readonly schemaRef?: string;
  /** Forgets every value remembered for `? $last`. */
  resetLastValues(): void;
}

export type CompiledTransformation = ((message: Message) => TransformResult) & CompiledInfo;
export type TracedCompiledTransformation = ((message: Message) => TracedTransformResult) & CompiledInfo;

/** One problem found while compiling a transformation. */
export interface CompileIssue {
  readonly stage: Stage | 'settings';
  /** Index of the rule (or dataset) inside its stage; -1 for settings-level issues. */
  readonly rule: number;
  /** JSON pointer into the settings object, e.g. `/map/2/expression`. */
  readonly pointer: string;
  /** The offending field path or expression text, when there is one. */
  readonly text?: string;
  /** 1-based column inside `text`, for syntax errors. */
  readonly column?: number;
  readonly message: string;
}
