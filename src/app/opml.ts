import { generateOpml, parseOpml } from "feedsmith";
import { OPML_MAX_BYTES, OPML_MAX_FEEDS } from "./opml-limits.js";
import { UserFacingError } from "./services.js";

export { OPML_MAX_BYTES, OPML_MAX_FEEDS };

export interface OpmlEntry {
  url: string;
  title?: string;
}

export interface ReadOpml {
  entries: OpmlEntry[];
  /** Entries that could not be used, each saying which and why (reported, skipped). */
  skipped: string[];
}

const HINT =
  'An OPML file lists feeds as <outline text="Name" xmlUrl="https://example.com/feed.xml"/> inside <body>; most feed readers export one.';

/**
 * Reads an OPML subscription list with feedsmith (fast-xml-parser underneath). A document type
 * declaration is refused before parsing: OPML needs none, and it is where entity expansion
 * ("billion laughs") and external entities (XXE) live — feedsmith does not expand entities either,
 * so this is a second lock, and it gives the user a clear reason. Nested folders are walked;
 * outlines without an xmlUrl (folders, links) are not feeds and are passed over silently; an
 * xmlUrl that is not an http(s) address is reported and skipped.
 */
export function readOpml(text: string): ReadOpml {
  if (Buffer.byteLength(text, "utf8") > OPML_MAX_BYTES)
    throw new UserFacingError(`The OPML file is larger than ${OPML_MAX_BYTES / 1024} kB.`, HINT);
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new UserFacingError(
      "The OPML file declares a document type or entities, which Newsdesk refuses (they can expand without limit or read other files).",
      "Export the list again from your feed reader, or remove the <!DOCTYPE …> part.",
    );
  let doc: ReturnType<typeof parseOpml>;
  try {
    doc = parseOpml(text);
  } catch (err) {
    throw new UserFacingError(
      `The file is not an OPML document Newsdesk can read (${err instanceof Error ? err.message : String(err)}).`,
      HINT,
    );
  }
  const entries: OpmlEntry[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  type Outline = NonNullable<NonNullable<typeof doc.body>["outlines"]>[number];
  const walk = (outlines: Outline[] | undefined, depth: number) => {
    if (!outlines || depth > 20) return;
    for (const o of outlines) {
      const name = o.title ?? o.text ?? undefined;
      if (o.xmlUrl !== undefined) {
        const url = o.xmlUrl.trim();
        let ok = false;
        try {
          ok = ["http:", "https:"].includes(new URL(url).protocol);
        } catch {
          ok = false;
        }
        if (!ok) skipped.push(`${name ? `“${name}”: ` : ""}"${url.slice(0, 200)}" is not a web address`);
        else if (!seen.has(url)) {
          seen.add(url);
          entries.push({ url, ...(name ? { title: name } : {}) });
        }
      }
      walk(o.outlines, depth + 1);
    }
  };
  walk(doc.body?.outlines, 0);
  if (entries.length > OPML_MAX_FEEDS)
    throw new UserFacingError(
      `The OPML file lists ${entries.length} feeds; at most ${OPML_MAX_FEEDS} can be imported at once.`,
      "Split the file into smaller lists and import each.",
    );
  if (!entries.length && !skipped.length)
    throw new UserFacingError("The OPML file lists no feeds (no outline has an xmlUrl).", HINT);
  return { entries, skipped };
}

/** The channel's feeds as an OPML 2.0 document (feedsmith's generator escapes every attribute). */
export function writeOpml(title: string, feeds: { url: string; title?: string }[], now: Date): string {
  return generateOpml({
    head: { title, dateCreated: now },
    body: {
      outlines: feeds.map((f) => ({
        text: f.title ?? f.url,
        type: "rss",
        xmlUrl: f.url,
        ...(f.title ? { title: f.title } : {}),
      })),
    },
  });
}
