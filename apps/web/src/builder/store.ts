import type { Dataflow } from '@flowplane/model';
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import { setAt } from '../forms/pointer.ts';
import type { StageType } from './operations.ts';

/** How long edits of one field merge into one undo step (typing a word is one step, not one per key). */
const MERGE_MS = 800;
const HISTORY = 100;

export interface BuilderState {
  doc: Dataflow;
  past: readonly Dataflow[];
  future: readonly Dataflow[];
  selected: StageType | undefined;
  /** The endpoint being dragged from the palette: nodes judge a drop while it hovers. */
  dragging: string | undefined;
  /** Version of `doc` saved last; `dirty` compares against it. */
  savedDoc: Dataflow;
  set: (path: readonly string[], value: unknown, keep?: number) => void;
  apply: (change: (doc: Dataflow) => Dataflow) => void;
  /** Replaces the document without history (loaded, saved, their version after a conflict). */
  reset: (doc: Dataflow) => void;
  /**
   * Brings back unsaved work: `doc` becomes the document (undo returns to what was loaded), as an edit of
   * version `baseVersion` — a save then meets the conflict dialog if the stored one has moved on since.
   */
  recover: (doc: Dataflow, baseVersion: string | undefined) => void;
  undo: () => void;
  redo: () => void;
  select: (stage: StageType | undefined) => void;
  drag: (endpoint: string | undefined) => void;
}

/**
 * The editor's state: the dataflow being designed is the only truth; the canvas, the inspector and the
 * problems are all derived from it. One store per open builder (a factory, provided through context).
 */
export function createBuilderStore(initial: Dataflow): StoreApi<BuilderState> {
  let lastPath = '';
  let lastAt = 0;
  return createStore<BuilderState>()((setState, get) => {
    const commit = (next: Dataflow, mergeKey: string) => {
      const now = Date.now();
      const merge = mergeKey !== '' && mergeKey === lastPath && now - lastAt < MERGE_MS;
      lastPath = mergeKey;
      lastAt = now;
      const { doc, past } = get();
      if (next === doc) return;
      setState({
        doc: next,
        past: merge ? past : [...past, doc].slice(-HISTORY),
        future: [],
      });
    };
    return {
      doc: initial,
      past: [],
      future: [],
      selected: undefined,
      dragging: undefined,
      savedDoc: initial,
      set: (path, value, keep = 0) => commit(setAt(get().doc, path, value, keep), path.join('/')),
      apply: (change) => commit(change(get().doc), ''),
      reset: (doc) => {
        lastPath = '';
        setState({ doc, savedDoc: doc, past: [], future: [] });
      },
      recover: (doc, baseVersion) => {
        lastPath = '';
        const loaded = get().savedDoc;
        const base =
          baseVersion === undefined || baseVersion === loaded.metadata.resourceVersion
            ? loaded
            : { ...loaded, metadata: { ...loaded.metadata, resourceVersion: baseVersion } };
        setState({ doc, savedDoc: base, past: [base], future: [] });
      },
      undo: () => {
        const { past, doc, future } = get();
        const previous = past.at(-1);
        if (previous === undefined) return;
        lastPath = '';
        setState({ doc: previous, past: past.slice(0, -1), future: [doc, ...future] });
      },
      redo: () => {
        const { past, doc, future } = get();
        const [next, ...rest] = future;
        if (next === undefined) return;
        lastPath = '';
        setState({ doc: next, past: [...past, doc], future: rest });
      },
      select: (stage) => setState({ selected: stage }),
      drag: (endpoint) => setState({ dragging: endpoint }),
    };
  });
}

export const BuilderStoreContext = createContext<StoreApi<BuilderState> | null>(null);

export function useBuilder<T>(selector: (state: BuilderState) => T): T {
  const store = useContext(BuilderStoreContext);
  if (store === null) throw new Error('useBuilder() outside a builder.');
  return useStore(store, selector);
}

/** The store itself, for handlers that read the state at the moment they run. */
export function useBuilderStore(): StoreApi<BuilderState> {
  const store = useContext(BuilderStoreContext);
  if (store === null) throw new Error('useBuilderStore() outside a builder.');
  return store;
}
