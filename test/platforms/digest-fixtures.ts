import type { Digest } from "../../src/digest/types.js";
import type { Store } from "../../src/store/types.js";

/**
 * A digest for `channelExternalId` in the tenant (platform, externalId), with `stories` items; many
 * stories make a digest that Slack and Discord split into several messages.
 */
export async function digestIn(
  store: Store,
  tenantRef: { platform: "slack" | "discord" | "console"; externalId: string },
  channelExternalId: string,
  stories = 1,
  slot = "2026-11-25T07:00:00.000Z",
): Promise<Digest> {
  const tenant = await store.tenants.ensure(tenantRef);
  const channel = await store.channels.ensure(tenant.id, { externalId: channelExternalId });
  return {
    tenantId: tenant.id,
    channelId: channel.id,
    channelExternalId,
    slot,
    timezone: "Europe/Berlin",
    title: `News digest ${slot}`,
    items: Array.from({ length: stories }, (_, i) => ({
      storyId: `s${i}`,
      version: 1,
      title: `Story ${i}: talks resume in Cairo`,
      links: [{ title: "CNN", url: `https://example.com/${i}`, siteName: null }],
      keyPoints: [`Talks resumed in Cairo (${i}).`, `A deal is not close, officials said (${i}).`],
      topQuote: {
        quote: `We are not there yet ${"and we will keep talking ".repeat(20)}`,
        speaker: "An envoy",
      },
      openQuestion: `Will the ceasefire hold past Friday (${i})?`,
      allKeyPoints: [`Talks resumed in Cairo (${i}).`],
    })),
    nothingNew: false,
  };
}
