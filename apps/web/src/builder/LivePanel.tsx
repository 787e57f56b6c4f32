import { Body1, Button, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { PauseRegular, PlayRegular } from '@fluentui/react-icons';
import type { TestCase } from '@flowplane/mapping';
import { isRecord } from '@flowplane/model';
import { useEffect, useState } from 'react';
import { apiUrl, segment } from '../api/request.ts';
import { samplesOf, withSamples } from './preview.ts';
import { useBuilder } from './store.ts';

/** One tapped message (the runtime's TapEvent). */
export interface TapEvent {
  at: string;
  topic: string;
  before: { payload: unknown };
  after?: { payload: unknown };
  dropped?: string;
  error?: string;
}

const KEEP = 10;

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  head: { display: 'flex', alignItems: 'center', gap: '6px' },
  grow: { marginRight: 'auto' },
  event: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr) auto',
    gap: '8px',
    alignItems: 'start',
    padding: '6px 8px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  code: {
    margin: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  muted: { color: tokens.colorNeutralForeground3 },
  dropped: { color: tokens.colorPaletteDarkOrangeForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

function isTapEvent(value: unknown): value is TapEvent {
  return isRecord(value) && typeof value.topic === 'string' && isRecord(value.before);
}

/**
 * Messages the running dataflow actually moves, sampled by the runtime (at most 20 a second), before and
 * after the transformation; one click makes any of them a preview sample.
 */
export function LivePanel({ instance, dataflow }: { instance: string; dataflow: string }) {
  const styles = useStyles();
  const apply = useBuilder((s) => s.apply);
  const [events, setEvents] = useState<readonly TapEvent[]>([]);
  const [paused, setPaused] = useState(false);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (paused) return;
    const source = new EventSource(
      apiUrl(`/instances/${segment(instance)}/runtime/dataflows/${segment(dataflow)}/tap`),
    );
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('message', (message) => {
      try {
        const event: unknown = JSON.parse(String(message.data));
        if (isTapEvent(event)) setEvents((current) => [event, ...current].slice(0, KEEP));
      } catch {
        // A malformed event is skipped; the stream goes on.
      }
    });
    return () => source.close();
  }, [instance, dataflow, paused]);

  const addSample = (event: TapEvent) =>
    apply((doc) => {
      const sample: TestCase = {
        name: `tapped ${new Date(event.at).toLocaleTimeString()}`,
        metadata: { topic: event.topic },
        input: event.before.payload,
      };
      return withSamples(doc, [...samplesOf(doc), sample]);
    });

  return (
    <section className={styles.panel} aria-label="Live messages" data-testid="builder-live">
      <div className={styles.head}>
        <Subtitle2 as="h2" className={styles.grow}>
          Live messages
        </Subtitle2>
        <Caption1 className={styles.muted}>
          {paused ? 'paused' : connected ? 'listening' : 'connecting…'}
        </Caption1>
        <Button
          size="small"
          icon={paused ? <PlayRegular /> : <PauseRegular />}
          onClick={() => setPaused((p) => !p)}
        >
          {paused ? 'Resume' : 'Pause'}
        </Button>
      </div>
      {events.length === 0 ? (
        <Body1 className={styles.muted}>Waiting for messages on the source topics…</Body1>
      ) : null}
      {events.map((event, index) => (
        <div key={`${event.at}-${index}`} className={styles.event} data-testid="live-event">
          <div>
            <Caption1 className={styles.muted}>
              {new Date(event.at).toLocaleTimeString()} · {event.topic}
            </Caption1>
            <pre className={styles.code}>{JSON.stringify(event.before.payload)}</pre>
          </div>
          <div>
            {event.after ? (
              <pre className={styles.code}>{JSON.stringify(event.after.payload)}</pre>
            ) : event.dropped ? (
              <Caption1 className={styles.dropped}>Dropped: {event.dropped}</Caption1>
            ) : (
              <Caption1 className={styles.error}>Error: {event.error}</Caption1>
            )}
          </div>
          <Button size="small" appearance="subtle" onClick={() => addSample(event)}>
            Use as sample
          </Button>
        </div>
      ))}
    </section>
  );
}
