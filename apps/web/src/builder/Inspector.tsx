import {
  Button,
  Caption1,
  Field,
  Input,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DeleteRegular } from '@fluentui/react-icons';
import {
  BuiltInTransformationSettings,
  DataflowSpec,
  DestinationSettings,
  OPERATION_SETTINGS_KEY,
  isRecord,
  SourceSettings,
  type Dataflow,
  type DataflowProfile,
  type EndpointType,
} from '@flowplane/model';
import { useContext, type ReactNode } from 'react';
import { CompletionInput } from '../forms/CompletionInput.tsx';
import { useForm } from '../forms/form-state.tsx';
import { getAt } from '../forms/pointer.ts';
import { ListField, SchemaFields, testIdOf, validationProps } from '../forms/SchemaFields.tsx';
import type { FieldSpec, JsonSchema } from '../forms/schema.ts';
import { fieldCompleter, topicCompleter } from './completion.ts';
import { dropVerdict } from './connections.ts';
import { ExpressionField } from './ExpressionField.tsx';
import {
  operationIndex,
  settingsOf,
  withDestination,
  withoutTransformation,
  type StageType,
} from './operations.ts';
import { samplesOf } from './preview.ts';
import { sourceTopicsHelp } from './source-topics.ts';
import { useBuilder } from './store.ts';
import { EndpointsContext } from './use-drop-verdict.ts';

