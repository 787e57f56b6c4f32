import { Input, makeStyles, mergeClasses, tokens, type InputProps } from '@fluentui/react-components';
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface Completion {
  label: string;
  /** The text that replaces [from, to) when chosen. */
  insert: string;
  detail?: string;
}

export interface CompletionResult {
  from: number;
  to: number;
  items: readonly Completion[];
}

/** What can be completed at `cursor` in `text`; `explicit` when the user asked (Ctrl+Space). */
export type Completer = (text: string, cursor: number, explicit: boolean) => CompletionResult | undefined;

const useStyles = makeStyles({
  // A column, so the input takes the field's width as a bare Input would.
  wrap: { position: 'relative', display: 'flex', flexDirection: 'column' },
  popup: {
    position: 'absolute',
    zIndex: 10,
    top: '100%',
    left: 0,
    right: 0,
    maxHeight: '220px',
    overflowY: 'auto',
    margin: '2px 0 0',
    padding: '4px 0',
    listStyleType: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow16,
    borderRadius: tokens.borderRadiusMedium,
  },
  option: {
    display: 'flex',
    gap: '8px',
    justifyContent: 'space-between',
    padding: '4px 8px',
    cursor: 'pointer',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  active: { backgroundColor: tokens.colorNeutralBackground1Selected },
  detail: {
    color: tokens.colorNeutralForeground3,
    fontFamily: tokens.fontFamilyBase,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
});

/**
 * A text input with completions in a popup under it, as code editors offer them: they follow the text
 * before the cursor as the user types, arrows move, Enter or Tab take one, Escape closes, Ctrl+Space asks.
 * An ARIA 1.2 combobox (input + listbox with an active descendant).
 */
export function CompletionInput({
  value,
  onValue,
  complete,
  testId,
  ...inputProps
}: Omit<InputProps, 'value' | 'onChange'> & {
  value: string;
  onValue: (value: string) => void;
  complete: Completer;
  testId?: string | undefined;
}) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [open, setOpen] = useState<CompletionResult | undefined>(undefined);
  const [active, setActive] = useState(0);
  const [caret, setCaret] = useState<number | undefined>(undefined);

  // Puts the cursor after an inserted completion, once React has written the new value.
  useLayoutEffect(() => {
    if (caret === undefined || !input.current) return;
    input.current.setSelectionRange(caret, caret);
    setCaret(undefined);
  }, [caret]);

  useLayoutEffect(() => {
    if (!open) return;
    const option = document.getElementById(`${listId}-${active}`);
    // jsdom has no scrollIntoView.
    option?.scrollIntoView?.({ block: 'nearest' });
  }, [open, active, listId]);

  const refresh = (text: string, cursor: number, explicit = false) => {
    setOpen(complete(text, cursor, explicit));
    setActive(0);
  };

  const accept = (item: Completion) => {
    if (!open) return;
    const next = value.slice(0, open.from) + item.insert + value.slice(open.to);
    onValue(next);
    setCaret(open.from + item.insert.length);
    setOpen(undefined);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === ' ' && event.ctrlKey) {
      event.preventDefault();
      refresh(value, event.currentTarget.selectionStart ?? value.length, true);
      return;
    }
    if (!open) return;
    const count = open.items.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => (a + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      accept(open.items[active]!);
    } else if (event.key === 'Escape') {
      // Closes the popup only; the dialog or panel around stays.
      event.stopPropagation();
      setOpen(undefined);
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className={styles.wrap}>
      <Input
        {...inputProps}
        ref={input}
        data-testid={testId}
        value={value}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open !== undefined}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
        autoComplete="off"
        onChange={(event, data) => {
          onValue(data.value);
          refresh(data.value, event.currentTarget.selectionStart ?? data.value.length);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(undefined)}
      />
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          className={styles.popup}
          data-testid={testId ? `${testId}.completions` : undefined}
        >
          {open.items.map((item, i) => (
            <li
              key={`${item.label} ${i}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={mergeClasses(styles.option, i === active && styles.active)}
              // Keeps the focus (and the cursor) in the input.
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => accept(item)}
            >
              <span>{item.label}</span>
              {item.detail ? <span className={styles.detail}>{item.detail}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
