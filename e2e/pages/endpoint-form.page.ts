// "New endpoint": the flavour gallery and the endpoint form (apps/web/src/endpoints/FlavourGallery.tsx,
// EndpointEditor.tsx), with the Basic and Advanced tabs, split Host/Port fields and the authentication method.
import { expect, type Locator, type Page } from '@playwright/test';
import { ENDPOINT_SETTINGS_KEY, flavourById, type EndpointType, type FlavourId } from '@flowplane/model';
import { ResourceFormPage } from './resource-form.page.ts';

export class FlavourGalleryPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly cards: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('main').getByRole('heading', { level: 1 });
    this.cards = page.getByTestId(/^flavour-/);
  }

  card(flavour: FlavourId): Locator {
    return this.page.getByTestId(`flavour-${flavour}`);
  }

  async goto(instance: string): Promise<void> {
    await this.page.goto(`/instances/${encodeURIComponent(instance)}/endpoints/new`);
    await this.expectShown();
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toHaveText('New endpoint');
  }

  /** Follows a card to its form. */
  async choose(flavour: FlavourId): Promise<EndpointFormPage> {
    await this.card(flavour).click();
    const form = new EndpointFormPage(this.page, flavourById(flavour).endpointType);
    await form.expectNew(flavour);
    return form;
  }
}

export class EndpointFormPage extends ResourceFormPage {
  readonly endpointType: EndpointType;
  /** `spec.<settings block>`, the prefix of every field of this endpoint type. */
  readonly settings: string;
  readonly basicTab: Locator;
  readonly advancedTab: Locator;

  constructor(page: Page, endpointType: EndpointType) {
    super(page, 'endpoints');
    this.endpointType = endpointType;
    this.settings = `spec.${ENDPOINT_SETTINGS_KEY[endpointType]}`;
    this.basicTab = page.getByTestId('tab-basic');
    this.advancedTab = page.getByTestId('tab-advanced');
  }

  /** A field of the settings block: `setting('compression')` is `field-spec.kafkaSettings.compression`. */
  setting(path: string): Locator {
    return this.field(`${this.settings}.${path}`);
  }

  settingIssue(path: string): Locator {
    return this.issue(`${this.settings}.${path}`);
  }

  /** The two halves of a `<host>:<port>` field. */
  get hostName(): Locator {
    return this.setting('host.name');
  }

  get hostPort(): Locator {
    return this.setting('host.port');
  }

  get authMethod(): Locator {
    return this.setting('authentication.method');
  }

  /** Opens the form of a flavour by URL. */
  async gotoNew(instance: string, flavour: FlavourId): Promise<void> {
    await this.page.goto(`/instances/${encodeURIComponent(instance)}/endpoints/new/${flavour}`);
    await this.expectNew(flavour);
  }

  async expectNew(flavour: FlavourId): Promise<void> {
    await expect(this.shell.heading).toHaveText(`New ${flavourById(flavour).label} endpoint`);
    await expect(this.name).toBeEditable();
  }

  async openTab(tab: 'basic' | 'advanced'): Promise<void> {
    const button = tab === 'basic' ? this.basicTab : this.advancedTab;
    await button.click();
    await expect(button).toHaveAttribute('aria-selected', 'true');
  }
}
