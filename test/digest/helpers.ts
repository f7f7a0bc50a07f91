import type { Digest, DigestPostContext, DigestPoster } from "../../src/digest/types.js";
import type { Store } from "../../src/store/index.js";
import { sampleArticle, sampleBrief } from "../store/samples.js";

/**
 * Stand-in for a chat platform at the network edge: records posts and, like Discord with
 * enforce_nonce, answers a repeated nonce with the first message instead of posting again.
 */
export class RecordingPoster implements DigestPoster {
  readonly posts: { digest: Digest; context: DigestPostContext }[] = [];
  private readonly byNonce = new Map<string, string>();
  private readonly failures = new Map<string, Error[]>();
  /** The next posts to `channelId` fail with these errors, in order. */
  fail(channelId: string, errors: Error[]): void {
    this.failures.set(channelId, errors);
  }
  /** Posts to one channel (the store is shared by the tests, other channels may be due too). */
  to(channelId: string) {
    return this.posts.filter((p) => p.digest.channelId === channelId);
  }
  async post(digest: Digest, context: DigestPostContext): Promise<{ messageId: string }> {
    const failure = this.failures.get(digest.channelId)?.shift();
    if (failure) throw failure;
    const seen = this.byNonce.get(context.nonce);
    if (seen) return { messageId: seen };
    const messageId = `m${this.posts.length + 1}`;
    this.byNonce.set(context.nonce, messageId);
    this.posts.push({ digest, context });
    return { messageId };
  }
}

/** A tenant with one channel subscribed to one feed. */
export async function seedChannel(store: Store, name: string) {
  const tenant = await store.tenants.ensure({ platform: "slack", externalId: `T-${name}` });
  const channel = await store.channels.ensure(tenant.id, { externalId: `C-${name}`, name });
  const feed = await store.feeds.add(tenant.id, { url: `https://${name}.example/rss` });
  await store.feeds.subscribe(tenant.id, channel.id, feed.id);
  return { tenant, channel, feed };
}

let counter = 1000;
/** Adds a story with one new article from `feedId`, at `at`. */
export async function addStory(
  store: Store,
  tenantId: string,
  origin: { feedId: string } | { channelId: string },
  at: Date,
  opts: { key?: string; title?: string; points?: string[] } = {},
) {
  const n = counter++;
  const article = sampleArticle(n, { text: `Story text ${n} ${opts.title ?? ""}` });
  const saved = await store.articles.save(tenantId, article, origin, at);
  const title = opts.title ?? `Story ${n}`;
  return store.stories.save(
    tenantId,
    {
      storyKey: opts.key ?? `key-${n}`,
      title,
      brief: sampleBrief(
        title,
        opts.points ?? [`${title} happened.`, "Officials reacted.", "More is expected."],
      ),
      articleIds: [saved.id],
    },
    at,
  );
}
