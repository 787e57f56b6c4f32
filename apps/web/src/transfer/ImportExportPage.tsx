import { Placeholder } from '../pages/Placeholder.tsx';

export function ImportExportPage() {
  return (
    <Placeholder
      title="Import / Export"
      coming="It will import Kubernetes YAML or ARM JSON with a dry-run preview, and export as Kubernetes YAML, ARM JSON or Bicep."
    />
  );
}

export default ImportExportPage;
