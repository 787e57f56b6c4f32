// The side-by-side YAML diff (apps/web/src/resources/DiffView.tsx): before on the left, after on the right,
// a changed line beside the line it replaced.
import { expect, type Locator } from '@playwright/test';

export class DiffView {
  readonly root: Locator;

  constructor(root: Locator) {
    this.root = root;
  }

  /** The rows whose left (before) cell contains `text`. */
  rowsWithBefore(text: string): Locator {
    return this.root
      .locator('tbody tr')
      .filter({ has: this.root.page().locator('td:first-child', { hasText: text }) });
  }

  /** The rows whose right (after) cell contains `text`. */
  rowsWithAfter(text: string): Locator {
    return this.root
      .locator('tbody tr')
      .filter({ has: this.root.page().locator('td:last-child', { hasText: text }) });
  }

  /** A line changed from `before` (left) to `after` (right) on one row. */
  async expectChanged(before: string, after: string): Promise<void> {
    const row = this.rowsWithBefore(before);
    await expect(row).toHaveCount(1);
    await expect(row.locator('td').last()).toContainText(after);
  }

  /** A line only on the right: added. */
  async expectAdded(after: string): Promise<void> {
    const row = this.rowsWithAfter(after);
    await expect(row).toHaveCount(1);
    await expect(row.locator('td').first()).toHaveText('');
  }
}
