import type { JsonValue } from '@askdata/store';

const texts = new WeakMap<object, string>();

/**
 * The JSON text of an event's data. A replayed answer streams the very same (never changed) event objects
 * each time, so each is turned into text once, not once per stream.
 */
export function eventJson(data: JsonValue): string {
  if (data === null || typeof data !== 'object') return JSON.stringify(data);
  let text = texts.get(data);
  if (text === undefined) {
    text = JSON.stringify(data);
    texts.set(data, text);
  }
  return text;
}
