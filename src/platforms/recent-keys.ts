/**
 * Remembers keys seen recently (bounded in size and age), to answer a retried Slack delivery
 * only once (or a Discord "Post here" used once) when the adapter runs without a store (tests). A running bot
 * keeps the keys in the store instead (`store.deliveries`), shared by restarts and instances.
 */
export class RecentKeys {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly maxSize: number,
    private readonly ttlMs: number,
  ) {}

  /** True when the key is new (and records it); false for a repeat within the TTL. */
  add(key: string, now = Date.now()): boolean {
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    // Maps iterate in insertion order, so the first key is the oldest.
    while (this.seen.size > this.maxSize) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }
}
