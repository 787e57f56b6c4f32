import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Copies of ../shared fixtures inside the package, so CI on a clean clone of the repository has them. */
const FIXTURES = fileURLToPath(new URL('../../test-fixtures/', import.meta.url));

export interface ArmFixture {
  /** e.g. `endpoints/DataflowEndpoint_CreateOrUpdate_MQTT.json` */
  file: string;
  text: string;
}

export function armFixtures(): ArmFixture[] {
  return ['endpoints', 'profiles', 'dataflows'].flatMap((dir) =>
    readdirSync(`${FIXTURES}arm-examples/${dir}`)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({
        file: `${dir}/${f}`,
        text: readFileSync(`${FIXTURES}arm-examples/${dir}/${f}`, 'utf8'),
      })),
  );
}

export const SEED_FILES = {
  /** "Configure dataflow endpoints", 08/2024: v1beta1 samples. */
  v1beta1: '000_407ecc50ea6aff98.txt',
  /** "Configure dataflow endpoints", 11/2024: v1 samples. */
  v1: '002_24b0d686dfbd933b.txt',
} as const;

export interface SeedSample {
  /** `<seed key>#<n>`: the n-th ```yaml block of the seed, counted from 0. */
  id: string;
  /** 1-based line of the block's first YAML line in the seed file. */
  line: number;
  yaml: string;
}

/** Every ```yaml block of a seed document, read at test time. */
export function seedSamples(seed: keyof typeof SEED_FILES): SeedSample[] {
  const text = readFileSync(`${FIXTURES}seeds/${SEED_FILES[seed]}`, 'utf8');
  return [...text.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((match, n) => ({
    id: `${seed}#${n}`,
    line: text.slice(0, match.index).split('\n').length + 1,
    yaml: match[1]!,
  }));
}
