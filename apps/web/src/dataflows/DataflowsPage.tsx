import { Placeholder } from '../pages/Placeholder.tsx';

export function DataflowsPage() {
  return (
    <Placeholder
      title="Dataflows"
      coming="It will list the dataflows of this instance, with their source, destination, profile and state."
    />
  );
}

export default DataflowsPage;
