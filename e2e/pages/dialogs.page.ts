// The dialogs shared by every resource page: the save conflict (apps/web/src/resources/ConflictDialog.tsx)
// and the delete confirmation that names the dataflows in the way (DeleteDialog.tsx).
import type { Locator, Page } from '@playwright/test';
import { DiffView } from './diff-view.page.ts';

export class ConflictDialog {
  readonly root: Locator;
  /** Their saved version on the left, the form on the right. */
  readonly diff: DiffView;
  readonly loadTheirs: Locator;
  readonly overwrite: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('conflict-dialog');
    this.diff = new DiffView(this.root.getByTestId('diff-view'));
    this.loadTheirs = page.getByTestId('conflict-load-theirs');
    this.overwrite = page.getByTestId('conflict-overwrite');
  }
}

export class DeleteDialog {
  readonly root: Locator;
  readonly title: Locator;
  /** The list of dataflows that keep the resource from being deleted. */
  readonly usedBy: Locator;
  readonly confirm: Locator;
  /** Close (in use) or Cancel. */
  readonly dismiss: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('delete-dialog');
    this.title = this.root.getByRole('heading');
    this.usedBy = page.getByTestId('delete-used-by');
    this.confirm = page.getByTestId('delete-confirm');
    this.dismiss = this.root.getByRole('button', { name: /^(Close|Cancel)$/ });
  }
}
