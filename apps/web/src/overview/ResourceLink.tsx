import { Link } from 'react-router';
import { kindLabel, resourcePath } from './resources.ts';

/** "Endpoint broker", linked to the resource's page when its kind has one. */
export function ResourceLink({
  instance,
  kind,
  name,
  linked = true,
}: {
  instance: string;
  kind: string;
  name: string;
  /** False for a resource that does not exist yet (an import's create). */
  linked?: boolean;
}) {
  const path = linked ? resourcePath(instance, kind, name) : undefined;
  return (
    <span>
      {kindLabel(kind)} {path === undefined ? <strong>{name}</strong> : <Link to={path}>{name}</Link>}
    </span>
  );
}
