// The endpoint list of an instance: rows by data-testid, the toolbar by its labels, each row's actions menu.
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { SECTIONS, ShellPage } from './shell.page.ts';

const ROW_PREFIX = 'endpoint-row-';

/** The sortable columns; the last one, Actions, has a hidden label and no sorting. */
export type Column = 'Name' | 'Type' | 'Host' | 'Authentication' | 'Used by' | 'Last changed';

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
  readonly newEndpoint: Locator;

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
    this.newEndpoint = page.getByTestId('new-endpoint');
  }

  row(name: string): Locator {
    return this.page.getByTestId(`${ROW_PREFIX}${name}`);
  }

  /** The "…" button of a row, which opens its menu (Open, Edit, Delete). */
  actions(name: string): Locator {
    return this.page.getByTestId(`endpoint-actions-${name}`);
  }

  /** Opens a row's menu and picks Delete; the delete dialog opens (see pages/dialogs.page.ts). */
  async deleteFromMenu(name: string): Promise<void> {
    await this.actions(name).click();
    await this.page.getByTestId(`endpoint-delete-${name}`).click();
  }

  /** Opens a row's menu and picks Open or Edit. */
  async chooseFromMenu(name: string, item: 'Open' | 'Edit'): Promise<void> {
    await this.actions(name).click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  header(column: Column | 'Actions'): Locator {
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
