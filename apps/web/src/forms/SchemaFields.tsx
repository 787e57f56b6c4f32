import {
  Button,
  Caption1,
  Field,
  Input,
  Select,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  AddRegular,
  ArrowDownRegular,
  ArrowUpRegular,
  DeleteRegular,
  DismissRegular,
} from '@fluentui/react-icons';
import { useId, type ReactNode } from 'react';
import type { ProblemIssue } from '../api/problem.ts';
import { CompletionInput, type Completer } from './CompletionInput.tsx';
import { useForm } from './form-state.tsx';
import { getAt } from './pointer.ts';
import { fieldsOf, placeholderOf, type FieldSpec, type JsonSchema } from './schema.ts';

const useStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', gap: '14px' },
  group: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 14px 14px',
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
  },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingInline: '4px' },
  groupHelp: { color: tokens.colorNeutralForeground3 },
  hostPort: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) 120px',
    gap: '12px',
    alignItems: 'start',
  },
  fill: { width: '100%', minWidth: 0 },
  groupError: { color: tokens.colorPaletteRedForeground1 },
});

/** A stable test id for the control of a path: `field-spec.kafkaSettings.host`. */
export function testIdOf(path: readonly string[]): string {
  return `field-${path.join('.')}`;
}

export function validationProps(issues: readonly ProblemIssue[], path: readonly string[]) {
  const first = issues[0];
  if (first === undefined) return {};
  const error = issues.some((i) => i.severity !== 'warning');
  return {
    validationState: error ? ('error' as const) : ('warning' as const),
    validationMessage: (
      <span data-testid={`issue-${path.join('.')}`}>{issues.map((i) => i.message).join(' ')}</span>
    ),
  };
}

/** An integer field keeps what does not parse as text, so the schema reports it instead of losing it. */
function parseNumber(text: string, integer: boolean): number | string | undefined {
  if (text.trim() === '') return undefined;
  const pattern = integer ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
  return pattern.test(text.trim()) ? Number(text.trim()) : text;
}

function ScalarField({ field, keep }: { field: FieldSpec; keep: number }) {
  const form = useForm();
  const value = getAt(form.doc, field.path);
  const issues = form.issuesAt(field.path);
  const common = {
    label: field.label,
    hint: field.help,
    required: field.required,
    ...validationProps(issues, field.path),
  };
  const testId = testIdOf(field.path);
  switch (field.kind) {
    case 'choice': {
      const fallback =
        field.defaultValue === undefined ? 'Not set' : `Default (${String(field.defaultValue)})`;
      return (
        <Field {...common}>
          <Select
            data-testid={testId}
            value={typeof value === 'string' ? value : ''}
            onChange={(_e, data) => form.set(field.path, data.value === '' ? undefined : data.value, keep)}
          >
            {/* A required choice still starts empty when the template leaves it to the user. */}
            {field.required && typeof value === 'string' ? null : <option value="">{fallback}</option>}
            {field.choices.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </Select>
        </Field>
      );
    }
    case 'boolean':
      return (
        <Field {...common}>
          <Switch
            data-testid={testId}
            checked={value === true}
            onChange={(_e, data) => form.set(field.path, data.checked, keep)}
          />
        </Field>
      );
    case 'integer':
    case 'number':
      return (
        <Field {...common}>
          <Input
            data-testid={testId}
            inputMode="numeric"
            value={value === undefined ? '' : String(value)}
            placeholder={placeholderOf(field)}
            onChange={(_e, data) =>
              form.set(field.path, parseNumber(data.value, field.kind === 'integer'), keep)
            }
          />
        </Field>
      );
    default:
      return (
        <Field {...common}>
          <Input
            data-testid={testId}
            value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
            placeholder={placeholderOf(field)}
            onChange={(_e, data) => form.set(field.path, data.value === '' ? undefined : data.value, keep)}
          />
        </Field>
      );
  }
}

/** `<host>:<port>` split the way the portal asks for it; a path after the port (`/mqtt`) is kept. */
export function splitHostPort(value: string): { host: string; port: string; path: string } {
  const match = /^(.*):(\d*)(\/[^:]*)?$/.exec(value);
  if (match === null) return { host: value, port: '', path: '' };
  return { host: match[1] ?? '', port: match[2] ?? '', path: match[3] ?? '' };
}

export function joinHostPort(host: string, port: string, path: string): string | undefined {
  if (host === '' && port === '') return undefined;
  return `${host}${port === '' ? '' : `:${port}`}${path}`;
}

function HostPortField({ field, keep }: { field: FieldSpec; keep: number }) {
  const styles = useStyles();
  const form = useForm();
  const value = getAt(form.doc, field.path);
  const { host, port, path } = splitHostPort(typeof value === 'string' ? value : '');
  const example = splitHostPort(typeof field.example === 'string' ? field.example : '');
  const issues = form.issuesAt(field.path);
  const testId = testIdOf(field.path);
  return (
    <div className={styles.hostPort}>
      <Field
        label="Host"
        hint={field.help}
        required={field.required}
        {...validationProps(issues, field.path)}
      >
        <Input
          data-testid={`${testId}.name`}
          value={host}
          placeholder={example.host === '' ? undefined : `e.g. ${example.host}`}
          onChange={(_e, data) => form.set(field.path, joinHostPort(data.value, port, path), keep)}
        />
      </Field>
      <Field label="Port" required={field.required} hint={path === '' ? undefined : `Path: ${path}`}>
        <Input
          className={styles.fill}
          data-testid={`${testId}.port`}
          inputMode="numeric"
          value={port}
          placeholder={example.port === '' ? undefined : example.port}
          onChange={(_e, data) => form.set(field.path, joinHostPort(host, data.value.trim(), path), keep)}
        />
      </Field>
    </div>
  );
}

const listStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: '6px', margin: 0, padding: 0, border: 'none' },
  legend: { padding: 0, marginBottom: '4px', fontWeight: tokens.fontWeightRegular },
  row: { display: 'flex', gap: '4px', alignItems: 'start' },
  grow: { flexGrow: 1, minWidth: 0 },
  help: { color: tokens.colorNeutralForeground3 },
  item: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 12px 12px',
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '10px',
  },
  itemHead: { display: 'flex', alignItems: 'center', gap: '4px' },
  itemTitle: { fontWeight: tokens.fontWeightSemibold, marginRight: 'auto' },
});

