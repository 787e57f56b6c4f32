import { Spinner } from '@fluentui/react-components';
import { API_VERSION, DataflowProfileSpec, type DataflowProfile } from '@flowplane/model';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { profileKeys, profileQueries } from '../api/profiles.ts';
import { SchemaFields } from '../forms/SchemaFields.tsx';
import type { JsonSchema } from '../forms/schema.ts';
import { ResourceEditor } from '../resources/ResourceEditor.tsx';
import { withoutStatus } from '../resources/use-save-resource.ts';
import { ProblemMessage } from '../shell/ProblemMessage.tsx';

const DESCRIPTION =
  'A profile sets how many copies of its dataflows run and how they log and expose metrics.';

function ProfileEditor({
  instance,
  mode,
  initial,
}: {
  instance: string;
  mode: 'create' | 'edit';
  initial: DataflowProfile;
}) {
  return (
    <ResourceEditor
      instance={instance}
      kind="profiles"
      noun="profile"
      mode={mode}
      initial={initial}
      title={mode === 'create' ? 'New dataflow profile' : `Edit ${initial.metadata.name}`}
      description={DESCRIPTION}
      invalidate={profileKeys.all(instance)}
      fields={() => <SchemaFields schema={DataflowProfileSpec as unknown as JsonSchema} path={['spec']} />}
    />
  );
}

export function NewProfilePage() {
  const { instance = 'default' } = useParams();
  const initial: DataflowProfile = {
    apiVersion: API_VERSION,
    kind: 'DataflowProfile',
    metadata: { name: '' },
    spec: { instanceCount: 1 },
  };
  return <ProfileEditor instance={instance} mode="create" initial={initial} />;
}

export function EditProfilePage() {
  const { instance = 'default', name = '' } = useParams();
  // Read once: a background refetch must not replace the form under the user (a conflict is caught on save).
  const profile = useQuery({
    ...profileQueries.detail(instance, name),
    staleTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  if (profile.isPending) return <Spinner label="Loading the profile…" />;
  if (profile.isError) return <ProblemMessage error={profile.error} onRetry={() => void profile.refetch()} />;
  return <ProfileEditor instance={instance} mode="edit" initial={withoutStatus(profile.data)} />;
}
