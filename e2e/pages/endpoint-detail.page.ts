// One endpoint (apps/web/src/endpoints/EndpointDetailPage.tsx): settings, usage, revision history with
// compare and restore, and the manifest panel.
import { expect, type Locator, type Page } from '@playwright/test';
import { DiffView } from './diff-view.page.ts';
import { apiPath, waitForApi } from './resource-form.page.ts';
import { ShellPage } from './shell.page.ts';

export class EndpointDetailPage {
  readonly page: Page;
  readonly shell: ShellPage;
  readonly edit: Locator;
  readonly delete: Locator;
  readonly settings: Locator;
  readonly usedBy: Locator;
  readonly history: Locator;
  /** A compared revision on the left, the current version on the right. */
  readonly diff: DiffView;
  readonly restore: Locator;
  readonly manifest: Locator;
  readonly manifestText: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new ShellPage(page);
    this.edit = page.getByTestId('edit-endpoint');
    this.delete = page.getByTestId('delete-endpoint');
    this.settings = page.getByTestId('endpoint-settings');
    this.usedBy = page.getByTestId('endpoint-used-by');
    this.history = page.getByTestId('endpoint-history');
    this.diff = new DiffView(this.history.getByTestId('diff-view'));
    this.restore = page.getByTestId('restore-revision');
    this.manifest = page.getByTestId('manifest-panel');
    this.manifestText = page.getByTestId('manifest-text');
  }

  static path(instance: string, name: string): string {
    return `/instances/${encodeURIComponent(instance)}/endpoints/${encodeURIComponent(name)}`;
  }

  revision(n: number): Locator {
    return this.page.getByTestId(`revision-${n}`);
  }

  compare(n: number): Locator {
    return this.page.getByTestId(`compare-${n}`);
  }

  /** Opens the page by URL and waits for the endpoint. */
  async goto(instance: string, name: string): Promise<void> {
    const loaded = waitForApi(this.page, 'GET', apiPath(instance, 'endpoints', name));
    await this.page.goto(EndpointDetailPage.path(instance, name));
    expect((await loaded).status()).toBe(200);
    await this.expectShown(instance, name);
  }

  /** The page of this endpoint is shown, its history loaded. */
  async expectShown(instance: string, name: string): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === EndpointDetailPage.path(instance, name));
    await expect(this.shell.heading).toHaveText(name);
    await expect(this.history.getByTestId('revision-history')).toBeVisible();
  }
}
