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
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CodeRegular } from '@fluentui/react-icons';
import { validateResource, type Resource } from '@flowplane/model';
import { Suspense, lazy, useId, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { ResourceSegment } from '../api/resources.ts';
import { FormProvider, useResourceForm } from '../forms/form-state.tsx';
import { focusIssue } from '../forms/focus.ts';
import { testIdOf, validationProps, type Section } from '../forms/SchemaFields.tsx';
import { Tabs } from '../shell/Tabs.tsx';
import { instancePath } from '../shell/sections.ts';
import { useSaveResource, withoutStatus } from './use-save-resource.ts';

const ManifestPanel = lazy(() => import('./ManifestPanel.tsx'));
// Only a save conflict needs it (and the diff it draws).
const ConflictDialog = lazy(() => import('./ConflictDialog.tsx'));

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

const validate = (doc: Resource) => validateResource(doc);

export interface ResourceEditorProps<R extends Resource> {
  instance: string;
  kind: ResourceSegment;
  noun: string;
  mode: 'create' | 'edit';
  initial: R;
  title: string;
  description: string;
  invalidate: readonly unknown[];
  /** Basic/Advanced tabs: which tab holds the field of an issue path. Without it there are no tabs. */
  sectionOf?: (pointer: string) => Section;
  /** The fields of the spec for a tab ('all' without tabs). */
  fields: (section: Section) => ReactNode;
  /** Inside another page (a dialog of the builder): a sub-heading, no manifest panel, and the caller
   * decides what saving and cancelling do instead of navigating. */
  embedded?: { onSaved: (resource: R) => void; onCancel: () => void };
}

/**
 * The frame of every resource form: name, fields, live validation with the API's engine, a problem list
 * that focuses the field, the live manifest panel, and a save that never sends what the platform would
 * reject and never overwrites someone else's change.
 */
export function ResourceEditor<R extends Resource>(props: ResourceEditorProps<R>) {
  const { instance, kind, mode, initial, title, sectionOf } = props;
  const styles = useStyles();
  const navigate = useNavigate();
  const form = useResourceForm<R>(initial, validate);
  const [tab, setTab] = useState<Section>(sectionOf ? 'basic' : 'all');
  const tabsId = useId();
  const embedded = props.embedded;
  const [showPanel, setShowPanel] = useState(embedded === undefined);
  const titleId = useId();
  const [attempted, setAttempted] = useState(false);
  const doc = form.doc;

  const saver = useSaveResource<R>({
    instance,
    kind,
    noun: props.noun,
    mode,
    doc,
    baseVersion: initial.metadata.resourceVersion,
    invalidate: props.invalidate,
    onSaved: (resource) =>
      embedded ? embedded.onSaved(resource) : navigate(instancePath(instance, kind, resource.metadata.name)),
    onRejected: (issues) => {
      form.setServerIssues(issues);
      form.showAll();
      setAttempted(true);
    },
  });

  const counts: Record<Section, number> = { basic: 0, advanced: 0, all: 0 };
  for (const issue of form.visibleIssues) {
    if (issue.severity !== 'warning') counts[sectionOf ? sectionOf(issue.path) : 'all'] += 1;
  }

  const reveal = (pointer: string) => {
    if (sectionOf) setTab(sectionOf(pointer));
    // After the tab renders the field.
    requestAnimationFrame(() => focusIssue(pointer));
  };

  const submit = () => {
    setAttempted(true);
    form.showAll();
    const first = form.localErrors[0];
    if (first !== undefined) return reveal(first.path);
    saver.save();
  };

  const nameIssues = form.api.issuesAt(['metadata', 'name']);
  const errorCount = form.errors.length;
  const badge = (section: Section) =>
    counts[section] > 0 ? (
      <Badge color="danger" size="small" aria-label={`${counts[section]} problems`}>
        {counts[section]}
      </Badge>
    ) : null;

  return (
    <FormProvider value={form.api}>
      <section aria-labelledby={titleId} className={styles.page}>
        <div className={styles.header}>
          <div className={styles.headerText}>
            <Title2 as={embedded ? 'h2' : 'h1'} id={titleId}>
              {title}
            </Title2>
            <Caption1 className={styles.secondary}>{props.description}</Caption1>
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
              hint="Lower-case letters, digits and '-', starting and ending with a letter or digit."
              {...validationProps(nameIssues, ['metadata', 'name'])}
            >
              <Input
                data-testid={testIdOf(['metadata', 'name'])}
                value={doc.metadata.name}
                disabled={mode === 'edit'}
                onChange={(_e, data) => form.api.set(['metadata', 'name'], data.value)}
              />
            </Field>
            {sectionOf ? (
              <Tabs
                label="Settings"
                selected={tab}
                onSelect={setTab}
                items={(['basic', 'advanced'] as const).map((value) => ({
                  value,
                  label: value === 'basic' ? 'Basic' : 'Advanced',
                  id: `${tabsId}-${value}`,
                  panel: `${tabsId}-panel`,
                  badge: badge(value),
                  testId: `tab-${value}`,
                }))}
              />
            ) : null}
            <div
              key={tab}
              id={`${tabsId}-panel`}
              role={sectionOf ? 'tabpanel' : undefined}
              aria-labelledby={sectionOf ? `${tabsId}-${tab}` : undefined}
            >
              {props.fields(tab)}
            </div>
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
                          onClick={() => reveal(issue.path)}
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
              <Button appearance="primary" type="submit" disabled={saver.pending} data-testid="save-resource">
                {saver.pending ? <Spinner size="tiny" /> : null}
                {mode === 'create' ? 'Create' : 'Save'}
              </Button>
              <Button
                onClick={() =>
                  embedded
                    ? embedded.onCancel()
                    : void navigate(
                        mode === 'create'
                          ? instancePath(instance, kind)
                          : instancePath(instance, kind, initial.metadata.name),
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
          <Suspense fallback={null}>
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
          </Suspense>
        ) : null}
      </section>
    </FormProvider>
  );
}
