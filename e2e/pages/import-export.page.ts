// Import / Export (apps/web/src/transfer/*): paste or load manifests, preview the plan, apply; export by
// format with copy and download.
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import type { PlanAction } from '../support/api.ts';
import { ShellPage } from './shell.page.ts';

function transferPath(instance: string, what: 'import' | 'export'): string {
  return `/api/v1/instances/${encodeURIComponent(instance)}/${what}`;
}

export class ImportExportPage {
  readonly page: Page;
  readonly shell: ShellPage;
  readonly importTab: Locator;
  readonly exportTab: Locator;
  // Import
  /** The Import tab's panel: the text, the buttons and the result (summary, plan, issues). */
  readonly importPanel: Locator;
  readonly importText: Locator;
  readonly importFile: Locator;
  readonly preview: Locator;
  readonly apply: Locator;
  readonly plan: Locator;
  readonly planRows: Locator;
  readonly issues: Locator;
  // Export
  readonly format: Locator;
  readonly apiVersion: Locator;
  readonly run: Locator;
  readonly output: Locator;
  readonly download: Locator;
  readonly copy: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new ShellPage(page);
    const tabs = page.getByRole('tablist', { name: 'Import or export' });
    this.importTab = tabs.getByRole('tab', { name: 'Import' });
    this.exportTab = tabs.getByRole('tab', { name: 'Export' });
    this.importPanel = page.getByRole('tabpanel', { name: 'Import' });
    this.importText = page.getByTestId('import-text');
    this.importFile = page.getByTestId('import-file');
    this.preview = page.getByTestId('import-preview-button');
    this.apply = page.getByTestId('import-apply-button');
    this.plan = page.getByRole('table', { name: /^(Import plan|Imported resources)$/ });
    this.planRows = page.getByTestId(/^import-plan-row-/);
    this.issues = page.getByTestId('import-issues');
    this.format = page.getByTestId('export-format');
    this.apiVersion = page.getByTestId('export-api-version');
    this.run = page.getByTestId('export-run-button');
    this.output = page.getByTestId('export-output');
    this.download = page.getByTestId('export-download');
    this.copy = page.getByTestId('export-copy');
  }

  planRow(kind: string, name: string): Locator {
    return this.page.getByTestId(`import-plan-row-${kind}-${name}`);
  }

  async goto(instance: string, tab: 'import' | 'export' = 'import'): Promise<void> {
    await this.page.goto(
      `/instances/${encodeURIComponent(instance)}/import-export${tab === 'export' ? '?tab=export' : ''}`,
    );
    await expect(this.shell.heading).toHaveText('Import / Export');
    await expect(tab === 'import' ? this.importTab : this.exportTab).toHaveAttribute('aria-selected', 'true');
  }

  private importResponse(instance: string, dryRun: boolean): Promise<Response> {
    return this.page.waitForResponse((r) => {
      const url = new URL(r.url());
      return (
        r.request().method() === 'POST' &&
        url.pathname === transferPath(instance, 'import') &&
        (url.searchParams.get('dryRun') === 'true') === dryRun
      );
    });
  }

  /** Clicks Preview and returns the API's answer to the dry run. */
  async runPreview(instance: string): Promise<Response> {
    const response = this.importResponse(instance, true);
    await this.preview.click();
    return response;
  }

  /** Clicks Import and returns the API's answer. */
  async runApply(instance: string): Promise<Response> {
    const response = this.importResponse(instance, false);
    await this.apply.click();
    return response;
  }

  async expectPlanRow(kind: string, name: string, action: PlanAction): Promise<void> {
    await expect(this.planRow(kind, name)).toHaveAttribute('data-action', action);
  }

  /** Clicks Export and returns the API's answer. */
  async runExport(instance: string): Promise<Response> {
    const response = this.page.waitForResponse(
      (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === transferPath(instance, 'export'),
    );
    await this.run.click();
    return response;
  }
}
