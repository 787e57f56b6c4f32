import {
  CloudRegular,
  DatabaseRegular,
  DataUsageRegular,
  FolderRegular,
  PlugConnectedRegular,
  PulseRegular,
  ServerRegular,
} from '@fluentui/react-icons';
import type { EndpointType } from '@flowplane/model';
import type { ReactElement } from 'react';

export const TYPE_ICONS: Record<EndpointType, ReactElement> = {
  Mqtt: <PlugConnectedRegular />,
  Kafka: <ServerRegular />,
  DataLakeStorage: <DatabaseRegular />,
  DataExplorer: <DataUsageRegular />,
  FabricOneLake: <CloudRegular />,
  LocalStorage: <FolderRegular />,
  OpenTelemetry: <PulseRegular />,
};
