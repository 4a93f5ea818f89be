/**
 * Values by key, each with a weight: once the weights pass `maxWeight`, the least recently used
 * are let go first, never the one just set or weighed.
 */
export class WeightedLru<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private total = 0;

  constructor(private readonly maxWeight: number) {}

  /** The value under `key`, now the most recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` under `key`, in place of anything there. */
  set(key: string, value: V, weight: number): void {
    this.delete(key);
    this.entries.set(key, { value, weight });
    this.total += weight;
    this.trim(key);
  }

  /** Puts `weight` on `value`, if `key` still holds it: for a value weighed once it is known. */
  weigh(key: string, value: V, weight: number): void {
    const entry = this.entries.get(key);
    if (!entry || entry.value !== value) return;
    this.total += weight - entry.weight;
    entry.weight = weight;
    this.trim(key);
  }

  /** Lets `key` go; when `value` is given, only if `key` still holds it. */
  delete(key: string, value?: V): void {
    const entry = this.entries.get(key);
    if (!entry || (value !== undefined && entry.value !== value)) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  private trim(kept: string): void {
    for (const key of this.entries.keys()) {
      if (this.total <= this.maxWeight || key === kept) break;
      this.delete(key);
    }
  }
}
