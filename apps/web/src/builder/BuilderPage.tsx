import {
  Badge,
  Caption1,
  Body1,
  Spinner,
  Title2,
  Button,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowRedoRegular,
  ArrowUndoRegular,
  CodeRegular,
  KeyboardRegular,
  RocketRegular,
  SaveRegular,
} from '@fluentui/react-icons';
import { jsonEqual } from '@flowplane/mapping';
import type { Dataflow, DataflowEndpoint, DataflowProfile } from '@flowplane/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useEffect, useId, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useStore, type StoreApi } from 'zustand';
import { dataflowKeys, dataflowQueries } from '../api/dataflows.ts';
import { deployInstance } from '../api/deploy.ts';
import { useRuntimeStatus } from '../dataflows/use-runtime-status.ts';
import { ApiProblem } from '../api/problem.ts';
import { ALL_ENDPOINTS, endpointQueries } from '../api/endpoints.ts';
import { profileQueries } from '../api/profiles.ts';
import { runtimeKeys } from '../api/runtime.ts';
import { FormProvider, type FormApi } from '../forms/form-state.tsx';
import { pointerOf } from '../forms/pointer.ts';
import { formatDate } from '../resources/list.tsx';
import { useSaveResource, withoutStatus } from '../resources/use-save-resource.ts';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { useNotify } from '../shell/notify.tsx';
import { instancePath } from '../shell/sections.ts';
import { Canvas } from './Canvas.tsx';
import { Inspector } from './Inspector.tsx';
import { Palette } from './Palette.tsx';
import { LivePanel } from './LivePanel.tsx';
import { PreviewPanel } from './PreviewPanel.tsx';
import { clearRecovery, readRecovery, recoveryKey, writeRecovery, type Recovery } from './recovery.ts';
import { ShortcutsPanel } from './Shortcuts.tsx';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import {
  copiedStageOf,
  newDataflow,
  settingsOf,
  withStageSettings,
  withoutTransformation,
  type CopiedStage,
} from './operations.ts';
import { BuilderStoreContext, createBuilderStore, type BuilderState } from './store.ts';
import { EndpointsContext } from './use-drop-verdict.ts';
import { dataflowIssues } from './validation.ts';

