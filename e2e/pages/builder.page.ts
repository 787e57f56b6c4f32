// The visual dataflow builder (apps/web/src/builder): the palette of endpoints and the transformation, the
// canvas with its three stages, the inspector's fields by path, the problems panel, the preview's samples,
// and the toolbar (state badge, runtime badge, Save, Deploy). Drops are HTML5 drag and drop (`dragTo`).
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { waitForApi } from './resource-form.page.ts';
import { ShellPage } from './shell.page.ts';

/** The stages as the canvas names them (`stage-<Stage>`), in the order the platform runs them. */
export type Stage = 'Source' | 'BuiltInTransformation' | 'Destination';

export function dataflowsApiPath(instance: string, name?: string): string {
  const base = `/api/v1/instances/${encodeURIComponent(instance)}/dataflows`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

/** The path of a field inside operation `index` of the dataflow: `spec.operations.<index>.<path>`. */
export function operationField(index: number, path: string): string {
  return `spec.operations.${index}.${path}`;
}

/**
 * One sample of the preview (one test case of the dataflow): its payload, the verdict on it, the output
 * it gives, "Expect this" (the outcome becomes its expectation) and whether its test passes.
 */
export class PreviewSample {
  readonly root: Locator;
  readonly payload: Locator;
  /** "Sent", "Dropped by filter rule <n>: <expression>" or "Error in …". */
  readonly verdict: Locator;
  readonly output: Locator;
  readonly expectThis: Locator;
  /** "Test passes" or "Test fails", once the sample has an expectation. */
  readonly check: Locator;

  constructor(page: Page, index: number) {
    this.root = page.getByTestId(`preview-sample-${index}`);
    this.payload = page.getByTestId(`preview-payload-${index}`);
    this.verdict = this.root.getByTestId('preview-verdict');
    this.output = this.root.getByTestId('preview-output');
    this.expectThis = this.root.getByTestId('preview-expect');
    this.check = this.root.getByTestId('preview-check');
  }
}

export class BuilderPage {
  readonly page: Page;
  readonly shell: ShellPage;
  readonly canvas: Locator;
  readonly palette: Locator;
  readonly paletteTransformation: Locator;
  /** "Valid", or "<n> problems: saves as a draft". */
  readonly state: Locator;
  /** "Runtime: <state>" while the runtime runs the saved dataflow; absent otherwise. */
  readonly runtime: Locator;
  /** The badge that says the dataflow differs from what was loaded or saved last. */
  readonly unsaved: Locator;
  /** The offer of unsaved work kept in the browser, with Restore and Discard. */
  readonly recovery: Locator;
  readonly restore: Locator;
  readonly discard: Locator;
  /** Shown when no runtime serves the instance (the server runs none, or one for another instance). */
  readonly noRuntime: Locator;
  /** "Save draft" while the dataflow breaks a rule, "Save" otherwise. */
  readonly save: Locator;
  readonly deploy: Locator;
  readonly problems: Locator;
  readonly preview: Locator;
  readonly addSample: Locator;
  /** The dataflow's own settings, shown while no stage is selected. */
  readonly dataflowInspector: Locator;
  readonly name: Locator;
  /** The canvas's connections between stages (React Flow edges). */
  readonly edges: Locator;
  /** The nodes the minimap draws. */
  readonly minimapNodes: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new ShellPage(page);
    this.canvas = page.getByTestId('builder-canvas');
    this.palette = page.getByTestId('builder-palette');
    this.paletteTransformation = page.getByTestId('palette-transformation');
    this.state = page.getByTestId('builder-state');
    this.runtime = page.getByTestId('builder-runtime');
    this.unsaved = page.getByRole('main').getByText('Unsaved changes', { exact: true });
    this.noRuntime = page.getByTestId('builder-no-runtime');
    this.recovery = page.getByTestId('builder-recovery');
    this.restore = page.getByTestId('builder-recovery-restore');
    this.discard = page.getByTestId('builder-recovery-discard');
    this.save = page.getByTestId('builder-save');
    this.deploy = page.getByTestId('builder-deploy');
    this.problems = page.getByTestId('builder-problems');
    this.preview = page.getByTestId('builder-preview');
    this.addSample = page.getByTestId('preview-add');
    this.dataflowInspector = page.getByTestId('inspector-dataflow');
    this.name = page.getByTestId('field-metadata.name');
    this.edges = this.canvas.locator('.react-flow__edge');
    this.minimapNodes = this.canvas.locator('.react-flow__minimap-node');
  }

  stage(stage: Stage): Locator {
    return this.page.getByTestId(`stage-${stage}`);
  }

  /** The error count badge of a stage. */
  stageErrors(stage: Stage): Locator {
    return this.page.getByTestId(`stage-${stage}-errors`);
  }

  /** The runtime's counters on a stage ("3 received · 0.5/s"). */
  stageLive(stage: Stage): Locator {
    return this.page.getByTestId(`stage-${stage}-live`);
  }

  paletteEndpoint(name: string): Locator {
    return this.page.getByTestId(`palette-endpoint-${name}`);
  }

  /** A kind of transformation rule in the palette (`filter`, `compute`, `rename`, `remove`, `enrich`, …). */
  paletteRule(kind: string): Locator {
    return this.page.getByTestId(`palette-rule-${kind}`);
  }

  /** The settings of the selected stage. */
  inspector(stage: Stage): Locator {
    return this.page.getByTestId(`inspector-${stage}`);
  }

  /** A control by its path, dot-joined from the dataflow: `spec.operations.0.sourceSettings.dataSources.0`. */
  field(path: string): Locator {
    return this.page.getByTestId(`field-${path}`);
  }

  /** The completion popup under a field (formula or rule input) while it is open. */
  completions(path: string): Locator {
    return this.page.getByTestId(`field-${path}.completions`);
  }

  sample(index: number): PreviewSample {
    return new PreviewSample(this.page, index);
  }

  /** A new dataflow (`/dataflows/new`), once the palette knows the instance's endpoints. */
  async gotoNew(instance: string): Promise<void> {
    const endpoints = waitForApi(
      this.page,
      'GET',
      `/api/v1/instances/${encodeURIComponent(instance)}/endpoints`,
    );
    await this.page.goto(`/instances/${encodeURIComponent(instance)}/dataflows/new`);
    expect((await endpoints).status()).toBe(200);
    await expect(this.shell.heading).toHaveText('New dataflow');
    await expect(this.canvas).toBeVisible();
  }

  /** A stored dataflow in the builder (`/dataflows/<name>/edit`). */
  async gotoEdit(instance: string, name: string): Promise<void> {
    const loaded = waitForApi(this.page, 'GET', dataflowsApiPath(instance, name));
    await this.page.goto(
      `/instances/${encodeURIComponent(instance)}/dataflows/${encodeURIComponent(name)}/edit`,
    );
    expect((await loaded).status()).toBe(200);
    await this.expectEditing(name);
  }

  async expectEditing(name: string): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname.endsWith(`/dataflows/${name}/edit`));
    await expect(this.shell.heading).toHaveText(name);
    await expect(this.stage('Source')).toBeVisible();
  }

  /** Drags an endpoint from the palette onto a stage (HTML5 drag and drop). */
  async dropEndpoint(name: string, stage: Stage): Promise<void> {
    await this.paletteEndpoint(name).dragTo(this.stage(stage));
  }

  /** Drags the transformation stage from the palette onto the canvas. */
  async dropTransformation(): Promise<void> {
    await this.paletteTransformation.dragTo(this.canvas);
    await expect(this.stage('BuiltInTransformation')).toBeVisible();
  }

  /** Selects a stage on the canvas; the inspector shows its settings. */
  async select(stage: Stage): Promise<Locator> {
    await this.stage(stage).click();
    const inspector = this.inspector(stage);
    await expect(inspector).toBeVisible();
    return inspector;
  }

  /** Clicks Save (a new dataflow) and returns the API's answer to the POST. */
  async create(instance: string): Promise<Response> {
    const posted = waitForApi(this.page, 'POST', dataflowsApiPath(instance));
    await this.save.click();
    return posted;
  }

  /** Clicks Save (a stored dataflow) and returns the API's answer to the PUT. */
  async saveChanges(instance: string, name: string): Promise<Response> {
    const put = waitForApi(this.page, 'PUT', dataflowsApiPath(instance, name));
    await this.save.click();
    return put;
  }

  /** Clicks Deploy and returns the API's answer to `POST …/deploy`. */
  async deployNow(instance: string): Promise<Response> {
    const deployed = waitForApi(
      this.page,
      'POST',
      `/api/v1/instances/${encodeURIComponent(instance)}/deploy`,
    );
    await this.deploy.click();
    return deployed;
  }
}

