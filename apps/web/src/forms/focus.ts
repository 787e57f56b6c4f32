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
