import type { Resource } from '@flowplane/model';
import { toArmTemplate } from './arm-export.ts';
import { toBicep } from './bicep.ts';
import { toKubernetesYaml } from './kubernetes-export.ts';
import type { ExportOptions, ExportResult, ManifestFormat } from './types.ts';

/**
 * Writes resources as Kubernetes YAML, an ARM deployment template (JSON) or Bicep. Issues (ARM and
 * Bicep only) name what the API version cannot express; those resources are left out of the text.
 * Resources are not validated here; validate them first.
 */
export function exportManifests(
  resources: readonly Resource[],
  format: ManifestFormat,
  options: ExportOptions = {},
): ExportResult {
  switch (format) {
    case 'kubernetes':
      return { text: toKubernetesYaml(resources, options), issues: [] };
    case 'arm': {
      const { template, issues } = toArmTemplate(resources, options);
      return { text: `${JSON.stringify(template, null, 2)}\n`, issues };
    }
    case 'bicep':
      return toBicep(resources, options);
  }
}
