import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  type MessageBarIntent,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

export type NoticeIntent = MessageBarIntent;
export type Notify = (intent: NoticeIntent, title: string, body?: string) => void;

interface Notice {
  id: number;
  intent: NoticeIntent;
  title: string;
  body: string | undefined;
}

const NotifyContext = createContext<Notify>(() => undefined);

const useStyles = makeStyles({
  region: {
    position: 'fixed',
    right: '16px',
    bottom: '16px',
    zIndex: 1000000,
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    width: '380px',
    maxWidth: 'calc(100vw - 32px)',
  },
});

const SHOWN_MS = 5000;

/**
 * One place for results ("Endpoint saved", "Deploy failed"), announced politely to screen readers. Fluent's
 * Toaster is not used: its focus sentinels are focusable elements under aria-hidden, which axe flags.
 * Errors stay until dismissed: the user must be able to read what went wrong.
 */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const next = useRef(0);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setNotices((current) => current.filter((n) => n.id !== id));
  }, []);

  const notify = useCallback<Notify>(
    (intent, title, body) => {
      const id = (next.current += 1);
      setNotices((current) => [...current.slice(-4), { id, intent, title, body }]);
      if (intent !== 'error')
        timers.current.set(
          id,
          setTimeout(() => dismiss(id), SHOWN_MS),
        );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  return (
    <NotifyContext value={notify}>
      {children}
      <div className={styles.region} role="region" aria-label="Notifications" aria-live="polite">
        {notices.map((notice) => (
          <MessageBar
            key={notice.id}
            intent={notice.intent}
            layout="multiline"
            data-testid={`toast-${notice.intent}`}
          >
            <MessageBarBody>
              <MessageBarTitle>{notice.title}</MessageBarTitle>
              {notice.body}
            </MessageBarBody>
            <MessageBarActions
              containerAction={
                <Button
                  appearance="transparent"
                  aria-label="Dismiss"
                  icon={<DismissRegular />}
                  onClick={() => dismiss(notice.id)}
                />
              }
            />
          </MessageBar>
        ))}
      </div>
    </NotifyContext>
  );
}

export function useNotify(): Notify {
  return useContext(NotifyContext);
}
