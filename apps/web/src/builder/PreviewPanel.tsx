import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import type { MapEffect, TracedTransformResult } from '@flowplane/mapping';
import type { TestCase } from '@flowplane/mapping';
import { useMemo, useState } from 'react';
import { expectationOf, runPreview, samplesOf, withSamples, type PreviewOutcome } from './preview.ts';
import { settingsOf } from './operations.ts';
import { useBuilder } from './store.ts';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: '10px', minWidth: 0 },
  sample: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: '10px',
    padding: '10px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  input: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0 },
  output: { display: 'flex', flexDirection: 'column', gap: '4px', minWidth: 0, alignItems: 'start' },
  head: { display: 'flex', alignItems: 'center', gap: '6px' },
  grow: { marginRight: 'auto' },
  code: {
    margin: 0,
    padding: '6px 8px',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  stage: { color: tokens.colorNeutralForeground3 },
  payload: { fontFamily: tokens.fontFamilyMonospace },
});

const newSample = (index: number): TestCase => ({
  name: `sample ${index + 1}`,
  metadata: { topic: 'thermostats/1/telemetry' },
  input: { temperature: 21.5 },
});

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * The payload as the user types it: written to the dataflow whenever it is valid JSON, and re-read when
 * the dataflow changes underneath (undo), so half-typed JSON is never lost nor saved.
 */
