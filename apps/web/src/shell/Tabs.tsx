import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

const useStyles = makeStyles({
  list: { display: 'flex', gap: '4px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  tab: {
    position: 'relative',
    padding: '10px 12px',
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    '::after': {
      content: '""',
      position: 'absolute',
      left: '12px',
      right: '12px',
      bottom: '-1px',
      height: '3px',
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandStroke,
    },
  },
});

export interface TabItem<T extends string> {
  value: T;
  label: string;
  /** The tab's own id, which its tabpanel names in aria-labelledby. */
  id: string;
  /** Id of the tabpanel the tab controls. */
  panel: string;
  /** Shown after the label (a count of problems). */
  badge?: ReactNode;
  testId?: string;
}

/**
 * A WAI-ARIA tablist (automatic activation: arrows, Home and End move and select). Not Fluent's TabList:
 * its tabster dummies are focusable elements with aria-hidden, which axe reports as aria-hidden-focus.
 */
export function Tabs<T extends string>({
  label,
  items,
  selected,
  onSelect,
}: {
  label: string;
  items: readonly TabItem<T>[];
  selected: T;
  onSelect: (value: T) => void;
}) {
  const styles = useStyles();
  const refs = useRef(new Map<T, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = items.length - 1;
    const target =
      event.key === 'ArrowRight'
        ? (index + 1) % items.length
        : event.key === 'ArrowLeft'
          ? (index + last) % items.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    const item = target === undefined ? undefined : items[target];
    if (item === undefined) return;
    event.preventDefault();
    onSelect(item.value);
    refs.current.get(item.value)?.focus();
  };

  return (
    <div role="tablist" aria-label={label} className={styles.list}>
      {items.map((item, index) => {
        const active = item.value === selected;
        return (
          <button
            key={item.value}
            ref={(element) => {
              if (element) refs.current.set(item.value, element);
              else refs.current.delete(item.value);
            }}
            type="button"
            role="tab"
            id={item.id}
            aria-selected={active}
            aria-controls={item.panel}
            tabIndex={active ? 0 : -1}
            className={mergeClasses(styles.tab, active && styles.selected)}
            onClick={() => onSelect(item.value)}
            onKeyDown={(event) => onKeyDown(event, index)}
            data-testid={item.testId}
          >
            {item.label}
            {item.badge ? <> {item.badge}</> : null}
          </button>
        );
      })}
    </div>
  );
}
