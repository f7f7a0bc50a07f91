import type { Store, StoredStory } from "../store/types.js";
import { briefText } from "./brief-text.js";
import { cachedFilter } from "./filter.js";

/** Why a story must not reach the channel as an alert or update; undefined when it may. */
export type AlertGate = (story: StoredStory) => string | undefined;

/**
 * What stops an alert besides the subscription's filter (which the candidates query applies to
 * the dropped feed items): a story removed with `/stories remove`, and the channel's mute list
 * checked against the story's brief, as the digest composer does — a word muted after the item
 * was filed, or one that appears only in the brief, still keeps the story out (ADR 0025, 0027).
 */
export async function alertGateFor(store: Store, tenantId: string, channelId: string): Promise<AlertGate> {
  const mute = await store.filters.mute(tenantId, channelId);
  const muted = mute.length ? cachedFilter({ mute }) : undefined;
  return (story) => {
    if (story.removedAt) return "the story was removed";
    if (muted) {
      const decision = muted.decide(briefText(story));
      if (!decision.keep) return decision.reason;
    }
    return undefined;
  };
}
