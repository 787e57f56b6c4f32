import type { Resource } from '@flowplane/model';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiProblem, type ProblemIssue } from '../api/problem.ts';
import { createResource, getResource, replaceResource, type ResourceSegment } from '../api/resources.ts';
import { useNotify } from '../shell/notify.tsx';

export interface SaveOptions<R extends Resource> {
  instance: string;
  kind: ResourceSegment;
  /** Singular noun for messages ("endpoint", "profile"). */
  noun: string;
  mode: 'create' | 'edit';
  doc: R;
  /** The version the edit started from; If-Match sends it so a concurrent change is never overwritten. */
  baseVersion: string | undefined;
  /** Query keys to refresh after a save. */
  invalidate: readonly unknown[];
  onSaved: (resource: R) => void | Promise<void>;
  /** The API rejected the resource: its issues go to the fields. */
  onRejected: (issues: ProblemIssue[]) => void;
  /** Dataflows: store it as a draft (allowed while it breaks rules). */
  draft?: boolean;
}

/**
 * Create or replace with the API's concurrency rules: a 412 fetches the version someone else saved and
 * holds it as `conflict` for the user to compare, instead of overwriting it.
 */
export function useSaveResource<R extends Resource>(options: SaveOptions<R>) {
  const { instance, kind, noun, mode, doc } = options;
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [baseVersion, setBaseVersion] = useState(options.baseVersion);
  // The caller's version moves on (a save, a reload, recovered work): edits continue from it.
  const [given, setGiven] = useState(options.baseVersion);
  if (given !== options.baseVersion) {
    setGiven(options.baseVersion);
    setBaseVersion(options.baseVersion);
  }
  const [conflict, setConflict] = useState<R | undefined>(undefined);

  const mutation = useMutation({
    mutationFn: (ifMatch: string | undefined) => {
      const write = { draft: options.draft === true };
      return mode === 'create'
        ? createResource(instance, kind, doc, write)
        : replaceResource(instance, kind, doc, ifMatch, write);
    },
    onSuccess: async (resource) => {
      await queryClient.invalidateQueries({ queryKey: options.invalidate });
      const verb = mode === 'create' ? 'created' : 'saved';
      notify(
        'success',
        `${noun[0]!.toUpperCase()}${noun.slice(1)} ${resource.metadata.name} ${verb}${options.draft ? ' as a draft' : ''}`,
        options.draft ? 'Drafts keep work in progress; they are never deployed.' : undefined,
      );
      await options.onSaved(resource);
    },
    onError: async (error) => {
      if (!isApiProblem(error)) {
        notify('error', `The ${noun} was not saved`, error.message);
        return;
      }
      if (error.status === 412) {
        try {
          setConflict(await getResource<R>(instance, kind, doc.metadata.name));
        } catch {
          notify('error', `This ${noun} was changed or deleted by someone else`, error.detail);
        }
        return;
      }
      const issues: ProblemIssue[] =
        error.status === 409 && mode === 'create'
          ? [{ path: '/metadata/name', code: 'name.taken', message: error.detail ?? error.title }]
          : [...error.errors];
      options.onRejected(issues);
      notify(
        'error',
        error.title,
        issues.length > 0 ? 'The problems are shown at their fields.' : error.detail,
      );
    },
  });

  return {
    save: () => mutation.mutate(baseVersion),
    pending: mutation.isPending,
    conflict,
    /** Save again over their version, knowingly. */
    overwrite: () => {
      if (conflict === undefined) return;
      setBaseVersion(conflict.metadata.resourceVersion);
      setConflict(undefined);
      mutation.mutate(conflict.metadata.resourceVersion);
    },
    /** Continue from their version: the caller resets the form to it. */
    takeTheirs: (): R | undefined => {
      if (conflict === undefined) return undefined;
      setBaseVersion(conflict.metadata.resourceVersion);
      setConflict(undefined);
      return conflict;
    },
    dismissConflict: () => setConflict(undefined),
  };
}

/** The definition without the server's read-only status (usage, last change). */
export function withoutStatus<R extends Resource>(resource: R): R {
  const { status: _status, ...definition } = resource;
  return definition as R;
}
