import {
  Toast,
  ToastBody,
  ToastTitle,
  Toaster,
  useId,
  useToastController,
  type ToastIntent,
} from '@fluentui/react-components';
import { createContext, useCallback, useContext, type ReactNode } from 'react';

export type Notify = (intent: ToastIntent, title: string, body?: string) => void;

const NotifyContext = createContext<Notify>(() => undefined);

/** One toaster for the app: pages report results with useNotify() and never render toasts themselves. */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const toasterId = useId('toaster');
  const { dispatchToast } = useToastController(toasterId);
  const notify = useCallback<Notify>(
    (intent, title, body) => {
      dispatchToast(
        <Toast data-testid={`toast-${intent}`}>
          <ToastTitle>{title}</ToastTitle>
          {body ? <ToastBody>{body}</ToastBody> : null}
        </Toast>,
        // Errors stay until dismissed: the user must be able to read what went wrong.
        { intent, timeout: intent === 'error' ? -1 : 5000 },
      );
    },
    [dispatchToast],
  );
  return (
    <NotifyContext value={notify}>
      {children}
      <Toaster toasterId={toasterId} position="bottom-end" pauseOnHover pauseOnWindowBlur />
    </NotifyContext>
  );
}

export function useNotify(): Notify {
  return useContext(NotifyContext);
}
