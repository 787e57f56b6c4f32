import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Radio,
  RadioGroup,
  Select,
  Skeleton,
  SkeletonItem,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, CopyRegular } from '@fluentui/react-icons';
import { ARM_API_VERSIONS, DEFAULT_ARM_API_VERSION, type Resource } from '@flowplane/model';
import { useMutation, useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { overviewQueries } from '../api/overview.ts';
import { EXPORT_FORMATS, exportBundle, type ExportFormat, type ExportOptions } from '../api/transfer.ts';
import { ApiProblem } from '../api/problem.ts';
import { KIND_LABELS, KIND_ORDER, kindLabel, plural } from '../overview/resources.ts';
import { useNotify } from '../shell/notify.tsx';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { downloadText } from '../resources/download.ts';
import { IssueList } from './IssueList.tsx';

const FORMATS: Record<ExportFormat, { label: string; extension: string; type: string }> = {
  kubernetes: { label: 'Kubernetes YAML', extension: 'yaml', type: 'application/yaml' },
  arm: { label: 'ARM template (JSON)', extension: 'json', type: 'application/json' },
  bicep: { label: 'Bicep', extension: 'bicep', type: 'text/plain' },
};

const NEWEST_FIRST = [...ARM_API_VERSIONS].reverse();

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: '16px' },
  options: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
    gap: '16px',
    alignItems: 'start',
  },
  picker: {
    maxHeight: '280px',
    overflowY: 'auto',
    padding: '8px 12px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
  },
  kind: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0 },
  actions: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' },
  output: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, minHeight: '320px' },
  secondary: { color: tokens.colorNeutralForeground3 },
});

type Scope = 'all' | 'pick';
const keyOf = (r: Resource) => `${r.kind}/${r.metadata.name}`;
const isDraft = (r: Resource) => r.status?.draft === true;

function isFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

function describe(options: ExportOptions): string {
  const parts = [FORMATS[options.format].label];
  if (options.format !== 'kubernetes' && options.apiVersion) parts.push(`API version ${options.apiVersion}`);
  const names = options.names ?? [];
  parts.push(
    options.names === undefined
      ? 'all resources'
      : names.length <= 4
        ? `resources named ${names.join(', ')}`
        : `resources with ${plural(names.length, 'chosen name')}`,
  );
  return parts.join(' · ');
}

/** The instance's resources grouped by kind, to pick from (drafts shown but never exported). */
function ResourcePicker({
  instance,
  picked,
  onChange,
}: {
  instance: string;
  picked: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
}) {
  const styles = useStyles();
  const lists = useQueries({ queries: KIND_ORDER.map((kind) => overviewQueries.resources(instance, kind)) });
  const failed = lists.find((list) => list.isError);
  if (failed) {
    return (
      <ProblemMessage
        error={failed.error}
        onRetry={() => lists.filter((l) => l.isError).forEach((l) => void l.refetch())}
      />
    );
  }
  if (lists.some((list) => list.isPending)) {
    return (
      <Skeleton aria-label="Loading resources">
        <SkeletonItem size={16} />
        <SkeletonItem size={16} />
      </Skeleton>
    );
  }
  const all = lists.flatMap((list) => list.data ?? []);
  if (all.length === 0) return <Caption1>The instance holds no resources to export.</Caption1>;
  const toggle = (key: string, checked: boolean) => {
    const next = new Set(picked);
    if (checked) next.add(key);
    else next.delete(key);
    onChange(next);
  };
  // The API selects by name across kinds: say what else a picked name brings along.
  const names = new Set(all.filter((r) => picked.has(keyOf(r))).map((r) => r.metadata.name));
  const along = all.filter((r) => !isDraft(r) && names.has(r.metadata.name) && !picked.has(keyOf(r)));
  return (
    <>
      <div className={styles.picker}>
        {KIND_ORDER.map((kind, index) => {
          const items = lists[index]?.data ?? [];
          if (items.length === 0) return null;
          return (
            <fieldset key={kind} className={styles.kind}>
              <legend className={styles.legend}>
                {KIND_LABELS[kind].many} ({items.length})
              </legend>
              {items.map((resource) => (
                <Checkbox
                  key={keyOf(resource)}
                  label={
                    isDraft(resource)
                      ? `${resource.metadata.name} (draft, never exported)`
                      : resource.metadata.name
                  }
                  disabled={isDraft(resource)}
                  checked={picked.has(keyOf(resource))}
                  onChange={(_event, data) => toggle(keyOf(resource), data.checked === true)}
                />
              ))}
            </fieldset>
          );
        })}
      </div>
      {along.length > 0 ? (
        <Caption1>
          Resources are chosen by name, so this also exports{' '}
          {along.map((r) => `${kindLabel(r.kind)} ${r.metadata.name}`).join(', ')}.
        </Caption1>
      ) : null}
    </>
  );
}

