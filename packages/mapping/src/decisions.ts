// Choices where the Azure IoT Operations sources disagree or are silent. Each one is listed, with its
// source and the alternative, in this package's README; change them here and only here.

/**
 * A filter rule whose expression evaluates to `true` DROPS the message (newest dataflow and graph filter
 * pages, 2026). Older pages read the other way ("passed to the next stage").
 */
export const FILTER_TRUE_DROPS = true;

/** Maximum nesting depth of an expression, so hostile input cannot exhaust the stack. */
export const MAX_EXPRESSION_DEPTH = 200;

/** Datasets are tracked in a 30-bit mask per message; the ARM schema allows only one. */
export const MAX_DATASETS = 30;

/** Highest `round_n` precision the reference allows. */
export const MAX_ROUND_DECIMALS = 15;
