import type { KeyValueStore } from '../../src/platform/browser-api';

/** `storage.local` semantics in memory: values are copied in and out, as the browser serialises them. */
export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  writes = 0;

  async get(keys: string[]): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const key of keys) if (this.data.has(key)) result[key] = structuredClone(this.data.get(key));
    return result;
  }
  async set(items: Record<string, unknown>): Promise<void> {
    this.writes += 1;
    for (const [key, value] of Object.entries(items)) this.data.set(key, structuredClone(value));
  }
  async remove(keys: string[]): Promise<void> {
    for (const key of keys) this.data.delete(key);
  }
}
