import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ProblemIssue } from '../api/problem.ts';
import { pointerOf, setAt } from './pointer.ts';

export interface FormApi {
  doc: unknown;
  set(path: readonly string[], value: unknown, keep?: number): void;
  /** The issues to show at exactly this path: once the field was touched, or after a save attempt. */
  issuesAt(path: readonly string[]): readonly ProblemIssue[];
}

const FormContext = createContext<FormApi | null>(null);

export function useForm(): FormApi {
  const form = useContext(FormContext);
  if (form === null) throw new Error('useForm() outside a <FormProvider>.');
  return form;
}

export function FormProvider({ value, children }: { value: FormApi; children: ReactNode }) {
  return <FormContext value={value}>{children}</FormContext>;
}

function related(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/**
 * The state of a resource form: the document, live issues from the model (the API's engine) and issues
 * the server reported. A field shows its issues once it was touched or after a save attempt; a server
 * issue goes away when the user changes that field (local validation takes over from there).
 */
export function useResourceForm<T>(initial: T, validate: (doc: T) => readonly ProblemIssue[]) {
  const [doc, setDoc] = useState<T>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverIssues, setServerIssues] = useState<readonly ProblemIssue[]>([]);

  const localIssues = useMemo(() => validate(doc), [doc, validate]);
  const issues = useMemo(() => {
    const seen = new Set(localIssues.map((i) => `${i.path}\u0000${i.message}`));
    return [...localIssues, ...serverIssues.filter((i) => !seen.has(`${i.path}\u0000${i.message}`))];
  }, [localIssues, serverIssues]);

  const set = useCallback((path: readonly string[], value: unknown, keep = 0) => {
    const pointer = pointerOf(path);
    setDoc((current) => setAt(current, path, value, keep));
    setTouched((current) => (current.has(pointer) ? current : new Set(current).add(pointer)));
    setServerIssues((current) => current.filter((i) => !related(i.path, pointer)));
  }, []);

  const visible = useCallback(
    (pointer: string) => showAll || [...touched].some((t) => related(t, pointer)),
    [showAll, touched],
  );

  const issuesAt = useCallback(
    (path: readonly string[]) => {
      const pointer = pointerOf(path);
      return visible(pointer) ? issues.filter((i) => i.path === pointer) : [];
    },
    [issues, visible],
  );

  const api: FormApi = useMemo(() => ({ doc, set, issuesAt }), [doc, set, issuesAt]);
  const visibleIssues = useMemo(() => issues.filter((i) => visible(i.path)), [issues, visible]);
  return {
    doc,
    /** Replace the whole document (load their version after a conflict, restore a revision). */
    reset: (next: T) => {
      setDoc(next);
      setServerIssues([]);
    },
    issues,
    errors: issues.filter((i) => i.severity !== 'warning'),
    /** What blocks a save: the model's errors (a server issue may concern what the form cannot change). */
    localErrors: localIssues.filter((i) => i.severity !== 'warning'),
    visibleIssues,
    showAll: () => setShowAll(true),
    setServerIssues,
    api,
  };
}
