export type {
  ArmParameter,
  ArmTemplate,
  ArmTemplateResource,
  ExportOptions,
  ExportResult,
  ImportedDocument,
  ImportOrigin,
  ImportResult,
  ManifestFormat,
} from './types.ts';
export { importArm, importKubernetesYaml, importManifests } from './import.ts';
export { exportManifests } from './export.ts';
export { toKubernetesYaml } from './kubernetes-export.ts';
export { toArmTemplate } from './arm-export.ts';
export { toBicep } from './bicep.ts';
export { normalizeResource } from './normalize.ts';
