// Dynamic destination topics (spec §5.4): `${inputTopic}` is the whole topic the message arrived on,
// `${inputTopic.N}` its N-th level (1-based, leading and trailing `/` ignored). Any other `$`, `{` or `}`
// is a literal topic character.

export type TopicResolution =
  { readonly ok: true; readonly topic: string } | { readonly ok: false; readonly reason: string };

const VARIABLE = /\$\{inputTopic(?:\.([^}]*))?\}/g;
const SHARED = /^\$(?:share|shared)\/[^/]+\//;

/** Removes a `$share/<group>/` or `$shared/<group>/` prefix (the platform documents `$shared`). */
export function stripSharedSubscription(topic: string): string {
  return topic.replace(SHARED, '');
}

/**
 * Resolves a destination template against the topic a message arrived on. Unresolvable variables (a
 * level beyond the topic, a non-numeric index) fail; the runtime drops such messages with a warning.
 */
export function resolveDestinationTopic(template: string, inputTopic: string | undefined): TopicResolution {
  if (!template.includes('${inputTopic')) return { ok: true, topic: template };
  if (inputTopic === undefined)
    return { ok: false, reason: 'the message has no input topic to resolve ${inputTopic}' };
  const topic = stripSharedSubscription(inputTopic);
  const levels = topic.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  let problem: string | undefined;
  const resolved = template.replace(VARIABLE, (whole: string, index: string | undefined) => {
    if (index === undefined) return topic;
    if (!/^[1-9]\d*$/.test(index)) {
      problem ??= `${whole}: the level must be a positive integer`;
      return whole;
    }
    const n = Number(index);
    if (n > levels.length) {
      problem ??= `${whole}: topic '${topic}' has only ${levels.length} level${levels.length === 1 ? '' : 's'}`;
      return whole;
    }
    return levels[n - 1] as string;
  });
  return problem === undefined ? { ok: true, topic: resolved } : { ok: false, reason: problem };
}
