import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

const biden = readFileSync(new URL("../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");

/** A second, unrelated story, so a thread's story and the tenant's latest story differ. */
const HARBOUR = [
  "Harbour cranes return to Rotterdam after the long strike",
  "Dock workers in Rotterdam ended a nine-day strike on Tuesday after the port authority agreed to a new shift schedule.",
  "“We are back at work because the night shifts are finally fair,” said Marieke Jansen, a crane operator and union steward.",
  "The port authority said container traffic would return to normal within a week.",
  "Shipping companies had diverted dozens of vessels to Antwerp and Hamburg during the strike.",
  "Analysts estimated the stoppage cost the port more than 40 million euros in lost handling fees.",
  "The union said it would monitor the new schedule for three months before signing a longer agreement.",
].join("\n\n");

/** An article whose text tries to ping everyone and to smuggle markup into the reply. */
const HOSTILE = [
  "Council vote <!channel> @everyone <@U999> *bold* [click](https://evil.example)",
  "The city council voted on Monday to expand the harbour bus line, officials said <!here> at a briefing.",
  "“This line will carry ten thousand riders a day @here,” said Tom Ash, the transport councillor.",
  "The expansion is expected to cost 30 million euros over three years, according to the council's budget office.",
  "Opponents said the money should go to cycling lanes instead of buses.",
].join("\n\n");

function page(text: string): string {
  const [title, ...paragraphs] = text.split(/\n\s*\n/).map((p) => p.trim());
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<!doctype html><html><head><title>${esc(title!)}</title></head><body><article><h1>${esc(title!)}</h1>${paragraphs
    .map((p) => `<p>${esc(p)}</p>`)
    .join("")}</article></body></html>`;
}

/**
 * Article pages on loopback for the conversation tests (the bot is started with
 * FETCH_ALLOW_HOSTS=127.0.0.1): /biden.html (test/fixtures/biden-netanyahu-cnn.txt), /harbour.html,
 * /hostile.html (mention syntax and markup in its text) and /home.html, a page with no article on it. Counts the requests each path received.
 */
export async function startArticleServer() {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    res.setHeader("content-type", "text/html; charset=utf-8");
    if (path === "/biden.html") res.end(page(biden));
    else if (path === "/harbour.html") res.end(page(HARBOUR));
    else if (path === "/hostile.html") res.end(page(HOSTILE));
    else if (path === "/home.html")
      res.end("<html><head><title>Home</title></head><body><nav>Home</nav></body></html>");
    else res.writeHead(404).end("not found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
