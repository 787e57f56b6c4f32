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

type TopicPart = string | { readonly whole: string; readonly level?: number; readonly invalid?: true };

/**
 * `resolveDestinationTopic` with the template parsed once: the runtime resolves a topic per message, and
 * this avoids the regular expressions and allocations of parsing it again each time. Same results.
 */
export function compileDestinationTopic(
  template: string,
): (inputTopic: string | undefined) => TopicResolution {
  if (!template.includes('${inputTopic')) {
    const fixed: TopicResolution = { ok: true, topic: template };
    return () => fixed;
  }
  const parts: TopicPart[] = [];
  let last = 0;
  for (const match of template.matchAll(VARIABLE)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    const index = match[1];
    if (index === undefined) parts.push({ whole: match[0] });
    else if (/^[1-9]\d*$/.test(index)) parts.push({ whole: match[0], level: Number(index) });
    else parts.push({ whole: match[0], invalid: true });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return (inputTopic) => {
    if (inputTopic === undefined)
      return { ok: false, reason: 'the message has no input topic to resolve ${inputTopic}' };
    const topic = inputTopic.charCodeAt(0) === 36 /* $ */ ? stripSharedSubscription(inputTopic) : inputTopic;
    let levels: string[] | undefined;
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') out += part;
      else if (part.invalid)
        return { ok: false, reason: `${part.whole}: the level must be a positive integer` };
      else if (part.level === undefined) out += topic;
      else {
        levels ??= topic.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
        const level = levels[part.level - 1];
        if (level === undefined)
          return {
            ok: false,
            reason: `${part.whole}: topic '${topic}' has only ${levels.length} level${levels.length === 1 ? '' : 's'}`,
          };
        out += level;
      }
    }
    return { ok: true, topic: out };
  };
}
