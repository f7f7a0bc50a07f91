import type { Logger } from "pino";
import type { Clock } from "./resilience.js";
import { type UsageLedger, utcDay } from "./usage.js";

/**
 * The per-tenant daily token budget (LLM_DAILY_TOKEN_BUDGET; 0 means no limit). A call is
 * allowed when the day's usage plus the call's estimate stays within the budget, so one large
 * article cannot overshoot it by much; what the call really used is recorded afterwards.
 */
export interface Budget {
  readonly limit: number;
  allows(tenant: string, estimate: number): Promise<boolean>;
  record(tenant: string, tokens: number): Promise<void>;
}

export function createBudget(ledger: UsageLedger, limit: number, clock: Clock, logger: Logger): Budget {
  return {
    limit,
    async allows(tenant, estimate) {
      if (limit === 0) return true;
      const used = await ledger.used(tenant, utcDay(clock.now()));
      const ok = used + estimate <= limit;
      if (!ok) logger.warn({ tenant, used, estimate, limit }, "llm daily token budget reached");
      return ok;
    },
    async record(tenant, tokens) {
      const day = utcDay(clock.now());
      const total = await ledger.add(tenant, day, tokens);
      logger.info({ tenant, day, tokens, dayTotal: total }, "llm tokens used");
    },
  };
}
