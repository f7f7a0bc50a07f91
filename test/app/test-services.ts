import { createStoreServices, type StoreServicesDeps } from "../../src/app/services/index.js";
import type { Services } from "../../src/app/services.js";
import { buildExtractiveBrief } from "../../src/core/analyse.js";
import { openSqlite } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";

/**
 * What a test may set on the real services; the rest is filled in: the extractive engine, the UTC
 * default timezone and, unless `store` is given, a fresh in-memory SQLite store. No fetcher is
 * wired, so `/add <url>` explains that fetching is not available and no test reaches the network
 * (a test of fetching passes `fetchArticle` over its loopback server).
 */
export type TestServicesOptions = Partial<StoreServicesDeps>;

export interface TestServices extends Services {
  store: Store;
}

/**
 * The real store-backed services — the product's only implementation — for tests of the command
 * layer and the adapters. `close()` closes the store the helper opened (a given store stays the
 * caller's to close) and may be called twice: a bot under test closes its services on stop.
 */
export async function openTestServices(options: TestServicesOptions = {}): Promise<TestServices> {
  const store = options.store ?? (await openSqlite(":memory:"));
  const services = createStoreServices({
    summarise: async (input) => buildExtractiveBrief(input),
    defaultTimezone: "UTC",
    ...options,
    store,
  });
  let closing: Promise<void> | undefined;
  return {
    ...services,
    store,
    close() {
      closing ??= options.store ? Promise.resolve() : services.close();
      return closing;
    },
  };
}