const ManifestPanel = lazy(() => import('../resources/ManifestPanel.tsx'));
// Only a save conflict needs it (and the diff it draws).
const ConflictDialog = lazy(() => import('../resources/ConflictDialog.tsx'));

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '10px' },
  header: { display: 'flex', alignItems: 'center', gap: '10px', flexWrap: 'wrap' },
  title: { marginRight: 'auto' },
  layout: { display: 'grid', gridTemplateColumns: '190px minmax(0, 1fr)', gap: '12px', alignItems: 'start' },
  main: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  canvas: { height: '340px' },
  below: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: '12px',
    alignItems: 'start',
  },
  card: {
    padding: '12px 16px',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    minWidth: 0,
  },
  side: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  // A plain toolbar: Fluent's Toolbar adds aria-hidden focus sentinels, which axe flags.
  toolbar: { display: 'flex', alignItems: 'center', gap: '4px' },
  divider: { width: '1px', height: '20px', backgroundColor: tokens.colorNeutralStroke2, marginInline: '4px' },
  blocked: { color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
  recovery: {
    display: 'flex',
    alignItems: 'center',
    gap: '8px',
    flexWrap: 'wrap',
    padding: '8px 12px',
    backgroundColor: tokens.colorPaletteYellowBackground1,
    border: `1px solid ${tokens.colorPaletteYellowBorder1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  target.closest('input, textarea, select, [contenteditable="true"]') !== null;

interface EditorProps {
  instance: string;
  creating: boolean;
  store: StoreApi<BuilderState>;
  endpoints: readonly DataflowEndpoint[];
  profiles: readonly DataflowProfile[];
  /** Where this dataflow's unsaved work is kept in the browser, and what was kept there (recovery.ts). */
  recovery: { key: string; kept: Recovery | undefined };
}

function Editor({ instance, creating, store, endpoints, profiles, recovery }: EditorProps) {
  const styles = useStyles();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const doc = useStore(store, (s) => s.doc);
  const savedDoc = useStore(store, (s) => s.savedDoc);
  const canUndo = useStore(store, (s) => s.past.length > 0);
  const canRedo = useStore(store, (s) => s.future.length > 0);
  const [showManifest, setShowManifest] = useState(false);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const shortcutsId = useId();
  const byName = useMemo(() => new Map(endpoints.map((e) => [e.metadata.name, e])), [endpoints]);
  const issues = useMemo(() => dataflowIssues(doc, endpoints, profiles), [doc, endpoints, profiles]);
  const errors = issues.filter((i) => i.severity === 'error');
  const dirty = doc !== savedDoc;
  // Kept work is offered until the user takes or drops it; meanwhile nothing overwrites it.
  const [offer, setOffer] = useState(recovery.kept);
  useEffect(() => {
    if (offer) return;
    if (!dirty) {
      clearRecovery(recovery.key);
      return;
    }
    const timer = setTimeout(
      () =>
        writeRecovery(recovery.key, {
          doc,
          baseVersion: savedDoc.metadata.resourceVersion,
          at: new Date().toISOString(),
        }),
      300,
    );
    return () => clearTimeout(timer);
  }, [offer, dirty, doc, savedDoc, recovery.key]);
  // Live counters while the builder is open: the runtime's status every two seconds, when there is one.
  const { status: runtime, noRuntime: unserved } = useRuntimeStatus(instance, 2000);
  const live = creating ? undefined : runtime.data?.dataflows.find((d) => d.name === savedDoc.metadata.name);
  const draft = errors.length > 0;
  // No runtime serves this instance (none configured, or it serves another one): said by its record, or
  // by the API's 409 when asked.
  const noRuntime = unserved || (runtime.error instanceof ApiProblem && runtime.error.status === 409);
  // The API keeps drafts that break rules, but not ones whose shape is wrong (an empty required field).
  const unsaveable = errors.filter((i) => i.code.startsWith('schema.') || i.code === 'resource.notObject');

  const form: FormApi = useMemo(
    () => ({
      doc,
      set: (path, value, keep) => store.getState().set(path, value, keep),
      // Live everywhere: the builder shows what the platform would say about the dataflow as it is now.
      issuesAt: (path) => issues.filter((i) => i.path === pointerOf(path)),
    }),
    [doc, issues, store],
  );

  const saver = useSaveResource<Dataflow>({
    instance,
    kind: 'dataflows',
    noun: 'dataflow',
    mode: creating ? 'create' : 'edit',
    doc,
    draft,
    baseVersion: savedDoc.metadata.resourceVersion,
    invalidate: dataflowKeys.all(instance),
    onSaved: async (saved) => {
      clearRecovery(recovery.key);
      store.getState().reset(withoutStatus(saved));
      if (creating)
        await navigate(`${instancePath(instance, 'dataflows', saved.metadata.name)}/edit`, { replace: true });
    },
    onRejected: () => undefined,
  });

  const deploy = useMutation({
    mutationFn: () => deployInstance(instance),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: runtimeKeys.status(instance) });
      const mine = result.plan.find((p) => p.name === doc.metadata.name);
      notify(
        'success',
        'Deployed',
        mine ? `${doc.metadata.name}: ${mine.action}` : `${result.plan.length} dataflows`,
      );
    },
    onError: (error) => notify('error', 'Deploy failed', error.message),
  });

  // Shortcuts: undo, redo and save; Delete removes the selected transformation.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const state = store.getState();
      if (mod && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (!saver.pending) saver.save();
      } else if (mod && !isTyping(event.target) && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        if (event.shiftKey) state.redo();
        else state.undo();
      } else if (mod && !isTyping(event.target) && event.key.toLowerCase() === 'y') {
        event.preventDefault();
        state.redo();
      } else if (mod && !isTyping(event.target) && event.key.toLowerCase() === 'c' && state.selected) {
        // Copy a stage, to paste it into this or another dataflow.
        const settings = settingsOf(state.doc, state.selected);
        if (settings === undefined) return;
        event.preventDefault();
        const copied: CopiedStage = { flowplaneStage: state.selected, settings };
        void navigator.clipboard.writeText(JSON.stringify(copied)).then(
          () => notify('info', 'Stage copied', 'Paste it with Ctrl+V into this or another dataflow.'),
          () => notify('error', 'Copy failed', 'The browser did not allow access to the clipboard.'),
        );
      } else if (mod && !isTyping(event.target) && event.key.toLowerCase() === 'v') {
        event.preventDefault();
        void navigator.clipboard.readText().then((text) => {
          const copied = copiedStageOf(text);
          if (copied === undefined) {
            notify('warning', 'Nothing to paste', 'The clipboard holds no copied stage.');
            return;
          }
          state.apply((doc) => withStageSettings(doc, copied));
          state.select(copied.flowplaneStage);
        });
      } else if (event.key === '?' && !isTyping(event.target)) {
        event.preventDefault();
        setShowShortcuts((shown) => !shown);
      } else if ((mod && event.key.toLowerCase() === 'k') || (event.key === '/' && !isTyping(event.target))) {
        // Search the palette.
        event.preventDefault();
        document.querySelector<HTMLInputElement>('[data-testid="builder-palette"] input')?.focus();
      } else if (
        event.key === 'Delete' &&
        !isTyping(event.target) &&
        state.selected === 'BuiltInTransformation'
      ) {
        state.apply(withoutTransformation);
        state.select(undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, saver, notify]);

  return (
    <EndpointsContext value={byName}>
      <FormProvider value={form}>
        <section aria-labelledby="page-title" className={styles.page}>
          <div className={styles.header}>
            <Title2 as="h1" id="page-title" className={styles.title}>
              {creating ? 'New dataflow' : doc.metadata.name}
            </Title2>
            {errors.length > 0 ? (
              <Badge color="danger" data-testid="builder-state">
                {errors.length} problem{errors.length === 1 ? '' : 's'}: saves as a draft
              </Badge>
            ) : (
              <Badge color="success" data-testid="builder-state">
                Valid
              </Badge>
            )}
            {dirty ? <Badge appearance="outline">Unsaved changes</Badge> : null}
            {unsaveable.length > 0 ? (
              <Caption1 className={styles.blocked} data-testid="builder-unsaveable">
                Fill {unsaveable.length === 1 ? 'the field' : `the ${unsaveable.length} fields`} marked in
                Problems to save, even as a draft
              </Caption1>
            ) : null}
            {noRuntime ? (
              <Caption1 className={styles.muted} data-testid="builder-no-runtime">
                No runtime serves this instance: deploying is off
              </Caption1>
            ) : null}
            {live ? (
              <Badge
                appearance="tint"
                color={
                  live.state === 'running' ? 'brand' : live.state === 'failed' ? 'danger' : 'informative'
                }
                data-testid="builder-runtime"
              >
                Runtime: {live.state}
              </Badge>
            ) : null}
            <div role="toolbar" aria-label="Builder" className={styles.toolbar}>
              <Tooltip content="Undo (Ctrl+Z)" relationship="label">
                <Button
                  appearance="subtle"
                  icon={<ArrowUndoRegular />}
                  disabled={!canUndo}
                  onClick={() => store.getState().undo()}
                />
              </Tooltip>
              <Tooltip content="Redo (Ctrl+Shift+Z)" relationship="label">
                <Button
                  appearance="subtle"
                  icon={<ArrowRedoRegular />}
                  disabled={!canRedo}
                  onClick={() => store.getState().redo()}
                />
              </Tooltip>
              <Button
                appearance="subtle"
                icon={<CodeRegular />}
                aria-pressed={showManifest}
                onClick={() => setShowManifest((shown) => !shown)}
              >
                Manifest
              </Button>
              <Button
                appearance="subtle"
                icon={<KeyboardRegular />}
                aria-expanded={showShortcuts}
                aria-controls={showShortcuts ? shortcutsId : undefined}
                onClick={() => setShowShortcuts((shown) => !shown)}
                data-testid="builder-shortcuts-toggle"
              >
                Shortcuts
              </Button>
              <span className={styles.divider} aria-hidden />
              <Button
                appearance="primary"
                icon={saver.pending ? <Spinner size="tiny" /> : <SaveRegular />}
                disabled={saver.pending || (!dirty && !creating) || unsaveable.length > 0}
                onClick={() => saver.save()}
                data-testid="builder-save"
              >
                {draft ? 'Save draft' : 'Save'}
              </Button>
              <Tooltip
                content={
                  noRuntime
                    ? 'No runtime serves this instance: start Flowplane with its embedded runtime for it, or configure one'
                    : draft
                      ? 'Fix the problems first: drafts are never deployed'
                      : dirty || creating
                        ? 'Save first'
                        : 'Deploy the instance to its runtime'
                }
                relationship="description"
              >
                <Button
                  appearance="subtle"
                  icon={deploy.isPending ? <Spinner size="tiny" /> : <RocketRegular />}
                  disabled={noRuntime || draft || dirty || creating || deploy.isPending}
                  onClick={() => deploy.mutate()}
                  data-testid="builder-deploy"
                >
                  Deploy
                </Button>
              </Tooltip>
            </div>
          </div>
          {offer ? (
            <div
              className={styles.recovery}
              role="region"
              aria-label="Unsaved work"
              data-testid="builder-recovery"
            >
              <Body1>
                Unsaved changes from {formatDate(offer.at)} were kept in this browser.
                {offer.baseVersion !== undefined && offer.baseVersion !== savedDoc.metadata.resourceVersion
                  ? ' The stored dataflow has changed since: saving will ask which version to keep.'
                  : ''}
              </Body1>
              <Button
                appearance="primary"
                onClick={() => {
                  store.getState().recover(offer.doc, offer.baseVersion);
                  setOffer(undefined);
                }}
                data-testid="builder-recovery-restore"
              >
                Restore
              </Button>
              <Button onClick={() => setOffer(undefined)} data-testid="builder-recovery-discard">
                Discard
              </Button>
            </div>
          ) : null}
          <div className={styles.layout}>
            <div className={styles.card}>
              <Palette instance={instance} endpoints={endpoints} />
            </div>
            <div className={styles.main}>
              <div className={styles.canvas}>
                <Canvas issues={issues} live={live} />
              </div>
              <div className={styles.below}>
                <div className={styles.card}>
                  <Inspector creating={creating} profiles={profiles} />
                </div>
                <div className={styles.side}>
                  {showShortcuts ? (
                    <div className={styles.card}>
                      <ShortcutsPanel id={shortcutsId} />
                    </div>
                  ) : null}
                  <div className={styles.card}>
                    <ProblemsPanel issues={issues} />
                  </div>
                  {showManifest ? (
                    <Suspense fallback={<Body1>Loading the manifest view…</Body1>}>
                      <ManifestPanel resource={doc} />
                    </Suspense>
                  ) : null}
                </div>
              </div>
              <div className={styles.card}>
                <PreviewPanel />
              </div>
              {live?.state === 'running' ? (
                <div className={styles.card}>
                  <LivePanel instance={instance} dataflow={savedDoc.metadata.name} />
                </div>
              ) : null}
            </div>
          </div>
          {saver.conflict ? (
            <Suspense fallback={null}>
              <ConflictDialog
                mine={doc}
                theirs={saver.conflict}
                onOverwrite={saver.overwrite}
                onLoadTheirs={() => {
                  const theirs = saver.takeTheirs();
                  if (theirs) store.getState().reset(withoutStatus(theirs));
                }}
                onCancel={saver.dismissConflict}
              />
            </Suspense>
          ) : null}
        </section>
      </FormProvider>
    </EndpointsContext>
  );
}

function Loaded({ instance, initial, creating }: { instance: string; initial: Dataflow; creating: boolean }) {
  const endpoints = useQuery(endpointQueries.list(instance, ALL_ENDPOINTS));
  const profiles = useQuery(profileQueries.list(instance, { limit: 1000 }));
  // One store per opened dataflow; kept across re-renders.
  const [store] = useState(() => createBuilderStore(initial));
  // Read once, when the dataflow opens; work identical to what was loaded is nothing to offer.
  const [recovery] = useState(() => {
    const key = recoveryKey(instance, creating ? undefined : initial.metadata.name);
    const kept = readRecovery(key);
    return { key, kept: kept && !jsonEqual(kept.doc, initial) ? kept : undefined };
  });
  if (endpoints.isPending || profiles.isPending) return <Spinner label="Loading endpoints and profiles…" />;
  if (endpoints.isError)
    return <ProblemMessage error={endpoints.error} onRetry={() => void endpoints.refetch()} />;
  if (profiles.isError)
    return <ProblemMessage error={profiles.error} onRetry={() => void profiles.refetch()} />;
  return (
    <BuilderStoreContext value={store}>
      <Editor
        instance={instance}
        creating={creating}
        store={store}
        endpoints={endpoints.data.items}
        profiles={profiles.data.items}
        recovery={recovery}
      />
    </BuilderStoreContext>
  );
}

/** `/dataflows/new` and `/dataflows/:name/edit`: the visual builder. */
export function BuilderPage() {
  const { instance = 'default', name } = useParams();
  const flow = useQuery({
    ...dataflowQueries.detail(instance, name ?? ''),
    enabled: name !== undefined,
    staleTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  if (name === undefined) return <Loaded key="new" instance={instance} initial={newDataflow()} creating />;
  if (flow.isPending) return <Spinner label="Loading the dataflow…" />;
  if (flow.isError) return <ProblemMessage error={flow.error} onRetry={() => void flow.refetch()} />;
  return <Loaded key={name} instance={instance} initial={withoutStatus(flow.data)} creating={false} />;
}

export default BuilderPage;