/** The issues of a whole block (a list, a group), shown above or below its fields. */
export function BlockIssues({ issues, path }: { issues: readonly ProblemIssue[]; path: readonly string[] }) {
  const styles = useStyles();
  if (issues.length === 0) return null;
  return (
    <Caption1 role="alert" className={styles.groupError} data-testid={`issue-${path.join('.')}`}>
      {issues.map((i) => i.message).join(' ')}
    </Caption1>
  );
}

/** A list of strings (topics, inputs): one input per item, add and remove; optional completions. */
export function ListField({
  field,
  keep,
  complete,
}: {
  field: FieldSpec;
  keep: number;
  complete?: Completer | undefined;
}) {
  const styles = listStyles();
  const form = useForm();
  const value = getAt(form.doc, field.path);
  const items = Array.isArray(value) ? value : [];
  const issues = form.issuesAt(field.path);
  const testId = testIdOf(field.path);
  const example = Array.isArray(field.example) ? field.example[0] : undefined;
  return (
    <fieldset className={styles.list} data-testid={testId}>
      <legend className={styles.legend}>
        {field.label}
        {field.required ? ' *' : ''}
      </legend>
      {items.map((item, index) => {
        const path = [...field.path, String(index)];
        const label = `${field.label} ${index + 1}`;
        const text = typeof item === 'string' ? item : '';
        const placeholder = typeof example === 'string' ? `e.g. ${example}` : undefined;
        return (
          <div key={index} className={styles.row}>
            <Field className={styles.grow} {...validationProps(form.issuesAt(path), path)}>
              {complete ? (
                <CompletionInput
                  aria-label={label}
                  testId={`${testId}.${index}`}
                  value={text}
                  placeholder={placeholder}
                  complete={complete}
                  onValue={(next) => form.set(path, next, keep)}
                />
              ) : (
                <Input
                  aria-label={label}
                  data-testid={`${testId}.${index}`}
                  value={text}
                  placeholder={placeholder}
                  onChange={(_e, data) => form.set(path, data.value, keep)}
                />
              )}
            </Field>
            <Button
              appearance="subtle"
              icon={<DismissRegular />}
              aria-label={`Remove ${field.label} ${index + 1}`}
              onClick={() => form.set(path, undefined, keep)}
            />
          </div>
        );
      })}
      <BlockIssues issues={issues} path={field.path} />
      <div>
        <Button
          size="small"
          icon={<AddRegular />}
          data-testid={`${testId}.add`}
          onClick={() => form.set([...field.path, String(items.length)], '', keep)}
        >
          Add
        </Button>
      </div>
      {field.help ? <Caption1 className={styles.help}>{field.help}</Caption1> : null}
    </fieldset>
  );
}

