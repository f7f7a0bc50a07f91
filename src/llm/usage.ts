/**
 * Per-tenant daily token usage. Tenants are servers/workspaces (or "cli"); days are UTC dates
 * ("2026-11-25"). The store (src/store) provides the persistent implementation.
 */
export interface UsageLedger {
  /** Adds tokens to the tenant's total for the day and returns the new total. */
  add(tenant: string, day: string, tokens: number): Promise<number>;
  /** Tokens the tenant used that day (0 when none). */
  used(tenant: string, day: string): Promise<number>;
}

export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function createMemoryUsageLedger(): UsageLedger {
  const totals = new Map<string, number>();
  return {
    async add(tenant, day, tokens) {
      const key = `${tenant}\u0000${day}`;
      const total = (totals.get(key) ?? 0) + Math.max(0, Math.round(tokens));
      totals.set(key, total);
      return total;
    },
    async used(tenant, day) {
      return totals.get(`${tenant}\u0000${day}`) ?? 0;
    },
  };
}
