import { decodePointer } from '@flowplane/model';
import { testIdOf } from './SchemaFields.tsx';

/** Puts the keyboard focus on the control of an issue's path (or the closest one that exists). */
export function focusIssue(pointer: string) {
  const segments = decodePointer(pointer);
  for (let length = segments.length; length > 0; length -= 1) {
    const id = testIdOf(segments.slice(0, length));
    const element = document.querySelector<HTMLElement>(`[data-testid="${id}"], [data-testid^="${id}."]`);
    if (element) {
      const control = element.matches('input, select, textarea')
        ? element
        : element.querySelector<HTMLElement>('input, select, textarea');
      (control ?? element).focus();
      return;
    }
  }
}

/**
 * Focuses the first control under `pointer` that still needs a value (marked invalid), else the first one,
 * once it is rendered (a rule that a change just added): tries for up to `frames` animation frames, then
 * settles for the closest control, as focusIssue does.
 */
export function focusFirstToFill(pointer: string, frames = 30) {
  const id = testIdOf(decodePointer(pointer));
  const attempt = (left: number) => {
    const controls = [
      ...document.querySelectorAll<HTMLElement>(
        `:is(input, select, textarea):is([data-testid="${id}"], [data-testid^="${id}."])`,
      ),
    ];
    if (controls.length > 0) {
      (controls.find((c) => c.getAttribute('aria-invalid') === 'true') ?? controls[0]!).focus();
    } else if (left === 0) {
      focusIssue(pointer);
    } else {
      requestAnimationFrame(() => attempt(left - 1));
    }
  };
  requestAnimationFrame(() => attempt(frames));
}