/** A list of objects (map rules, filter rules, headers): each a group, added, removed and reordered. */
function ObjectsField({
  field,
  keep,
  custom,
}: {
  field: FieldSpec;
  keep: number;
  custom?: Custom | undefined;
}) {
  const styles = listStyles();
  const form = useForm();
  const value = getAt(form.doc, field.path);
  const items = Array.isArray(value) ? value : [];
  const issues = form.issuesAt(field.path);
  const testId = testIdOf(field.path);
  const itemSchema = field.items ?? {};
  const noun = typeof itemSchema.title === 'string' ? itemSchema.title : field.label;
  const maxItems = typeof field.schema.maxItems === 'number' ? field.schema.maxItems : Infinity;
  const move = (from: number, to: number) => {
    const next = [...items];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    form.set(field.path, next, keep);
  };
  return (
    <fieldset className={styles.list} data-testid={testId}>
      <legend className={styles.legend}>{field.label}</legend>
      {field.help ? <Caption1 className={styles.help}>{field.help}</Caption1> : null}
      {items.map((_item, index) => {
        const path = [...field.path, String(index)];
        const label = `${noun} ${index + 1}`;
        return (
          <section key={index} className={styles.item} aria-label={label} data-testid={`${testId}.${index}`}>
            <div className={styles.itemHead}>
              <span className={styles.itemTitle}>{label}</span>
              <Button
                appearance="subtle"
                size="small"
                icon={<ArrowUpRegular />}
                aria-label={`Move ${label} up`}
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
              />
              <Button
                appearance="subtle"
                size="small"
                icon={<ArrowDownRegular />}
                aria-label={`Move ${label} down`}
                disabled={index === items.length - 1}
                onClick={() => move(index, index + 1)}
              />
              <Button
                appearance="subtle"
                size="small"
                icon={<DeleteRegular />}
                aria-label={`Remove ${label}`}
                onClick={() => form.set(path, undefined, keep)}
              />
            </div>
            <SchemaFields schema={itemSchema} path={path} keep={path.length} custom={custom} />
          </section>
        );
      })}
      <BlockIssues issues={issues} path={field.path} />
      <div>
        <Button
          size="small"
          icon={<AddRegular />}
          disabled={items.length >= maxItems}
          data-testid={`${testId}.add`}
          onClick={() => form.set([...field.path, String(items.length)], {}, keep)}
        >
          Add {noun.toLowerCase()}
        </Button>
      </div>
    </fieldset>
  );
}

function GroupField({
  field,
  keep,
  custom,
}: {
  field: FieldSpec;
  keep: number;
  custom?: Custom | undefined;
}) {
  const styles = useStyles();
  const form = useForm();
  const issues = form.issuesAt(field.path);
  const headingId = useId();
  return (
    <fieldset className={styles.group} aria-labelledby={headingId} data-testid={testIdOf(field.path)}>
      <legend id={headingId} className={styles.legend}>
        {field.label}
      </legend>
      {field.help ? <Caption1 className={styles.groupHelp}>{field.help}</Caption1> : null}
      <BlockIssues issues={issues} path={field.path} />
      <SchemaFields schema={field.schema} path={field.path} keep={keep} custom={custom} />
    </fieldset>
  );
}

export type Section = 'basic' | 'advanced' | 'all';

export type Custom = (field: FieldSpec) => ReactNode | undefined;

export interface SchemaFieldsProps {
  schema: JsonSchema;
  path: readonly string[];
  section?: Section;
  /** Objects on the path that clearing a field must not remove (see setAt). */
  keep?: number;
  /** Fields a caller renders itself (authentication), at any depth; undefined: the default control. */
  custom?: Custom | undefined;
}

export function fieldsIn(schema: JsonSchema, path: readonly string[], section: Section): FieldSpec[] {
  return fieldsOf(schema, path).filter(
    (f) => section === 'all' || (section === 'basic' ? f.basic : !f.basic),
  );
}

/** The controls of an object schema's properties: labels, help, defaults and validation all from the model. */
export function SchemaFields({ schema, path, section = 'all', keep = 0, custom }: SchemaFieldsProps) {
  const styles = useStyles();
  return (
    <div className={styles.fields}>
      {fieldsIn(schema, path, section).map((field) => {
        const own = custom?.(field);
        if (own !== undefined) return <div key={field.key}>{own}</div>;
        if (field.kind === 'unsupported') return null;
        if (field.kind === 'group')
          return <GroupField key={field.key} field={field} keep={keep} custom={custom} />;
        if (field.kind === 'list') return <ListField key={field.key} field={field} keep={keep} />;
        if (field.kind === 'objects')
          return <ObjectsField key={field.key} field={field} keep={keep} custom={custom} />;
        if (field.widget === 'host-port') return <HostPortField key={field.key} field={field} keep={keep} />;
        return <ScalarField key={field.key} field={field} keep={keep} />;
      })}
    </div>
  );
}
