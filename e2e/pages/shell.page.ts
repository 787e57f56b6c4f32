// The frame of every instance page: left navigation, breadcrumbs, instance switcher and the page heading.
import { expect, type Locator, type Page } from '@playwright/test';

/** The sections of an instance in navigation order, as the portal labels them (apps/web/src/shell/sections.ts). */
export const SECTIONS = [
  { segment: '', label: 'Overview' },
  { segment: 'endpoints', label: 'Endpoints' },
  { segment: 'dataflows', label: 'Dataflows' },
  { segment: 'profiles', label: 'Profiles' },
  { segment: 'import-export', label: 'Import / Export' },
] as const;

export type Section = (typeof SECTIONS)[number];

export function sectionPath(instance: string, section: Section): string {
  const base = `/instances/${encodeURIComponent(instance)}`;
  return section.segment === '' ? base : `${base}/${section.segment}`;
}

export function isInstancesList(url: string): boolean {
  return new URL(url).pathname === '/api/v1/instances';
}

export class ShellPage {
  readonly page: Page;
  readonly nav: Locator;
  readonly breadcrumbs: Locator;
  readonly heading: Locator;
  readonly instanceSwitcher: Locator;
  readonly main: Locator;

  constructor(page: Page) {
    this.page = page;
    this.nav = page.getByRole('navigation', { name: 'Sections' });
    this.breadcrumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    this.heading = page.getByRole('main').getByRole('heading', { level: 1 });
    this.instanceSwitcher = page.getByRole('combobox', { name: 'Instance' });
    this.main = page.getByRole('main');
  }

  navLink(section: Section): Locator {
    return this.nav.getByRole('link', { name: section.label, exact: true });
  }

  /** The start page: waits for the instance list it decides by, then for the shell it redirects to. */
  async gotoStart(): Promise<void> {
    const instances = this.page.waitForResponse((r) => isInstancesList(r.url()));
    await this.page.goto('/');
    expect((await instances).status()).toBe(200);
    await expect(this.nav).toBeVisible();
  }

  /** A deep link to a section; resolves once the shell knows the instances and the page shows its heading. */
  async goto(instance: string, section: Section): Promise<void> {
    const instances = this.page.waitForResponse((r) => isInstancesList(r.url()));
    await this.page.goto(sectionPath(instance, section));
    await instances;
    await this.expectSection(instance, section);
  }

  /** Follows the left navigation to a section. */
  async open(instance: string, section: Section): Promise<void> {
    await this.navLink(section).click();
    await this.expectSection(instance, section);
  }

  async expectSection(instance: string, section: Section): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === sectionPath(instance, section));
    await expect(this.heading).toHaveText(section.label);
    await expect(this.navLink(section)).toHaveAttribute('aria-current', 'page');
    await expect(this.instanceSwitcher).toHaveText(instance);
  }
}
