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

/** For services without a store (tests of the command layer): the same contract in memory. */
export function createMemoryThreadService(now: () => Date = () => new Date()): ThreadService {
  const threads = new Map<string, { storyIds: string[]; origin: string; at: number }>();
  const settings = new Map<string, { on: boolean; unfurlDomains: string[] }>();
  const key = (...parts: string[]) => parts.join("\u0000");
  return {
    async remember(tenant, channel, thread, storyIds, origin) {
      threads.set(key(tenant, channel, thread), { storyIds, origin, at: now().getTime() });
    },
    async storiesOf(tenant, channel, thread) {
      return threads.get(key(tenant, channel, thread))?.storyIds ?? [];
    },
    async autolinks(tenant, channel) {
      return settings.get(key(tenant, channel)) ?? { on: false, unfurlDomains: [] };
    },
    async setAutolinks(tenant, channel, s) {
      settings.set(key(tenant, channel), s);
      return s;
    },
    async autolinksLastHour(tenant, channel) {
      const prefix = key(tenant, channel, "");
      const since = now().getTime() - HOUR_MS;
      return [...threads].filter(([k, t]) => k.startsWith(prefix) && t.origin === "autolink" && t.at >= since)
        .length;
    },
  };
}
