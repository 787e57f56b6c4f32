import { Spinner } from '@fluentui/react-components';
import { API_VERSION, FLAVOURS, detectFlavour, flavourById, type DataflowEndpoint } from '@flowplane/model';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { endpointQueries } from '../api/endpoints.ts';
import { NotFound } from '../pages/NotFound.tsx';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';
import { withoutStatus } from '../resources/use-save-resource.ts';
import { EndpointEditor } from './EndpointEditor.tsx';
import { FlavourGallery } from './FlavourGallery.tsx';

/** `/endpoints/new` shows the gallery; `/endpoints/new/<flavour>` the form prefilled from its template. */
export function NewEndpointPage() {
  const { instance = 'default', flavour: flavourId } = useParams();
  if (flavourId === undefined) return <FlavourGallery />;
  const flavour = FLAVOURS.find((f) => f.id === flavourId);
  if (flavour === undefined) return <NotFound />;
  const initial: DataflowEndpoint = {
    apiVersion: API_VERSION,
    kind: 'DataflowEndpoint',
    metadata: { name: '' },
    spec: flavour.template(),
  };
  // Keyed by flavour: switching flavour in the URL starts a fresh form.
  return (
    <EndpointEditor key={flavour.id} instance={instance} mode="create" initial={initial} flavour={flavour} />
  );
}

export function EditEndpointPage() {
  const { instance = 'default', name = '' } = useParams();
  // Read once: a background refetch must not replace the form under the user (a conflict is caught on save).
  const endpoint = useQuery({
    ...endpointQueries.detail(instance, name),
    staleTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  if (endpoint.isPending) return <Spinner label="Loading the endpoint…" />;
  if (endpoint.isError)
    return <ProblemMessage error={endpoint.error} onRetry={() => void endpoint.refetch()} />;
  const resource = endpoint.data;
  return (
    <EndpointEditor
      instance={instance}
      mode="edit"
      initial={withoutStatus(resource)}
      flavour={flavourById(detectFlavour(resource.spec))}
    />
  );
}
