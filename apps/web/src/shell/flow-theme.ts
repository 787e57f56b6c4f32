import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * React Flow's colours taken from the Fluent theme in effect (its CSS variables are the documented way to
 * theme it), so canvases follow the light and dark themes like the rest of the portal.
 */
export const useFlowTheme = makeStyles({
  flow: {
    '--xy-background-pattern-dots-color': tokens.colorNeutralStroke1,
    '--xy-edge-stroke': tokens.colorNeutralStroke1Hover,
    '--xy-edge-stroke-selected': tokens.colorBrandStroke1,
    '--xy-edge-label-background-color': tokens.colorNeutralBackground1,
    '--xy-edge-label-color': tokens.colorNeutralForeground1,
    '--xy-handle-background-color': tokens.colorNeutralForeground3,
    '--xy-handle-border-color': tokens.colorNeutralBackground1,
    '--xy-controls-button-background-color': tokens.colorNeutralBackground1,
    '--xy-controls-button-background-color-hover': tokens.colorNeutralBackground1Hover,
    '--xy-controls-button-color': tokens.colorNeutralForeground1,
    '--xy-controls-button-color-hover': tokens.colorNeutralForeground1,
    '--xy-controls-button-border-color': tokens.colorNeutralStroke2,
    '--xy-minimap-background-color': tokens.colorNeutralBackground1,
    '--xy-minimap-mask-background-color': `color-mix(in srgb, ${tokens.colorNeutralBackground5} 60%, transparent)`,
    '--xy-minimap-node-background-color': tokens.colorNeutralStrokeAccessible,
    '--xy-attribution-background-color': tokens.colorNeutralBackground1,
  },
});
