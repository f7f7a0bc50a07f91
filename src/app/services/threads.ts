import type { Store } from "../../store/types.js";
import type { ThreadService } from "../services.js";

const HOUR_MS = 60 * 60_000;

/** The thread service over the store; `tenantId` turns "slack:T1" into the store's tenant id. */
export function createThreadService(
  store: Store,
  tenantId: (tenant: string) => Promise<string>,
  now: () => Date = () => new Date(),
): ThreadService {
  return {
    async remember(tenant, channel, thread, storyIds, origin) {
      await store.threads.remember(await tenantId(tenant), { channel, thread }, storyIds, origin, now());
    },
    async storiesOf(tenant, channel, thread) {
      return store.threads.storiesOf(await tenantId(tenant), { channel, thread });
    },
    async autolinks(tenant, channel) {
      const c = await store.threads.conversation(await tenantId(tenant), channel);
      return { on: !!c.autolinksSince, unfurlDomains: c.unfurlDomains };
    },
    async setAutolinks(tenant, channel, settings) {
      const tid = await tenantId(tenant);
      const before = await store.threads.conversation(tid, channel);
      await store.threads.setConversation(
        tid,
        channel,
        {
          // Turning it on again keeps the first time it was turned on.
          ...(settings.on ? { autolinksSince: before.autolinksSince ?? now().toISOString() } : {}),
          unfurlDomains: settings.unfurlDomains,
        },
        now(),
      );
      return settings;
    },
    async autolinksLastHour(tenant, channel) {
      const since = new Date(now().getTime() - HOUR_MS);
      return store.threads.countSince(await tenantId(tenant), channel, "autolink", since);
    },
  };
}
