import { FilterError, MAX_FILTER_TERMS, normaliseWords, parseMuteTerms } from "../../digest/filter.js";
import { type DigestService, UserFacingError } from "../services.js";
import type { ServiceScope } from "./deps.js";
import { refilterSubscription } from "./feed-filters.js";

const MUTE_EXAMPLE = 'Example: /digest mute sports "transfer window"';

/** The same term however it is cased or accented: "Café" and "cafe" are one entry. */
const sameTerm = (a: string, b: string) => normaliseWords(a).join(" ") === normaliseWords(b).join(" ");

function termsOf(input: string): string[] {
  try {
    const terms = parseMuteTerms(input);
    if (!terms.length) throw new FilterError("no word or phrase was given");
    return terms;
  } catch (err) {
    if (err instanceof FilterError)
      throw new UserFacingError(`Cannot mute that: ${err.message}.`, MUTE_EXAMPLE);
    throw err;
  }
}

/**
 * A channel's mute list: words and phrases no story it gets may match (feeds' items are dropped
 * as they are polled; the digest also leaves out any story whose brief matches).
 */
export function createMuteService(scope: ServiceScope): Pick<DigestService, "mute" | "unmute" | "muted"> {
  const { store, tenantId, channelId, now } = scope;
  // The feeds' recent items are decided again with the new list (and unmuted ones come back).
  const refilterChannel = async (tid: string, ch: string) => {
    for (const s of await store.filters.subscriptions(tid, ch))
      await refilterSubscription(store, tid, ch, s.feed.id, now());
  };
  const ids = async (tenant: string, channel: string) => {
    const tid = await tenantId(tenant);
    return [tid, await channelId(tid, channel)] as const;
  };
  return {
    async mute(tenant, channel, input) {
      const [tid, ch] = await ids(tenant, channel);
      const current = await store.filters.mute(tid, ch);
      const added = termsOf(input).filter((t) => !current.some((c) => sameTerm(c, t)));
      const next = [...current, ...added];
      if (next.length > MAX_FILTER_TERMS)
        throw new UserFacingError(
          `The mute list would have ${next.length} terms; a channel may mute at most ${MAX_FILTER_TERMS}.`,
          "Remove some with /digest unmute <words>, or /digest unmute to clear the list.",
        );
      await store.filters.setMute(tid, ch, next);
      await refilterChannel(tid, ch);
      return next;
    },
    async unmute(tenant, channel, input) {
      const [tid, ch] = await ids(tenant, channel);
      const current = await store.filters.mute(tid, ch);
      const asked = input?.trim() ? termsOf(input) : undefined;
      const removed = asked ? current.filter((c) => asked.some((t) => sameTerm(c, t))) : current;
      const remaining = current.filter((c) => !removed.includes(c));
      if (removed.length) {
        await store.filters.setMute(tid, ch, remaining);
        await refilterChannel(tid, ch);
      }
      return { removed, remaining };
    },
    async muted(tenant, channel) {
      const [tid, ch] = await ids(tenant, channel);
      return store.filters.mute(tid, ch);
    },
  };
}
