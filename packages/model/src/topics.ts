/** Problems with an MQTT topic filter (as a dataflow source subscribes to it), or undefined when valid. */
export function mqttTopicFilterProblem(filter: string): string | undefined {
  let topic = filter;
  const shared = /^\$(share|shared)\/([^/]*)\/(.*)$/.exec(filter);
  if (shared) {
    if (shared[2] === '' || /[+#]/.test(shared[2]!))
      return 'A shared subscription needs a group name without wildcards: $shared/<group>/<filter>.';
    topic = shared[3]!;
  } else if (/^\$share(d)?\/?$/.test(filter)) {
    return 'A shared subscription needs a group and a topic filter: $shared/<group>/<filter>.';
  }
  if (topic === '') return 'The topic filter is empty.';
  if (topic.includes('\u0000')) return 'Topics cannot contain the NUL character.';
  const levels = topic.split('/');
  for (const [i, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return '"#" must be a whole level and the last one.';
    }
    if (level.includes('+') && level !== '+') return '"+" must be a whole level.';
  }
  return undefined;
}

/** Problems with a topic an MQTT destination publishes to, or undefined when valid. */
export function mqttTopicNameProblem(topic: string): string | undefined {
  if (topic.includes('+') || topic.includes('#'))
    return 'A destination topic cannot contain the wildcards + or #.';
  if (topic.includes('\u0000')) return 'Topics cannot contain the NUL character.';
  return undefined;
}

const KAFKA_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

/** Problems with a Kafka topic (static names only), or undefined when valid. */
export function kafkaTopicProblem(topic: string): string | undefined {
  if (/[+#*]/.test(topic)) return 'Kafka topics are static names: no wildcards.';
  if (topic.includes('${'))
    return 'Kafka topics are static names: ${inputTopic} works only for MQTT destinations.';
  if (topic === '.' || topic === '..' || !KAFKA_TOPIC.test(topic)) {
    return 'A Kafka topic has 1–249 characters from a-z, A-Z, 0-9, ".", "_" and "-".';
  }
  return undefined;
}

export function isSharedSubscription(filter: string): boolean {
  return /^\$share(d)?\//.test(filter);
}