function PayloadEditor({
  index,
  value,
  onChange,
}: {
  index: number;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const styles = useStyles();
  const [text, setText] = useState(() => pretty(value));
  const [error, setError] = useState<string | undefined>(undefined);
  const [shown, setShown] = useState(() => JSON.stringify(value));
  // The dataflow changed underneath (undo, load): show its payload. Adjusted while rendering, not in an effect.
  const current = JSON.stringify(value);
  if (current !== shown) {
    setShown(current);
    setText(pretty(value));
    setError(undefined);
  }
  return (
    <Field
      label="Payload (JSON)"
      size="small"
      validationState={error ? 'error' : 'none'}
      validationMessage={error}
    >
      <Textarea
        className={styles.payload}
        resize="vertical"
        rows={5}
        value={text}
        data-testid={`preview-payload-${index}`}
        onChange={(_e, data) => {
          setText(data.value);
          try {
            const parsed: unknown = JSON.parse(data.value);
            setShown(JSON.stringify(parsed));
            onChange(parsed);
            setError(undefined);
          } catch (failure) {
            setError(`Not JSON yet: ${failure instanceof Error ? failure.message : String(failure)}`);
          }
        }}
      />
    </Field>
  );
}

function effectText(effect: MapEffect): string {
  switch (effect.kind) {
    case 'write':
      return `${effect.output} = ${JSON.stringify(effect.value)}`;
    case 'remove':
      return `removed ${effect.output}`;
    case 'removeInputs':
      return `removed ${effect.inputs.join(', ')}`;
    case 'suppressed':
      return `overridden by rule ${effect.by + 1}`;
    case 'skipped':
    case 'missing':
    case 'error':
      return `${effect.kind}: ${effect.reason}`;
  }
}

function Trace({ result }: { result: TracedTransformResult }) {
  const styles = useStyles();
  const { trace } = result;
  return (
    <>
      {trace.datasets.map((d) => (
        <Caption1 key={d.dataset} className={styles.stage}>
          Dataset {d.alias}:{' '}
          {d.matchedRecord === undefined ? 'no record matched' : `record ${d.matchedRecord + 1} matched`}
        </Caption1>
      ))}
      {trace.filter.rules.map((r) => (
        <Caption1 key={r.rule} className={styles.stage}>
          Filter rule {r.rule + 1}: {r.verdict}
          {r.reason ? ` (${r.reason})` : ''}
        </Caption1>
      ))}
      {trace.mapPassThrough ? (
        <Caption1 className={styles.stage}>Map: no rules, passed through</Caption1>
      ) : (
        trace.map.map((r) => (
          <Caption1 key={r.rule} className={styles.stage}>
            Map rule {r.rule + 1}: {r.effects.map(effectText).join('; ') || 'no effect'}
          </Caption1>
        ))
      )}
    </>
  );
}

function Outcome({
  outcome,
  filterExpressions,
  onExpect,
  onForget,
  expected,
}: {
  outcome: PreviewOutcome | undefined;
  filterExpressions: string[];
  onExpect: () => void;
  onForget: () => void;
  expected: boolean;
}) {
  const styles = useStyles();
  if (outcome === undefined) return null;
  const { result, check } = outcome;
  return (
    <>
      {result.kind === 'emit' ? (
        <>
          <Badge color="success" data-testid="preview-verdict">
            Sent
          </Badge>
          <pre className={styles.code} data-testid="preview-output">
            {JSON.stringify(result.message.payload, null, 2)}
          </pre>
        </>
      ) : result.kind === 'drop' ? (
        <Badge color="warning" data-testid="preview-verdict">
          Dropped by filter rule {result.rule + 1}
          {filterExpressions[result.rule] ? `: ${filterExpressions[result.rule]}` : ''}
        </Badge>
      ) : (
        <Badge color="danger" data-testid="preview-verdict">
          Error in {result.stage} rule {result.rule + 1}: {result.reason}
        </Badge>
      )}
      <Trace result={result} />
      {result.warnings?.map((w, i) => (
        <Caption1 key={i} className={styles.stage}>
          Warning in {w.stage} rule {w.rule + 1}: {w.reason}
        </Caption1>
      ))}
      {check ? (
        <>
          <Badge color={check.pass ? 'success' : 'danger'} appearance="outline" data-testid="preview-check">
            {check.pass ? 'Test passes' : 'Test fails'}
          </Badge>
          {check.problem ? <pre className={styles.code}>{check.problem}</pre> : null}
        </>
      ) : null}
      <div className={styles.head}>
        <Button size="small" onClick={onExpect} data-testid="preview-expect">
          {expected ? 'Expect this instead' : 'Expect this'}
        </Button>
        {expected ? (
          <Button size="small" appearance="subtle" onClick={onForget}>
            Forget expectation
          </Button>
        ) : null}
      </div>
    </>
  );
}

/**
 * Sample messages through the transformation as the runtime would run it, recomputed on every change:
 * the output, the filter verdict with the rule that dropped it, and what each rule did.
 */
export function PreviewPanel() {
  const styles = useStyles();
  const doc = useBuilder((s) => s.doc);
  const apply = useBuilder((s) => s.apply);
  const samples = useMemo(() => samplesOf(doc), [doc]);
  const preview = useMemo(() => runPreview(doc, samples), [doc, samples]);
  const filters = settingsOf(doc, 'BuiltInTransformation')?.filter;
  const filterExpressions = (Array.isArray(filters) ? filters : []).map((f: unknown) =>
    typeof f === 'object' && f !== null && 'expression' in f && typeof f.expression === 'string'
      ? f.expression
      : '',
  );
  const write = (next: TestCase[]) => apply((current) => withSamples(current, next));
  const change = (index: number, patch: (sample: TestCase) => TestCase) =>
    write(samples.map((s, i) => (i === index ? patch(s) : s)));

  return (
    <section className={styles.panel} aria-label="Preview" data-testid="builder-preview">
      <div className={styles.head}>
        <Subtitle2 as="h2" className={styles.grow}>
          Preview
        </Subtitle2>
        <Button
          size="small"
          icon={<AddRegular />}
          onClick={() => write([...samples, newSample(samples.length)])}
          data-testid="preview-add"
        >
          Add sample
        </Button>
      </div>
      {samples.length === 0 ? (
        <Body1>
          Add a sample message to see what the transformation makes of it. Samples are saved with the
          dataflow.
        </Body1>
      ) : null}
      {preview.kind === 'invalid' ? (
        <Caption1 role="alert">Fix the transformation to preview: {preview.messages.join(' · ')}</Caption1>
      ) : null}
      {samples.map((sample, index) => (
        <div key={index} className={styles.sample} data-testid={`preview-sample-${index}`}>
          <div className={styles.input}>
            <div className={styles.head}>
              <Caption1 className={styles.grow}>{sample.name}</Caption1>
              <Button
                size="small"
                appearance="subtle"
                icon={<DeleteRegular />}
                aria-label={`Remove sample ${index + 1}`}
                onClick={() => write(samples.filter((_s, i) => i !== index))}
              />
            </div>
            <Field label="Topic" size="small">
              <Input
                size="small"
                value={sample.metadata?.topic ?? ''}
                onChange={(_e, data) =>
                  change(index, (current) => ({
                    ...current,
                    metadata: { ...current.metadata, topic: data.value },
                  }))
                }
              />
            </Field>
            <PayloadEditor
              index={index}
              value={sample.input}
              onChange={(input) => change(index, (current) => ({ ...current, input }))}
            />
          </div>
          <div className={styles.output} aria-live="polite">
            <Outcome
              outcome={preview.kind === 'ready' ? preview.outcomes[index] : undefined}
              filterExpressions={filterExpressions}
              expected={sample.expect !== undefined}
              onExpect={() => {
                const outcome = preview.kind === 'ready' ? preview.outcomes[index] : undefined;
                if (outcome) change(index, (current) => ({ ...current, expect: expectationOf(outcome) }));
              }}
              onForget={() => change(index, ({ expect: _expect, ...rest }) => rest)}
            />
          </div>
        </div>
      ))}
    </section>
  );
}