const useStyles = makeStyles({
  inspector: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  head: { display: 'flex', alignItems: 'center', gap: '8px' },
  title: { marginRight: 'auto' },
  helpers: { display: 'flex', gap: '4px', flexWrap: 'wrap', marginTop: '4px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

const SCHEMAS: Record<StageType, JsonSchema> = {
  Source: SourceSettings as unknown as JsonSchema,
  BuiltInTransformation: BuiltInTransformationSettings as unknown as JsonSchema,
  Destination: DestinationSettings as unknown as JsonSchema,
};
const TITLES = {
  Source: 'Source',
  BuiltInTransformation: 'Transformation',
  Destination: 'Destination',
} as const;

/** A reference to another resource by name, chosen from those that exist (a missing one stays shown). */
function NameSelect({
  field,
  label,
  placeholder,
  options,
  onSelect,
}: {
  field: FieldSpec;
  label: string;
  placeholder: string;
  options: readonly { name: string; note?: string; disabled?: boolean }[];
  /** Instead of setting the field alone (a choice that brings other changes with it). */
  onSelect?: (name: string) => void;
}) {
  const form = useForm();
  const value = getAt(form.doc, field.path);
  const current = typeof value === 'string' ? value : '';
  const known = options.some((o) => o.name === current);
  return (
    <Field
      label={label}
      required
      hint={field.help}
      {...validationProps(form.issuesAt(field.path), field.path)}
    >
      <Select
        data-testid={testIdOf(field.path)}
        value={current}
        onChange={(_e, data) => (onSelect ? onSelect(data.value) : form.set(field.path, data.value))}
      >
        {current === '' ? <option value="">{placeholder}</option> : null}
        {current !== '' && !known ? <option value={current}>{current} (missing)</option> : null}
        {options.map((o) => (
          <option key={o.name} value={o.name} disabled={o.disabled === true && o.name !== current}>
            {o.name}
            {o.note ?? ''}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function EndpointField({ field, stage }: { field: FieldSpec; stage: 'Source' | 'Destination' }) {
  const endpoints = useContext(EndpointsContext);
  const doc = useBuilder((s) => s.doc);
  const options = [...endpoints.values()].map((endpoint) => {
    const allowed = dropVerdict(doc, stage, endpoint, endpoints).ok;
    return { name: endpoint.metadata.name, disabled: !allowed, note: allowed ? '' : ' — not allowed here' };
  });
  const apply = useBuilder((s) => s.apply);
  // A storage destination brings the transformation format it needs (withDestination).
  const onSelect =
    stage === 'Destination'
      ? (name: string) => {
          const endpoint = endpoints.get(name);
          if (endpoint) apply((current) => withDestination(current, endpoint));
        }
      : undefined;
  return (
    <NameSelect
      field={field}
      label="Endpoint"
      placeholder="Choose an endpoint"
      options={options}
      onSelect={onSelect}
    />
  );
}

/** `${inputTopic}` and its segments, for MQTT destinations (the platform fills them from the source topic). */
function TopicHelpers({ field }: { field: FieldSpec }) {
  const styles = useStyles();
  const form = useForm();
  const value = getAt(form.doc, field.path);
  const text = typeof value === 'string' ? value : '';
  const insert = (token: string) => form.set(field.path, `${text}${token}`);
  return (
    <div className={styles.helpers}>
      {['${inputTopic}', '${inputTopic.1}', '${inputTopic.2}'].map((token) => (
        <Button key={token} size="small" appearance="outline" onClick={() => insert(token)}>
          {token}
        </Button>
      ))}
    </div>
  );
}

/** What `dataDestination` names for each endpoint type (spec: "dataDestination by endpoint type"). */
const DESTINATION_LABELS: Record<EndpointType, string> = {
  Mqtt: 'Topic',
  Kafka: 'Topic',
  DataLakeStorage: 'Container',
  FabricOneLake: 'Table or folder',
  DataExplorer: 'Table',
  LocalStorage: 'Folder',
  OpenTelemetry: 'Topic',
};

function DestinationTopic({ field }: { field: FieldSpec }) {
  const form = useForm();
  const endpoints = useContext(EndpointsContext);
  const doc = useBuilder((s) => s.doc);
  const index = operationIndex(doc, 'Destination');
  const ref = doc.spec.operations[index]?.destinationSettings?.endpointRef;
  const type = endpoints.get(ref ?? '')?.spec.endpointType;
  const mqtt = type === 'Mqtt';
  const sources = settingsOf(doc, 'Source')?.dataSources;
  const sourceFilter = Array.isArray(sources) && typeof sources[0] === 'string' ? sources[0] : undefined;
  const value = getAt(form.doc, field.path);
  return (
    <div>
      <Field
        label={type === undefined ? 'Topic, container, table or folder' : DESTINATION_LABELS[type]}
        required
        hint={field.help}
        {...validationProps(form.issuesAt(field.path), field.path)}
      >
        {mqtt ? (
          <CompletionInput
            testId={testIdOf(field.path)}
            value={typeof value === 'string' ? value : ''}
            complete={topicCompleter(sourceFilter)}
            onValue={(next) => form.set(field.path, next)}
          />
        ) : (
          <Input
            data-testid={testIdOf(field.path)}
            value={typeof value === 'string' ? value : ''}
            onChange={(_e, data) => form.set(field.path, data.value)}
          />
        )}
      </Field>
      {mqtt ? <TopicHelpers field={field} /> : null}
    </div>
  );
}

function SourceTopics({ field, profiles }: { field: FieldSpec; profiles: readonly DataflowProfile[] }) {
  const form = useForm();
  const endpoints = useContext(EndpointsContext);
  const doc = useBuilder((s) => s.doc);
  const ref = settingsOf(doc, 'Source')?.endpointRef;
  const value = getAt(form.doc, field.path);
  const instanceCount =
    profiles.find((p) => p.metadata.name === doc.spec.profileRef)?.spec.instanceCount ?? 1;
  const help = sourceTopicsHelp(
    endpoints.get(typeof ref === 'string' ? ref : ''),
    Array.isArray(value) ? value : [],
    instanceCount,
  );
  return <ListField field={help ? { ...field, help } : field} keep={field.path.length - 1} />;
}

function ProfileField({ field, profiles }: { field: FieldSpec; profiles: readonly DataflowProfile[] }) {
  const options = profiles.map((p) => ({ name: p.metadata.name }));
  return <NameSelect field={field} label="Profile" placeholder="Choose a profile" options={options} />;
}

/**
 * What a rule's inputs can name: the fields of the saved sample messages, the wildcard, the message's
 * metadata and each dataset's records (by alias).
 */
function inputSuggestions(doc: Dataflow): string[] {
  const fields = new Set<string>(['*', '$metadata.topic', '$metadata.user_property.']);
  const walk = (value: unknown, prefix: string, depth: number) => {
    if (!isRecord(value) || depth > 2) return;
    for (const [key, child] of Object.entries(value)) {
      // Keys with dots or spaces are quoted in the mapping language.
      const name = /^[A-Za-z_][\w]*$/.test(key) ? key : `"${key}"`;
      const path = prefix === '' ? name : `${prefix}.${name}`;
      fields.add(path);
      walk(child, path, depth + 1);
    }
  };
  for (const sample of samplesOf(doc)) walk(sample.input, '', 0);
  const datasets = settingsOf(doc, 'BuiltInTransformation')?.datasets;
  for (const dataset of Array.isArray(datasets) ? datasets : []) {
    const key = isRecord(dataset) && typeof dataset.key === 'string' ? dataset.key : undefined;
    const alias = key?.split(/\s+as\s+/)[1] ?? key;
    if (alias) fields.add(`$context(${alias}).`);
  }
  return [...fields];
}

/** The settings of the selected stage, or of the dataflow when nothing is selected; all from the model. */
export function Inspector({
  creating,
  profiles,
}: {
  creating: boolean;
  profiles: readonly DataflowProfile[];
}) {
  const styles = useStyles();
  const form = useForm();
  const doc = useBuilder((s) => s.doc);
  const selected = useBuilder((s) => s.selected);
  const apply = useBuilder((s) => s.apply);
  const select = useBuilder((s) => s.select);

  if (selected === undefined || operationIndex(doc, selected) === -1) {
    const nameIssues = form.issuesAt(['metadata', 'name']);
    return (
      <section className={styles.inspector} aria-label="Dataflow settings" data-testid="inspector-dataflow">
        <Subtitle2 as="h2">Dataflow</Subtitle2>
        <Field label="Name" required {...validationProps(nameIssues, ['metadata', 'name'])}>
          <Input
            data-testid={testIdOf(['metadata', 'name'])}
            value={doc.metadata.name}
            disabled={!creating}
            onChange={(_e, data) => form.set(['metadata', 'name'], data.value)}
          />
        </Field>
        <SchemaFields
          schema={DataflowSpec as unknown as JsonSchema}
          path={['spec']}
          custom={(field): ReactNode | undefined =>
            field.key === 'operations' ? null : field.key === 'profileRef' ? (
              <ProfileField field={field} profiles={profiles} />
            ) : undefined
          }
        />
        <Caption1 className={styles.muted}>Select a stage on the canvas to edit it.</Caption1>
      </section>
    );
  }

  const index = operationIndex(doc, selected);
  const path = ['spec', 'operations', String(index), OPERATION_SETTINGS_KEY[selected]];
  const fields = fieldCompleter(inputSuggestions(doc));
  return (
    <section
      className={styles.inspector}
      aria-label={`${TITLES[selected]} settings`}
      data-testid={`inspector-${selected}`}
    >
      <div className={styles.head}>
        <Subtitle2 as="h2" className={styles.title}>
          {TITLES[selected]}
        </Subtitle2>
        {selected === 'BuiltInTransformation' ? (
          <Button
            size="small"
            icon={<DeleteRegular />}
            onClick={() => {
              apply(withoutTransformation);
              select(undefined);
            }}
          >
            Remove
          </Button>
        ) : null}
      </div>
      <SchemaFields
        key={selected}
        schema={SCHEMAS[selected]}
        path={path}
        keep={path.length}
        custom={(field): ReactNode | undefined => {
          if (field.key === 'endpointRef' && selected !== 'BuiltInTransformation')
            return <EndpointField field={field} stage={selected} />;
          if (field.key === 'dataDestination') return <DestinationTopic field={field} />;
          if (field.key === 'dataSources') return <SourceTopics field={field} profiles={profiles} />;
          if (selected !== 'BuiltInTransformation') return undefined;
          if (field.key === 'expression') return <ExpressionField field={field} />;
          if (field.key === 'inputs')
            return <ListField field={field} keep={field.path.length - 1} complete={fields} />;
          return undefined;
        }}
      />
    </section>
  );
}
