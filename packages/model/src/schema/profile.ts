import { Type, type Static } from 'typebox';
import { Envelope } from './common.ts';

/** The profile documentation limits names to 39 characters, the ARM pattern to 63; we enforce both. */
export const PROFILE_NAME_MAX_LENGTH = 39;

export const DataflowProfileSpec = Type.Object(
  {
    instanceCount: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 20,
        default: 1,
        description:
          'Copies of each dataflow that run in parallel. Above 1, broker sources become shared subscriptions.',
        examples: [1, 3],
      }),
    ),
    diagnostics: Type.Optional(
      Type.Object(
        {
          logs: Type.Optional(
            Type.Object(
              {
                level: Type.Optional(
                  Type.String({
                    minLength: 1,
                    default: 'info',
                    description: 'Log level: error, warn, info, debug or trace (or a filter expression).',
                    examples: ['info', 'debug'],
                  }),
                ),
              },
              { additionalProperties: false, default: {}, description: 'Log settings.' },
            ),
          ),
          metrics: Type.Optional(
            Type.Object(
              {
                prometheusPort: Type.Optional(
                  Type.Integer({
                    minimum: 0,
                    maximum: 65535,
                    default: 9600,
                    description: 'Port on which Prometheus metrics are served.',
                    examples: [9600],
                  }),
                ),
              },
              { additionalProperties: false, default: {}, description: 'Metric settings.' },
            ),
          ),
        },
        { additionalProperties: false, default: {}, description: 'Diagnostics of the dataflow pods.' },
      ),
    ),
  },
  { additionalProperties: false, description: 'How the dataflows of this profile are scaled and observed.' },
);

export const DataflowProfile = Envelope(
  'DataflowProfile',
  'dataflow profile',
  DataflowProfileSpec,
  'A group of dataflows that share scaling and diagnostics.',
  PROFILE_NAME_MAX_LENGTH,
);

export type DataflowProfile = Static<typeof DataflowProfile>;
export type DataflowProfileSpec = Static<typeof DataflowProfileSpec>;