/** The instance's topology (`/dataflows/topology`): endpoints as nodes, each dataflow an edge. */
export class TopologyPage {
  readonly page: Page;
  readonly shell: ShellPage;
  readonly canvas: Locator;
  readonly edges: Locator;
  /** The nodes the minimap draws. */
  readonly minimapNodes: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new ShellPage(page);
    this.canvas = page.getByTestId('topology-canvas');
    this.edges = this.canvas.locator('.react-flow__edge');
    this.minimapNodes = this.canvas.locator('.react-flow__minimap-node');
  }

  endpoint(name: string): Locator {
    return this.page.getByTestId(`topology-endpoint-${name}`);
  }

  /** The edge of a dataflow (React Flow's `rf__edge-<id>`, the id `flow:<name>`). */
  edge(dataflow: string): Locator {
    return this.canvas.getByTestId(`rf__edge-flow:${dataflow}`);
  }

  /** Deep link; resolves once the dataflows are loaded and the canvas shows. */
  async goto(instance: string): Promise<void> {
    const flows = waitForApi(this.page, 'GET', dataflowsApiPath(instance));
    await this.page.goto(`/instances/${encodeURIComponent(instance)}/dataflows/topology`);
    expect((await flows).status()).toBe(200);
    await expect(this.shell.heading).toHaveText('Topology');
    await expect(this.canvas).toBeVisible();
  }
}
