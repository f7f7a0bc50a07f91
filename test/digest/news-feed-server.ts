import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One item of the loopback feed: its text is long enough to be read from the feed itself. */
export interface NewsItem {
  guid: string;
  title: string;
  text: string;
  /** The item's link; default `<base>/story/<guid>`. */
  link?: string;
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A news site on loopback serving RSS at `/<name>.xml` from a list the test changes between polls;
 * `status` makes every feed answer with that HTTP status (a 404 or 410 for failure tests).
 */
export async function startNewsFeedServer() {
  const feeds = new Map<string, NewsItem[]>();
  const state = { status: 200, requests: [] as string[] };
  let base = "";
  const server: Server = createServer((req, res) => {
    state.requests.push(req.url ?? "");
    const name = /^\/([\w-]+)\.xml$/.exec(req.url ?? "")?.[1];
    const items = name ? feeds.get(name) : undefined;
    if (state.status !== 200 || !items) return void res.writeHead(items ? state.status : 404).end();
    const xml = items
      .map(
        (i) =>
          `<item><title>${escapeXml(i.title)}</title><link>${escapeXml(i.link ?? `${base}/story/${i.guid}`)}</link>` +
          `<guid>${i.guid}</guid><description>${escapeXml(i.text)}</description></item>`,
      )
      .join("");
    res
      .writeHead(200, { "content-type": "application/rss+xml" })
      .end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>${name} news</title>${xml}</channel></rss>`,
      );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    state,
    /** Sets the items of `/<name>.xml` (newest first, as feeds list them). */
    set(name: string, items: NewsItem[]) {
      feeds.set(name, items);
      return `${base}/${name}.xml`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** An item whose text (repeated to pass the teaser threshold) is about `topic`. */
export function newsItem(guid: string, title: string, topic: string): NewsItem {
  return { guid, title, text: `${title}. ${topic} `.repeat(12) };
}
