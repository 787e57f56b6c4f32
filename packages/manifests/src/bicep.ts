import type { ManifestIssue, Resource, ResourceKind } from '@flowplane/model';
import { isRecord } from './json.ts';
import {
  ARM_INSTANCE_TYPE,
  ARM_TYPES,
  CUSTOM_LOCATION_API_VERSION,
  CUSTOM_LOCATION_PARAMETER,
  CUSTOM_LOCATION_TYPE,
  INSTANCE_PARAMETER,
} from './arm-types.ts';
import { isProfileChild } from './arm-types.ts';
import { endpointRefsOf, prepareArmExport, type ArmReady } from './export-common.ts';
import type { ExportOptions } from './types.ts';

const INSTANCE_SYMBOL = 'instance';
const CUSTOM_LOCATION_SYMBOL = 'customLocation';
const SYMBOL_PREFIX = {
  DataflowEndpoint: 'endpoint',
  DataflowProfile: 'profile',
  Dataflow: 'dataflow',
  DataflowGraph: 'graph',
} as const satisfies Record<ResourceKind, string>;

/**
 * A Bicep file with the same resources as `toArmTemplate`: the instance and custom location as
 * parameters (`existing` resources), endpoints and profiles with `parent: instance`, dataflows with
 * `parent:` their profile (declared `existing` when it is not exported), and `properties` as Bicep
 * object literals.
 */
export function toBicep(
  resources: readonly Resource[],
  options: ExportOptions = {},
): { text: string; issues: ManifestIssue[] } {
  const { version, ready, issues } = prepareArmExport(resources, options);
  const symbols = new SymbolTable();
  // Parents and dependencies are looked up by kind/name; a duplicate name (invalid anyway) keeps its own symbol.
  const declared = new Map<string, string>();
  const own = ready.map((r) => {
    const symbol = symbols.create(r.kind, r.name);
    if (!declared.has(`${r.kind}/${r.name}`)) declared.set(`${r.kind}/${r.name}`, symbol);
    return symbol;
  });

  const blocks: string[] = [
    [
      `@description('Name of the Azure IoT Operations instance the resources belong to.')`,
      `param ${INSTANCE_PARAMETER} string`,
      '',
      `@description('Name of the custom location of the instance (same resource group).')`,
      `param ${CUSTOM_LOCATION_PARAMETER} string`,
    ].join('\n'),
    declaration(INSTANCE_SYMBOL, `${ARM_INSTANCE_TYPE}@${version}`, true, [['name', INSTANCE_PARAMETER]]),
    declaration(CUSTOM_LOCATION_SYMBOL, `${CUSTOM_LOCATION_TYPE}@${CUSTOM_LOCATION_API_VERSION}`, true, [
      ['name', CUSTOM_LOCATION_PARAMETER],
    ]),
  ];
  for (const profile of new Set(
    ready.flatMap((r) => (isProfileChild(r.kind) && r.profile !== undefined ? [r.profile] : [])),
  )) {
    if (declared.has(`DataflowProfile/${profile}`)) continue;
    const symbol = symbols.create('DataflowProfile', profile);
    declared.set(`DataflowProfile/${profile}`, symbol);
    blocks.push(
      declaration(symbol, `${ARM_TYPES.DataflowProfile}@${version}`, true, [
        ['parent', INSTANCE_SYMBOL],
        ['name', bicepString(profile)],
      ]),
    );
  }
  ready.forEach((r, i) => blocks.push(resourceBlock(r, own[i]!, version, declared)));
  return { text: `${blocks.join('\n\n')}\n`, issues };
}

function resourceBlock(r: ArmReady, symbol: string, version: string, declared: Map<string, string>): string {
  const parent =
    isProfileChild(r.kind) && r.profile !== undefined
      ? (declared.get(`DataflowProfile/${r.profile}`) ?? INSTANCE_SYMBOL)
      : INSTANCE_SYMBOL;
  const dependsOn = isProfileChild(r.kind)
    ? endpointRefsOf(r.properties).flatMap((ref) => {
        const symbol = declared.get(`DataflowEndpoint/${ref}`);
        return symbol ? [symbol] : [];
      })
    : [];
  const body: [string, string][] = [
    ['parent', parent],
    ['name', bicepString(r.name)],
    ['extendedLocation', `{\n    name: ${CUSTOM_LOCATION_SYMBOL}.id\n    type: 'CustomLocation'\n  }`],
    ['properties', bicepValue(r.properties, '  ')],
  ];
  if (dependsOn.length > 0) {
    body.push(['dependsOn', `[\n${dependsOn.map((s) => `    ${s}`).join('\n')}\n  ]`]);
  }
  return declaration(symbol, `${ARM_TYPES[r.kind]}@${version}`, false, body);
}

function declaration(
  symbol: string,
  typeAndVersion: string,
  existing: boolean,
  body: [string, string][],
): string {
  const lines = body.map(([key, value]) => `  ${key}: ${value}`);
  return `resource ${symbol} '${typeAndVersion}'${existing ? ' existing' : ''} = {\n${lines.join('\n')}\n}`;
}

/** Unique Bicep identifiers derived from resource names (`my-endpoint` → `endpointMyEndpoint`). */
class SymbolTable {
  private readonly used = new Set<string>([
    INSTANCE_SYMBOL,
    CUSTOM_LOCATION_SYMBOL,
    INSTANCE_PARAMETER,
    CUSTOM_LOCATION_PARAMETER,
  ]);

  create(kind: keyof typeof SYMBOL_PREFIX, name: string): string {
    const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
    const base = SYMBOL_PREFIX[kind] + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
    let symbol = base;
    for (let n = 2; this.used.has(symbol); n++) symbol = `${base}${n}`;
    this.used.add(symbol);
    return symbol;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A Bicep literal for JSON data, indented for a property at `indent`. */
export function bicepValue(value: unknown, indent = ''): string {
  if (typeof value === 'string') return bicepString(value);
  // Bicep has 64-bit integer literals only; json() carries any other JSON number.
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return String(value);
    return Number.isFinite(value) ? `json('${String(value)}')` : 'null';
  }
  if (typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${bicepValue(v, inner)}`).join('\n')}\n${indent}]`;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const lines = entries.map(
      ([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : bicepString(k)}: ${bicepValue(v, inner)}`,
    );
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  return 'null';
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const isControl = (code: number) => code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;

/** A single-quoted Bicep string: `\`, `'`, `${` (interpolation) and control characters escaped. */
export function bicepString(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const code = c.charCodeAt(0);
    if (c === '$' && value[i + 1] === '{') out += '\\$';
    else if (ESCAPES[c] !== undefined) out += ESCAPES[c];
    else if (isControl(code)) out += `\\u{${code.toString(16).toUpperCase()}}`;
    else out += c;
  }
  return `'${out}'`;
}
