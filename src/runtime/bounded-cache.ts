/**
 * A process-wide map that cannot grow without bound: least recently used first out past `max` entries, and entries
 * idle longer than `idleMs` dropped. An entry still in use (`busy`: a request in flight, a refresh running) is never
 * dropped, so evicting one never breaks a limit or a refresh that is under way; it goes once it is idle.
 */
export interface BoundedCacheOptions<V> {
  max: number;
  idleMs: number;
  busy?: (value: V) => boolean;
}

export class BoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; usedAt: number }>();
  private sweptAt = Date.now();

  constructor(private readonly options: BoundedCacheOptions<V>) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value, marked as just used; undefined when absent or idle past its time. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = Date.now();
    if (now - entry.usedAt > this.options.idleMs && !this.isBusy(entry.value)) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-inserted: a Map keeps insertion order, so the oldest used entries come first.
    this.entries.delete(key);
    entry.usedAt = now;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    const now = Date.now();
    this.entries.set(key, { value, usedAt: now });
    // Past the size, or once per idle period: entries idle that long go even when the cache is not full.
    if (this.entries.size > this.options.max || now - this.sweptAt > this.options.idleMs) this.prune(now);
  }

  /** The value for `key`, made by `make` when there is none. */
  getOrSet(key: K, make: () => V): V {
    const found = this.get(key);
    if (found !== undefined) return found;
    const value = make();
    this.set(key, value);
    return value;
  }

  /** Drops idle-expired entries, then the least recently used idle ones until within `max`. */
  private prune(now: number): void {
    this.sweptAt = now;
    // A bounded look from the oldest end: when many entries are busy at once, a set stays cheap (they go later).
    let looks = 100 + Math.max(0, this.entries.size - this.options.max);
    for (const [key, entry] of this.entries) {
      if (looks-- <= 0 || (this.entries.size <= this.options.max && now - entry.usedAt <= this.options.idleMs)) break;
      if (!this.isBusy(entry.value)) this.entries.delete(key);
    }
  }

  private isBusy(value: V): boolean {
    return this.options.busy?.(value) ?? false;
  }
}
