import type { Store } from "../../store/types.js";
import type { ServiceScope } from "./deps.js";

/** The scope the per-area services share; tenant ids are cached, a failed lookup is retried next time. */
export function createServiceScope(store: Store, now: () => Date = () => new Date()): ServiceScope {
  const tenantIds = new Map<string, Promise<string>>();
  return {
    store,
    now,
    tenantId(tenant) {
      let id = tenantIds.get(tenant);
      if (!id) {
        const [platform, ...rest] = tenant.split(":");
        id = store.tenants
          .ensure({ platform: platform!, externalId: rest.join(":") || "local" })
          .then((t) => t.id);
        id.catch(() => tenantIds.delete(tenant));
        tenantIds.set(tenant, id);
      }
      return id;
    },
    async channelId(tid, external) {
      return (await store.channels.ensure(tid, { externalId: external })).id;
    },
  };
}
