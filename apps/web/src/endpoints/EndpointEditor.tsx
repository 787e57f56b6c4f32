import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CodeRegular } from '@fluentui/react-icons';
import {
  ENDPOINT_SETTINGS_KEY,
  DataflowEndpointSpec,
  decodePointer,
  validateResource,
  type DataflowEndpoint,
  type Flavour,
} from '@flowplane/model';
import { Suspense, lazy, useState } from 'react';
import { useNavigate } from 'react-router';
import { endpointKeys } from '../api/endpoints.ts';
import { AuthenticationField } from '../forms/AuthenticationField.tsx';
import { FormProvider, useResourceForm } from '../forms/form-state.tsx';
import { SchemaFields, testIdOf, validationProps, type Section } from '../forms/SchemaFields.tsx';
import { fieldsOf, type JsonSchema } from '../forms/schema.ts';
import { ConflictDialog } from '../resources/ConflictDialog.tsx';
import { useSaveResource, withoutStatus } from '../resources/use-save-resource.ts';
import { instancePath } from '../shell/sections.ts';

const ManifestPanel = lazy(() => import('../resources/ManifestPanel.tsx'));

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '12px' },
  header: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' },
  headerText: { display: 'flex', flexDirection: 'column', gap: '2px', marginRight: 'auto' },
  secondary: { color: tokens.colorNeutralForeground3 },
  layout: { display: 'grid', gap: '16px', alignItems: 'start' },
  withPanel: { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: '16px',
    padding: '16px 20px',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
  },
  actions: { display: 'flex', gap: '8px' },
  problems: { margin: 0, paddingLeft: '18px' },
  problemLink: { textAlign: 'left' },
});

const schemaOf = (value: unknown) => value as JsonSchema;

const validate = (doc: DataflowEndpoint) => validateResource(doc);

/** The Basic or Advanced tab an issue belongs to, by the settings field its path starts with. */
function sectionOf(pointer: string, settingsKey: string, basicKeys: ReadonlySet<string>): Section {
  const [top, key, field] = decodePointer(pointer);
  if (top === 'spec' && key === settingsKey && field !== undefined) {
    return basicKeys.has(field) ? 'basic' : 'advanced';
  }
  return 'basic';
}

/** Puts the keyboard focus on the control of an issue's path (or the closest one that exists). */
function focusIssue(pointer: string) {
  const segments = decodePointer(pointer);
  for (let length = segments.length; length > 0; length -= 1) {
    const id = testIdOf(segments.slice(0, length));
    const element = document.querySelector<HTMLElement>(
      `[data-testid="${id}"], [data-testid="${id}.name"], [data-testid^="${id}."]`,
    );
    if (element) {
      const control = element.matches('input, select, textarea')
        ? element
        : element.querySelector<HTMLElement>('input, select, textarea');
      (control ?? element).focus();
      return;
    }
  }
}

export interface EndpointEditorProps {
  instance: string;
  mode: 'create' | 'edit';
  initial: DataflowEndpoint;
  flavour: Flavour;
}

/**
 * The endpoint form: every field from the model schema of the endpoint's type, live validation with the
 * API's engine, and a save that can never send what the platform would reject.
 */
