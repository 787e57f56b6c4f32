// The app's notifications (apps/web/src/shell/notify.tsx): `toast-success`, `toast-info`, `toast-warning`,
// `toast-error`.
import type { Locator, Page } from '@playwright/test';

export class Toasts {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  private of(intent: 'success' | 'info' | 'warning' | 'error', text: string | RegExp | undefined): Locator {
    const all = this.page.getByTestId(`toast-${intent}`);
    return text === undefined ? all : all.filter({ hasText: text });
  }

  /** Success toasts, or the one whose title or body holds `text`. */
  success(text?: string | RegExp): Locator {
    return this.of('success', text);
  }

  /** Information: a stage copied in the builder. */
  info(text?: string | RegExp): Locator {
    return this.of('info', text);
  }

  /** Warnings: a refused drop in the builder, with the rule's reason. */
  warning(text?: string | RegExp): Locator {
    return this.of('warning', text);
  }

  error(text?: string | RegExp): Locator {
    return this.of('error', text);
  }
}
