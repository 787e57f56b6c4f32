// The app's one toaster (apps/web/src/shell/notify.tsx): `toast-success` and `toast-error`.
import type { Locator, Page } from '@playwright/test';

export class Toasts {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Success toasts, or the one whose title or body holds `text`. */
  success(text?: string | RegExp): Locator {
    const all = this.page.getByTestId('toast-success');
    return text === undefined ? all : all.filter({ hasText: text });
  }

  error(text?: string | RegExp): Locator {
    const all = this.page.getByTestId('toast-error');
    return text === undefined ? all : all.filter({ hasText: text });
  }
}
