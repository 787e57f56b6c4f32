import { Placeholder } from '../pages/Placeholder.tsx';

export function OverviewPage() {
  return (
    <Placeholder
      title="Overview"
      coming="It will show counts per resource, endpoints by type, validation problems across the instance and recent changes."
    />
  );
}

export default OverviewPage;
