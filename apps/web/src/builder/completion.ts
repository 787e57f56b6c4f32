import type { Completer, Completion } from '../forms/CompletionInput.tsx';

/**
 * Completions inside a map or filter rule's formula, for the word before the cursor: `$1`…`$n` (each
 * with the input it stands for) after `$`, the mapping language's functions after letters. `explicit`
 * (Ctrl+Space) lists everything even before a word is started.
 */
export function expressionCompleter(inputs: readonly string[], functions: readonly string[]): Completer {
  return (text, cursor, explicit) => {
    const before = text.slice(0, cursor);
    // Function names may be namespaced (`str::trim`).
    const word = /(\$\d*|[A-Za-z_][\w:]*)$/.exec(before)?.[0] ?? '';
    // Inside a number or right after a name's character other than a word start: nothing to offer.
    if (word === '' && !explicit) return undefined;
    if (word === '' && /[\w.]$/.test(before)) return undefined;
    const placeholders: Completion[] = inputs.map((input, i) => ({
      label: `$${i + 1}`,
      insert: `$${i + 1}`,
      detail: input === '' ? `input ${i + 1}` : input,
    }));
    const calls: Completion[] = functions.map((name) => ({
      label: `${name}()`,
      insert: `${name}(`,
      detail: 'function',
    }));
    const lower = word.toLowerCase();
    const items = word.startsWith('$')
      ? placeholders.filter((p) => p.label.startsWith(word) && p.label !== word)
      : word === ''
        ? [...placeholders, ...calls]
        : calls.filter((c) => c.label.toLowerCase().startsWith(lower));
    return items.length > 0 ? { from: cursor - word.length, to: cursor, items } : undefined;
  };
}

/**
 * Completions for a rule's input (one field path per item): the known field paths that start with what
 * is typed, then those that contain it. The whole item is replaced.
 */
export function fieldCompleter(fields: readonly string[]): Completer {
  return (text, _cursor, explicit) => {
    const typed = text.trim().toLowerCase();
    if (typed === '' && !explicit) return undefined;
    const starts = fields.filter((f) => f.toLowerCase().startsWith(typed) && f !== text);
    const contains = fields.filter(
      (f) => !f.toLowerCase().startsWith(typed) && f.toLowerCase().includes(typed),
    );
    const items = [...starts, ...contains].map((f) => ({ label: f, insert: f }));
    return items.length > 0 ? { from: 0, to: text.length, items } : undefined;
  };
}

/**
 * Completions for an MQTT destination topic after `$`: `${inputTopic}` and `${inputTopic.N}` for each
 * level of the source's topic filter (1-based, as the platform counts), each with that level's text, so
 * the user sees which part of the incoming topic it takes. A shared-subscription prefix is not a level.
 */
export function topicCompleter(sourceFilter: string | undefined): Completer {
  const levels = (sourceFilter ?? '')
    .replace(/^\$share(d)?\/[^/]+\//, '')
    .split('/')
    .filter((level) => level !== '');
  const items: Completion[] = [
    { label: '${inputTopic}', insert: '${inputTopic}', detail: sourceFilter || 'the whole incoming topic' },
    ...levels.map((level, i) => ({
      label: `\${inputTopic.${i + 1}}`,
      insert: `\${inputTopic.${i + 1}}`,
      detail: level,
    })),
  ];
  return (text, cursor, explicit) => {
    const before = text.slice(0, cursor);
    const word = /\$(\{[\w.]*)?$/.exec(before)?.[0];
    if (word === undefined && !explicit) return undefined;
    const typed = word ?? '';
    const matching = items.filter((item) => item.label.startsWith(typed) && item.label !== typed);
    return matching.length > 0 ? { from: cursor - typed.length, to: cursor, items: matching } : undefined;
  };
}
