import type { KeyValueStore } from '../../src/platform/page-api';

/** `storage.local` semantics in memory: values are copied in and out, as the browser serialises them. */
export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  writes = 0;

  get(keys: string[]): Promise<Record<string, unknown>> {
    return answer(() => {
      const result: Record<string, unknown> = {};
      for (const key of keys) if (this.data.has(key)) result[key] = structuredClone(this.data.get(key));
      return result;
    });
  }
  set(items: Record<string, unknown>): Promise<void> {
    return answer(() => {
      this.writes += 1;
      for (const [key, value] of Object.entries(items)) this.data.set(key, structuredClone(value));
    });
  }
  remove(keys: string[]): Promise<void> {
    return answer(() => {
      for (const key of keys) this.data.delete(key);
    });
  }
}

/** Does `work` now and answers as the browser does: with a promise, rejected if `work` throws. */
function answer<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(work());
  });
}