/** The instance (or some of its resources) as Kubernetes YAML, an ARM template or Bicep. */
export function ExportPanel({ instance }: { instance: string }) {
  const styles = useStyles();
  const notify = useNotify();
  const [format, setFormat] = useState<ExportFormat>('kubernetes');
  const [apiVersion, setApiVersion] = useState<string>(DEFAULT_ARM_API_VERSION);
  const [scope, setScope] = useState<Scope>('all');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const run = useMutation({ mutationFn: (options: ExportOptions) => exportBundle(instance, options) });

  const names = [...new Set([...picked].map((key) => key.slice(key.indexOf('/') + 1)))];
  const options: ExportOptions = {
    format,
    ...(format === 'kubernetes' ? {} : { apiVersion }),
    ...(scope === 'pick' ? { names } : {}),
  };
  const exported = run.isSuccess ? { ...run.data, options: run.variables } : undefined;
  const fileName = exported ? `${instance}.${FORMATS[exported.options.format].extension}` : undefined;

  const copy = (text: string) => {
    // Missing outside secure contexts (plain http on another host), whatever the DOM types say.
    if (typeof navigator.clipboard?.writeText !== 'function') {
      notify(
        'error',
        'Cannot copy here',
        'The browser offers no clipboard on this page; select the text and copy it.',
      );
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => notify('success', 'Copied to the clipboard'),
      () =>
        notify(
          'error',
          'Cannot copy',
          'The browser refused access to the clipboard; select the text and copy it.',
        ),
    );
  };

  return (
    <div className={styles.panel}>
      <div className={styles.options}>
        <Field label="Format">
          <Select
            data-testid="export-format"
            value={format}
            onChange={(_event, data) => {
              if (isFormat(data.value)) setFormat(data.value);
            }}
          >
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMATS[f].label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="ARM API version"
          hint={
            format === 'kubernetes'
              ? 'Kubernetes YAML is always connectivity.iotoperations.azure.com/v1.'
              : 'Resources this version cannot express are refused, not cut down.'
          }
        >
          <Select
            data-testid="export-api-version"
            value={apiVersion}
            disabled={format === 'kubernetes'}
            onChange={(_event, data) => setApiVersion(data.value)}
          >
            {NEWEST_FIRST.map((version) => (
              <option key={version} value={version}>
                {version === DEFAULT_ARM_API_VERSION ? `${version} (default)` : version}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Resources">
        <RadioGroup
          value={scope}
          onChange={(_event, data) => setScope(data.value === 'pick' ? 'pick' : 'all')}
          layout="horizontal"
        >
          <Radio value="all" label="All (drafts are never exported)" />
          <Radio value="pick" label="Choose…" />
        </RadioGroup>
      </Field>
      {scope === 'pick' ? <ResourcePicker instance={instance} picked={picked} onChange={setPicked} /> : null}
      <div className={styles.actions}>
        <Button
          appearance="primary"
          data-testid="export-run-button"
          disabled={run.isPending || (scope === 'pick' && names.length === 0)}
          onClick={() => run.mutate(options)}
        >
          {run.isPending ? 'Exporting…' : 'Export'}
        </Button>
        {scope === 'pick' && names.length === 0 ? (
          <Caption1 className={styles.secondary}>Choose at least one resource.</Caption1>
        ) : null}
      </div>
      <div aria-live="polite">
        {run.isPending ? <Spinner size="small" label="Exporting…" /> : null}
        {run.isError ? (
          <>
            <ProblemMessage error={run.error} />
            {run.error instanceof ApiProblem && run.error.errors.length > 0 ? (
              <IssueList issues={run.error.errors} />
            ) : null}
          </>
        ) : null}
      </div>
      {exported && fileName ? (
        <Field
          label="Result"
          hint={
            exported.text.trim() === ''
              ? 'Nothing to export: no resource matched (drafts are never exported).'
              : describe(exported.options)
          }
        >
          <Textarea
            textarea={{ className: styles.output }}
            data-testid="export-output"
            value={exported.text}
            readOnly
            resize="vertical"
            spellCheck={false}
          />
        </Field>
      ) : null}
      {exported && fileName ? (
        <div className={styles.actions}>
          <Button data-testid="export-copy" icon={<CopyRegular />} onClick={() => copy(exported.text)}>
            Copy
          </Button>
          <Button
            data-testid="export-download"
            icon={<ArrowDownloadRegular />}
            onClick={() => downloadText(exported.text, fileName, FORMATS[exported.options.format].type)}
          >
            Download {fileName}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
