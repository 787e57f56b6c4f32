import type { Dataflow } from '@flowplane/model';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  ALL_DATAFLOWS,
  createDataflow,
  dataflowKeys,
  dataflowQueries,
  replaceDataflow,
} from '../api/dataflows.ts';
import { isApiProblem } from '../api/problem.ts';
import { useNotify } from '../shell/notify.tsx';
import { instancePath } from '../shell/sections.ts';
import { copyName, copyOf, withMode } from './summary.ts';

const isDraft = (flow: Dataflow) => flow.status?.draft === true;

/** What to tell about a failed write: the problem's detail, and its first finding if it has any. */
export function problemText(error: Error): string {
  if (!isApiProblem(error)) return error.message;
  const first = error.errors[0];
  const detail = error.detail ?? error.title;
  return first === undefined ? detail : `${detail} ${first.message}`;
}

interface ModeChange {
  flow: Dataflow;
  enabled: boolean;
}

/**
 * Enables or disables a dataflow from the list: a PUT of the version the list shows (If-Match), shown at
 * once and put back if the API refuses it (412 when someone changed it meanwhile). Drafts stay drafts.
 */
export function useModeToggle(instance: string) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const listKey = dataflowQueries.list(instance, ALL_DATAFLOWS).queryKey;
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());

  const put = (name: string, flow: Dataflow) =>
    queryClient.setQueryData(listKey, (list) =>
      list === undefined
        ? undefined
        : { ...list, items: list.items.map((f) => (f.metadata.name === name ? flow : f)) },
    );
  const mark = (name: string, busy: boolean) =>
    setPending((current) => {
      const next = new Set(current);
      if (busy) next.add(name);
      else next.delete(name);
      return next;
    });

  const mutation = useMutation({
    mutationFn: ({ flow, enabled }: ModeChange) =>
      replaceDataflow(instance, withMode(flow, enabled ? 'Enabled' : 'Disabled'), { draft: isDraft(flow) }),
    onMutate: async ({ flow, enabled }) => {
      mark(flow.metadata.name, true);
      await queryClient.cancelQueries({ queryKey: listKey });
      put(flow.metadata.name, { ...flow, spec: { ...flow.spec, mode: enabled ? 'Enabled' : 'Disabled' } });
    },
    onSuccess: (saved, { enabled }) => {
      // The saved version at once: another toggle before the list is fetched again must not send a stale one.
      put(saved.metadata.name, saved);
      notify(
        'success',
        `${saved.metadata.name} ${enabled ? 'enabled' : 'disabled'}`,
        isDraft(saved) ? undefined : 'The runtime applies it at the next deploy.',
      );
    },
    onError: (error, { flow, enabled }) => {
      put(flow.metadata.name, flow);
      notify(
        'error',
        `${flow.metadata.name} was not ${enabled ? 'enabled' : 'disabled'}`,
        problemText(error),
      );
    },
    onSettled: async (_saved, _error, { flow }) => {
      mark(flow.metadata.name, false);
      await queryClient.invalidateQueries({ queryKey: dataflowKeys.all(instance) });
    },
  });

  return { toggle: (change: ModeChange) => mutation.mutate(change), pending };
}

/** A copy made while another took a name gets the next free one; a few tries are plenty. */
const COPY_ATTEMPTS = 5;

/**
 * Duplicates a dataflow as a draft named `<name>-copy` (or the next free `-copy-N`), then opens the copy
 * in the builder: a copy usually needs changes before it is valid on its own (the same topics, say).
 */
export function useDuplicate(instance: string, taken: readonly string[]) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const navigate = useNavigate();

  return useMutation({
    mutationFn: async (flow: Dataflow) => {
      const names = new Set(taken);
      for (let attempt = 1; ; attempt++) {
        const name = copyName(flow.metadata.name, names);
        try {
          return await createDataflow(instance, copyOf(flow, name), { draft: true });
        } catch (error) {
          if (!(isApiProblem(error) && error.status === 409) || attempt === COPY_ATTEMPTS) throw error;
          names.add(name);
        }
      }
    },
    onSuccess: async (copy, flow) => {
      await queryClient.invalidateQueries({ queryKey: dataflowKeys.all(instance) });
      notify('success', `Dataflow ${copy.metadata.name} created`, `A draft copy of ${flow.metadata.name}.`);
      await navigate(`${instancePath(instance, 'dataflows', copy.metadata.name)}/edit`);
    },
    onError: (error, flow) => {
      notify('error', `${flow.metadata.name} was not duplicated`, problemText(error));
    },
  });
}
