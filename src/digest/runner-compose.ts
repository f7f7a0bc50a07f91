import type {
  CandidateRef,
  DigestCandidate,
  DigestRun,
  DueSchedule,
  Schedule,
  Store,
  StoredStory,
  StoryLink,
} from "../store/types.js";
import { briefText } from "./brief-text.js";
import { composeDigest, rankCandidates } from "./compose.js";
import { cachedFilter } from "./filter.js";
import { digestOptionsOf } from "./options.js";
import { type Digest, DigestPostError } from "./types.js";

export interface RunComposerOptions {
  store: Store;
  maxStories: number;
  postEmpty: boolean;
  /** How far back the first digest of a channel looks. */
  lookbackMs: number;
}

/** What a digest is composed for: a channel's slot (a claimed run, or one about to be claimed). */
export type RunTarget = Pick<DigestRun, "tenantId" | "channelId" | "slot">;

/**
 * The compose step of the runner: picks a run's stories and builds its digest (undefined when
 * there is nothing to post). With the due schedule at hand (claiming) no extra reads are needed;
 * without it (a resumed run, a preview) the channel and schedule are read again.
 */
export function createRunComposer(opts: RunComposerOptions) {
  const { store, lookbackMs: lookback } = opts;

  // Many channels show the same stories: a parsed brief is immutable per (story, version), and
  // links only change with the article count, so both are kept for a while instead of re-read.
  const storyCache = new Map<string, StoredStory>();
  const linkCache = new Map<string, StoryLink[]>();
  const remember = <T>(cache: Map<string, T>, key: string, value: T) => {
    if (cache.size >= 5000) cache.clear();
    cache.set(key, value);
  };

  async function load(tenantId: string, refs: CandidateRef[]): Promise<DigestCandidate[]> {
    const storyKey = (r: CandidateRef) => `${tenantId}|${r.storyId}|${r.version}`;
    const linkKey = (r: CandidateRef) => `${storyKey(r)}|${r.articleCount}`;
    const missingStories = refs.filter((r) => !storyCache.has(storyKey(r))).map((r) => r.storyId);
    for (const s of await store.stories.getMany(tenantId, missingStories)) {
      remember(storyCache, `${tenantId}|${s.id}|${s.version}`, s);
    }
    const missingLinks = refs.filter((r) => !linkCache.has(linkKey(r)));
    const links = await store.stories.links(
      tenantId,
      missingLinks.map((r) => r.storyId),
    );
    for (const r of missingLinks) remember(linkCache, linkKey(r), links.get(r.storyId) ?? []);
    const out: DigestCandidate[] = [];
    for (const r of refs) {
      // A story updated between the two reads is left for the next digest rather than shown half-new.
      const story = storyCache.get(storyKey(r));
      if (!story) continue;
      out.push({ story, links: linkCache.get(linkKey(r)) ?? [], ...(r.shown ? { shown: r.shown } : {}) });
    }
    return out;
  }

  /** The query window when the schedule row is at hand: its last claim bounds the previous digest. */
  const windowFrom = (s: Schedule, slot: Date) =>
    new Date(Math.min(Date.parse(s.updatedAt), slot.getTime()) - lookback);

  async function compose(
    run: RunTarget,
    missedSlots: number,
    due?: DueSchedule,
  ): Promise<Digest | undefined> {
    const slot = new Date(run.slot);
    if (due) {
      return composeWindow(
        run,
        slot,
        missedSlots,
        windowFrom(due, slot),
        due.channelExternalId,
        due.timezone,
      );
    }
    const channel = await store.channels.get(run.tenantId, run.channelId);
    const schedule = await store.schedules.get(run.tenantId, run.channelId);
    if (!channel) throw new DigestPostError("the channel is no longer known", true);
    const last = await store.digests.lastFinished(run.tenantId, run.channelId);
    // Shown versions already prevent repeats; the window only bounds the query. It reaches back
    // `lookback` before the slot (a clock set back must not hide stories) and, for the first
    // digest, before the schedule was made.
    const since = new Date(
      last
        ? Math.min(Date.parse(last.createdAt) - 3_600_000, slot.getTime() - lookback)
        : Math.min(slot.getTime(), Date.parse(schedule?.createdAt ?? run.slot)) - lookback,
    );
    const timezone = schedule?.timezone ?? channel.timezone ?? "UTC";
    return composeWindow(run, slot, missedSlots, since, channel.externalId, timezone);
  }

  async function composeWindow(
    run: Pick<DigestRun, "tenantId" | "channelId">,
    slot: Date,
    missedSlots: number,
    since: Date,
    channelExternalId: string,
    timezone: string,
  ): Promise<Digest | undefined> {
    const refs = await store.digests.candidates(run.tenantId, run.channelId, since);
    // A DM digest shows its source channel's stories as that channel's options and mute list
    // shape them: "same stories and filters as the channel".
    const source = (await store.dmDigests.sourceOf(run.tenantId, run.channelId)) ?? run.channelId;
    const options = digestOptionsOf(await store.filters.digestOptions(run.tenantId, source));
    const max = options.stories ?? opts.maxStories;
    const mute = await store.filters.mute(run.tenantId, source);
    let picked: DigestCandidate[];
    if (!mute.length) picked = await load(run.tenantId, rankCandidates(refs, slot, max));
    else {
      // The mute list covers everything the channel gets (its own /add-ed articles, stories filed
      // before the word was muted): a story whose brief matches is skipped and the next one taken.
      const muted = cachedFilter({ mute });
      const ranked = rankCandidates(refs, slot, refs.length);
      picked = [];
      for (let i = 0; i < ranked.length && picked.length < max; i += max) {
        for (const c of await load(run.tenantId, ranked.slice(i, i + max)))
          if (picked.length < max && muted.decide(briefText(c.story)).keep) picked.push(c);
      }
    }
    return composeDigest({
      tenantId: run.tenantId,
      channelId: run.channelId,
      channelExternalId,
      slot,
      timezone,
      picked,
      postEmpty: opts.postEmpty,
      missedSlots,
      options,
    });
  }

  return compose;
}

export type RunComposer = ReturnType<typeof createRunComposer>;
