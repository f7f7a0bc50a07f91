import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildExtractiveBrief } from "../../src/core/analyse.js";
import type { AlertMessage, AlertPostContext, AlertPoster } from "../../src/digest/alert-types.js";
import type { Clock } from "../../src/digest/clock.js";
import { createFeedPoller } from "../../src/digest/feed-poller.js";
import { ingestPollFeed } from "../../src/digest/ingest-poll.js";
import { DigestPostError } from "../../src/digest/types.js";
import { createFetcher } from "../../src/ingest/fetch/fetcher.js";
import type { Store } from "../../src/store/index.js";

const PLACES = ["harbour", "railway", "library", "stadium", "market", "bridge", "school", "hospital"];

/** An item's full text (long enough to count as an article, not a teaser), distinct per item. */
export function itemText(n: number, extra = ""): string {
  const place = PLACES[n % PLACES.length];
  return [
    `Officials in district ${n} opened the new ${place} project number ${n} on Monday after months of work.`,
    `The mayor of district ${n} said the ${place} would serve ${n * 100} residents every week.`,
    `"We waited ${n} years for this ${place}," said Maria Lopez, a resident of district ${n}.`,
    extra,
    `Critics in district ${n} asked how the ${place} would be paid for in the coming budget year.`,
    `Work on the ${place} in district ${n} began two years ago and cost more than planned.`,
    `The council of district ${n} will review the ${place} again next spring.`,
    `Residents of district ${n} can visit the ${place} from eight in the morning until late in the evening, the council said in a statement.`,
    `Local businesses near the ${place} of district ${n} expect more visitors once the opening week is over.`,
  ]
    .filter(Boolean)
    .join(" ");
}

export interface FeedItem {
  n: number;
  title?: string;
  text?: string;
}

/** A news site on loopback whose RSS lists `items` (newest first), each with its full text. */
export async function startFeedSite() {
  const feeds = new Map<string, FeedItem[]>();
  const server: Server = createServer((req, res) => {
    const items = feeds.get(req.url ?? "");
    if (!items) return void res.writeHead(404).end();
    const xml = items
      .map(
        (i) =>
          `<item><title>${i.title ?? `Project ${i.n} opens`}</title><link>${base}/story/${i.n}</link><guid>g${i.n}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1, 0, i.n)).toUTCString()}</pubDate><description>${i.text ?? itemText(i.n)}</description></item>`,
      )
      .join("");
    res
      .writeHead(200, { "content-type": "application/rss+xml" })
      .end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>District news</title>${xml}</channel></rss>`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    /** Sets the feed at `path`: items numbered `from`..`to`, newest (highest) first. */
    set(path: string, items: FeedItem[]) {
      feeds.set(
        path,
        [...items].sort((a, b) => b.n - a.n),
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const range = (from: number, to: number): FeedItem[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ n: from + i }));

/** The real poller with ingest's pollFeed and the SSRF-safe fetcher (loopback allowed); one story per URL. */
export function realPoller(store: Store, clock: Clock) {
  const fetcher = createFetcher({
    allowHosts: "127.0.0.1",
    timeoutMs: 5000,
    connectTimeoutMs: 2000,
    maxBytes: 1_000_000,
    perHostConcurrency: 4,
  });
  return createFeedPoller({
    store,
    clock,
    intervalMs: 60_000,
    pollFeed: ingestPollFeed({ fetcher, now: () => clock.now(), intervalMinutes: 1, random: () => 0.5 }),
    async storyFor(article) {
      return {
        storyKey: article.url ?? article.contentHash,
        brief: buildExtractiveBrief({ text: article.text, title: article.title }),
      };
    },
  });
}

/**
 * A chat platform at the network edge for alerts: records what was posted and, like Discord with
 * enforce_nonce (or Slack's metadata lookup on a resume), answers a nonce it has seen with the
 * message already there. `deliverThenFail` makes the next post land and then throw (a timeout).
 */
export class RecordingAlertPoster implements AlertPoster {
  readonly posts: { alert: AlertMessage; context: AlertPostContext; messageId: string }[] = [];
  readonly attempts: AlertPostContext[] = [];
  private readonly byNonce = new Map<string, string>();
  deliverThenFail = 0;
  /** The next posts fail before reaching the platform (it is not connected). */
  failBeforeSend = 0;
  async postAlert(alert: AlertMessage, context: AlertPostContext) {
    this.attempts.push(context);
    if (this.failBeforeSend > 0) {
      this.failBeforeSend--;
      throw new DigestPostError("not connected", false, undefined, true);
    }
    const seen = this.byNonce.get(context.nonce);
    if (seen) return { messageId: seen };
    const messageId = `m${this.posts.length + 1}`;
    this.byNonce.set(context.nonce, messageId);
    this.posts.push({ alert, context, messageId });
    if (this.deliverThenFail > 0) {
      this.deliverThenFail--;
      throw new Error("socket hang up after the post");
    }
    return { messageId };
  }
  to(channelExternalId: string) {
    return this.posts.filter((p) => p.alert.channelExternalId === channelExternalId);
  }
}
