// The endpoint list of an instance: rows by data-testid, the toolbar by its labels.
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { SECTIONS, ShellPage } from './shell.page.ts';

const ROW_PREFIX = 'endpoint-row-';

export type Column = 'Name' | 'Type' | 'Host' | 'Authentication' | 'Used by' | 'Created';

export class EndpointsPage {
  readonly page: Page;
  readonly shell: ShellPage;
  readonly table: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly typeFilter: Locator;
  readonly loading: Locator;
  readonly empty: Locator;
  readonly problem: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new ShellPage(page);
    this.table = page.getByRole('table', { name: 'Endpoints' });
    this.rows = page.getByTestId(new RegExp(`^${ROW_PREFIX}`));
    this.search = page.getByRole('searchbox', { name: 'Search endpoints' });
    this.typeFilter = page.getByRole('combobox', { name: 'Type' });
    this.loading = page.getByLabel('Loading endpoints');
    this.empty = page.getByRole('main').getByRole('status');
    this.problem = page.getByRole('main').getByRole('alert');
  }

  row(name: string): Locator {
    return this.page.getByTestId(`${ROW_PREFIX}${name}`);
  }

  header(column: Column): Locator {
    return this.table.getByRole('columnheader', { name: column });
  }

  private listResponse(instance: string): Promise<Response> {
    const path = `/api/v1/instances/${encodeURIComponent(instance)}/endpoints`;
    return this.page.waitForResponse(
      (r) => new URL(r.url()).pathname === path && r.request().method() === 'GET',
    );
  }

  /**
   * Opens the list by URL (`query` as in the address bar, e.g. `q=plant&type=Kafka`), waits for the API's
   * answer and, when it succeeded, for the loading rows to go. Returns the API's status.
   */
  async goto(instance: string, query = ''): Promise<number> {
    const response = this.listResponse(instance);
    await this.page.goto(`/instances/${encodeURIComponent(instance)}/endpoints${query ? `?${query}` : ''}`);
    const status = (await response).status();
    if (status === 200) await expect(this.loading).toHaveCount(0);
    return status;
  }

  /** Opens the list from the left navigation. */
  async open(instance: string): Promise<void> {
    const response = this.listResponse(instance);
    await this.shell.navLink(SECTIONS[1]).click();
    expect((await response).status()).toBe(200);
    await expect(this.loading).toHaveCount(0);
  }

  /** Names of the rows shown, top to bottom. */
  async names(): Promise<string[]> {
    const ids = await this.rows.evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('data-testid') ?? ''),
    );
    return ids.map((id) => id.slice(ROW_PREFIX.length));
  }

  /** Waits until exactly these rows are shown, in this order. */
  async expectNames(names: readonly string[]): Promise<void> {
    await expect(this.rows).toHaveCount(names.length);
    await expect.poll(() => this.names()).toEqual(names);
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
  }

  async filterByType(label: string): Promise<void> {
    await this.typeFilter.selectOption({ label });
  }

  async sortBy(column: Column): Promise<void> {
    await this.header(column).click();
  }
}
