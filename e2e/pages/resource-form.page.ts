// The form every resource is created and edited with (apps/web/src/resources/ResourceEditor.tsx): name,
// fields by their path (`field-spec.kafkaSettings.host.name`), issues at a field, the problem list, the
// save button and the live manifest panel.
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { ShellPage } from './shell.page.ts';

export type ResourceSegment = 'endpoints' | 'profiles';

/** The API path of a kind's collection (`name` undefined) or of one resource. */
export function apiPath(instance: string, segment: ResourceSegment, name?: string): string {
  const base = `/api/v1/instances/${encodeURIComponent(instance)}/${segment}`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

/** Resolves with the next response to `method` on exactly `path` (no query string considered). */
export function waitForApi(page: Page, method: string, path: string): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === path);
}

export class ResourceFormPage {
  readonly page: Page;
  readonly shell: ShellPage;
  readonly segment: ResourceSegment;
  readonly form: Locator;
  readonly name: Locator;
  readonly save: Locator;
  readonly problems: Locator;
  readonly manifest: Locator;

  constructor(page: Page, segment: ResourceSegment) {
    this.page = page;
    this.segment = segment;
    this.shell = new ShellPage(page);
    this.form = page.getByRole('main').locator('form');
    this.name = page.getByTestId('field-metadata.name');
    this.save = page.getByTestId('save-resource');
    this.problems = page.getByTestId('form-problems');
    this.manifest = page.getByTestId('manifest-panel');
  }

  /** The control of a path, dot-joined below the resource: `spec.instanceCount`. */
  field(path: string): Locator {
    return this.page.getByTestId(`field-${path}`);
  }

  /** The message shown at a field once it was touched or a save was tried. */
  issue(path: string): Locator {
    return this.page.getByTestId(`issue-${path}`);
  }

  /** Opens the edit form by URL and waits for the resource it starts from. */
  async gotoEdit(instance: string, name: string): Promise<void> {
    const loaded = waitForApi(this.page, 'GET', apiPath(instance, this.segment, name));
    await this.page.goto(
      `/instances/${encodeURIComponent(instance)}/${this.segment}/${encodeURIComponent(name)}/edit`,
    );
    expect((await loaded).status()).toBe(200);
    await this.expectEditing(name);
  }

  async expectEditing(name: string): Promise<void> {
    await expect(this.shell.heading).toHaveText(`Edit ${name}`);
    await expect(this.name).toHaveValue(name);
    await expect(this.name).toBeDisabled();
  }

  /** Clicks Create and returns the API's answer to the POST it sends. */
  async create(instance: string): Promise<Response> {
    const posted = waitForApi(this.page, 'POST', apiPath(instance, this.segment));
    await this.save.click();
    return posted;
  }

  /** Clicks Save and returns the API's answer to the PUT it sends. */
  async saveChanges(instance: string, name: string): Promise<Response> {
    const put = waitForApi(this.page, 'PUT', apiPath(instance, this.segment, name));
    await this.save.click();
    return put;
  }
}
