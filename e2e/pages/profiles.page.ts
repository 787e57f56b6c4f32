// Dataflow profiles (apps/web/src/profiles/*): the list, one profile's page, and its form.
import { expect, type Locator, type Page } from '@playwright/test';
import { ResourceFormPage, apiPath, waitForApi } from './resource-form.page.ts';
import { ShellPage } from './shell.page.ts';

export class ProfilesPage {
  readonly page: Page;
  readonly shell: ShellPage;
  readonly table: Locator;
  readonly newProfile: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new ShellPage(page);
    this.table = page.getByRole('table', { name: 'Profiles' });
    this.newProfile = page.getByTestId('new-profile');
  }

  row(name: string): Locator {
    return this.page.getByTestId(`profile-row-${name}`);
  }

  /** The texts of a row's cells: name, instances, log level, metrics port, dataflows, last changed. */
  cells(name: string): Locator {
    return this.row(name).getByRole('cell');
  }

  async goto(instance: string): Promise<void> {
    const loaded = waitForApi(this.page, 'GET', apiPath(instance, 'profiles'));
    await this.page.goto(`/instances/${encodeURIComponent(instance)}/profiles`);
    expect((await loaded).status()).toBe(200);
    await expect(this.shell.heading).toHaveText('Profiles');
    await expect(this.table.getByLabel('Loading profiles')).toHaveCount(0);
  }

  async openNew(): Promise<ProfileFormPage> {
    await this.newProfile.click();
    const form = new ProfileFormPage(this.page);
    await expect(form.shell.heading).toHaveText('New dataflow profile');
    return form;
  }
}

export class ProfileFormPage extends ResourceFormPage {
  constructor(page: Page) {
    super(page, 'profiles');
  }

  get instanceCount(): Locator {
    return this.field('spec.instanceCount');
  }

  get logLevel(): Locator {
    return this.field('spec.diagnostics.logs.level');
  }
}

export class ProfileDetailPage {
  readonly page: Page;
  readonly shell: ShellPage;
  readonly edit: Locator;
  readonly delete: Locator;
  readonly settings: Locator;
  readonly dataflows: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new ShellPage(page);
    this.edit = page.getByTestId('edit-profile');
    this.delete = page.getByTestId('delete-profile');
    this.settings = page.getByTestId('profile-settings');
    this.dataflows = page.getByTestId('profile-dataflows');
  }

  static path(instance: string, name: string): string {
    return `/instances/${encodeURIComponent(instance)}/profiles/${encodeURIComponent(name)}`;
  }

  /** The value of a setting by its label (Instance count, Log level, Metrics port). */
  setting(label: string): Locator {
    return this.settings.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
  }

  async goto(instance: string, name: string): Promise<void> {
    const loaded = waitForApi(this.page, 'GET', apiPath(instance, 'profiles', name));
    await this.page.goto(ProfileDetailPage.path(instance, name));
    expect((await loaded).status()).toBe(200);
    await this.expectShown(instance, name);
  }

  async expectShown(instance: string, name: string): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === ProfileDetailPage.path(instance, name));
    await expect(this.shell.heading).toHaveText(name);
  }
}
