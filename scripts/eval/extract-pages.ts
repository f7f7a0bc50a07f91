import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { readPage } from "../../src/ingest/extract/read-page.js";

/** One page of an extraction set, read in place from ../shared/eval. */
export interface EvalPage {
  id: string;
  /** `scrapinghub`, or extract-web's `dragnet` / `page-signal` (L3S-GN1). */
  dataset: string;
  url?: string;
  html: string;
}

/** What one extractor gave for one page (the `newsdesk extract --jsonl` fields). */
export interface EvalOutput {
  text: string;
  title?: string;
  byline?: string;
  published?: string;
  ms: number;
}

/** ScrapingHub's pages (extract/html/*.html.gz) with their ground truth, one at a time. */
export function* scrapinghubPages(dir: string, limit?: number): Generator<EvalPage> {
  const truth = JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8")) as Record<
    string,
    { url?: string }
  >;
  let ids = Object.keys(truth).filter((id) => existsSync(join(dir, "html", `${id}.html.gz`)));
  if (limit) ids = ids.slice(0, limit);
  for (const id of ids) {
    const html = gunzipSync(readFileSync(join(dir, "html", `${id}.html.gz`))).toString("utf8");
    yield { id, dataset: "scrapinghub", url: truth[id].url, html };
  }
}

/** extract-web's pages (pages.jsonl.gz), `limit` per dataset when given. */
export function* extractWebPages(dir: string, limit?: number): Generator<EvalPage> {
  const lines = gunzipSync(readFileSync(join(dir, "pages.jsonl.gz")))
    .toString("utf8")
    .split("\n");
  const seen = new Map<string, number>();
  for (const line of lines) {
    if (!line.trim()) continue;
    const p = JSON.parse(line) as { id: string; dataset: string; url: string | null; html: string };
    const n = seen.get(p.dataset) ?? 0;
    if (limit && n >= limit) continue;
    seen.set(p.dataset, n + 1);
    yield { id: p.id, dataset: p.dataset, url: p.url ?? undefined, html: p.html };
  }
}

/**
 * The product path: what `newsdesk extract --jsonl` does with one line (src/cli/extract.ts),
 * `readPage`, whose empty text the command line reports as "could not find an article".
 */
export function newsdeskExtract(page: EvalPage): EvalOutput {
  const t0 = performance.now();
  const { page: p } = readPage(page.html, page.url);
  return {
    // A page taken for a list of articles is an error line on the JSONL path: empty here.
    text: p.listing ? "" : p.text,
    title: p.title,
    byline: p.byline,
    published: p.published,
    ms: performance.now() - t0,
  };
}

/** The floor: Readability over linkedom as published, with no clean-up of ours (`textContent`). */
export function plainReadability(page: EvalPage): EvalOutput {
  const t0 = performance.now();
  let text = "";
  let title: string | undefined;
  try {
    const { document } = parseHTML(page.html);
    const r = new Readability(document as never).parse();
    text = r?.textContent ?? "";
    title = r?.title ?? undefined;
  } catch {
    // Readability throws on some trees (8 of extract-web's pages): an empty result, as published.
  }
  return { text, title, ms: performance.now() - t0 };
}

export const median = (xs: number[]): number =>
  xs.length ? [...xs].sort((a, b) => a - b)[xs.length >> 1] : 0;