export function EndpointEditor({ instance, mode, initial, flavour }: EndpointEditorProps) {
  const styles = useStyles();
  const navigate = useNavigate();
  const form = useResourceForm(initial, validate);
  const [tab, setTab] = useState<Section>('basic');
  const [showPanel, setShowPanel] = useState(true);
  const [attempted, setAttempted] = useState(false);

  const doc = form.doc;
  const settingsKey = ENDPOINT_SETTINGS_KEY[doc.spec.endpointType];
  const specProperties = (DataflowEndpointSpec as unknown as { properties: Record<string, unknown> })
    .properties;
  const settingsSchema = schemaOf(specProperties[settingsKey]);
  const settingsPath = ['spec', settingsKey];
  const basicKeys = new Set(
    fieldsOf(settingsSchema)
      .filter((f) => f.basic)
      .map((f) => f.key),
  );
  const counts = { basic: 0, advanced: 0, all: 0 };
  for (const issue of form.visibleIssues) {
    if (issue.severity !== 'warning') counts[sectionOf(issue.path, settingsKey, basicKeys)] += 1;
  }

  const saver = useSaveResource({
    instance,
    kind: 'endpoints',
    noun: 'endpoint',
    mode,
    doc,
    baseVersion: initial.metadata.resourceVersion,
    invalidate: endpointKeys.all(instance),
    onSaved: (resource) => navigate(instancePath(instance, 'endpoints', resource.metadata.name)),
    onRejected: (issues) => {
      form.setServerIssues(issues);
      form.showAll();
      setAttempted(true);
    },
  });

  const submit = () => {
    setAttempted(true);
    form.showAll();
    const first = form.localErrors[0];
    if (first !== undefined) {
      const section = sectionOf(first.path, settingsKey, basicKeys);
      setTab(section);
      // After the tab renders the field.
      requestAnimationFrame(() => focusIssue(first.path));
      return;
    }
    saver.save();
  };

  const nameIssues = form.api.issuesAt(['metadata', 'name']);
  const title = mode === 'create' ? `New ${flavour.label} endpoint` : `Edit ${initial.metadata.name}`;
  const errorCount = form.errors.length;

  return (
    <FormProvider value={form.api}>
      <section aria-labelledby="page-title" className={styles.page}>
        <div className={styles.header}>
          <div className={styles.headerText}>
            <Title2 as="h1" id="page-title">
              {title}
            </Title2>
            <Caption1 className={styles.secondary}>{flavour.description}</Caption1>
          </div>
          <Button
            appearance="subtle"
            icon={<CodeRegular />}
            aria-pressed={showPanel}
            onClick={() => setShowPanel((shown) => !shown)}
          >
            {showPanel ? 'Hide manifest' : 'Show manifest'}
          </Button>
        </div>
        <div className={`${styles.layout} ${showPanel ? styles.withPanel : ''}`}>
          <form
            className={styles.form}
            aria-label={title}
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <Field
              label="Name"
              required
              hint="Lower-case letters, digits and '-', 3–63 characters."
              {...validationProps(nameIssues, ['metadata', 'name'])}
            >
              <Input
                data-testid={testIdOf(['metadata', 'name'])}
                value={doc.metadata.name}
                disabled={mode === 'edit'}
                onChange={(_e, data) => form.api.set(['metadata', 'name'], data.value)}
              />
            </Field>
            <TabList selectedValue={tab} onTabSelect={(_e, data) => setTab(data.value as Section)}>
              <Tab value="basic" data-testid="tab-basic">
                Basic{' '}
                {counts.basic > 0 ? (
                  <Badge color="danger" size="small">
                    {counts.basic}
                  </Badge>
                ) : null}
              </Tab>
              <Tab value="advanced" data-testid="tab-advanced">
                Advanced{' '}
                {counts.advanced > 0 ? (
                  <Badge color="danger" size="small">
                    {counts.advanced}
                  </Badge>
                ) : null}
              </Tab>
            </TabList>
            <SchemaFields
              key={tab}
              schema={settingsSchema}
              path={settingsPath}
              section={tab}
              custom={(field) =>
                field.key === 'authentication' ? <AuthenticationField field={field} /> : undefined
              }
            />
            {attempted && errorCount > 0 ? (
              <MessageBar intent="error" data-testid="form-problems">
                <MessageBarBody>
                  <MessageBarTitle>
                    {errorCount === 1 ? '1 problem' : `${errorCount} problems`} to fix before saving
                  </MessageBarTitle>
                  <ul className={styles.problems}>
                    {form.errors.map((issue) => (
                      <li key={`${issue.path} ${issue.message}`}>
                        <Button
                          appearance="transparent"
                          size="small"
                          className={styles.problemLink}
                          onClick={() => {
                            setTab(sectionOf(issue.path, settingsKey, basicKeys));
                            requestAnimationFrame(() => focusIssue(issue.path));
                          }}
                        >
                          {issue.path || '(resource)'}: {issue.message}
                        </Button>
                      </li>
                    ))}
                  </ul>
                </MessageBarBody>
              </MessageBar>
            ) : null}
            <div className={styles.actions}>
              <Button appearance="primary" type="submit" disabled={saver.pending} data-testid="save-endpoint">
                {saver.pending ? <Spinner size="tiny" /> : null}
                {mode === 'create' ? 'Create' : 'Save'}
              </Button>
              <Button
                onClick={() =>
                  void navigate(
                    mode === 'create'
                      ? instancePath(instance, 'endpoints')
                      : instancePath(instance, 'endpoints', initial.metadata.name),
                  )
                }
              >
                Cancel
              </Button>
            </div>
          </form>
          {showPanel ? (
            <Suspense fallback={<Body1>Loading the manifest view…</Body1>}>
              <ManifestPanel resource={doc} />
            </Suspense>
          ) : null}
        </div>
        {saver.conflict ? (
          <ConflictDialog
            mine={doc}
            theirs={saver.conflict}
            onOverwrite={saver.overwrite}
            onLoadTheirs={() => {
              const theirs = saver.takeTheirs();
              if (theirs) form.reset(withoutStatus(theirs));
            }}
            onCancel={saver.dismissConflict}
          />
        ) : null}
      </section>
    </FormProvider>
  );
}
