import { FetchError } from "./errors.js";

/** What the caller expects: an article page, or a feed (which may be an HTML page linking to one). */
export type ExpectedContent = "page" | "feed";

const PAGE_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain)$/;
const FEED_TYPES =
  /^(application\/(rss|atom|rdf|feed|xml|json|ld\+json|x-rss|x-atom)(\+xml|\+json)?|text\/(xml|html|plain|rss|atom|x-opml))$/;

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/** What a media type is, in words a user understands ("a PDF document"). */
function describe(type: string): string {
  if (type === "application/pdf") return "a PDF document";
  if (type.startsWith("image/")) return "an image";
  if (type.startsWith("video/")) return "a video";
  if (type.startsWith("audio/")) return "an audio file";
  if (/zip|compressed|tar|octet-stream|msword|officedocument|excel|powerpoint/.test(type))
    return "a file download";
  if (/json/.test(type)) return "JSON data";
  if (/xml/.test(type)) return "an XML document";
  return `a ${type} file`;
}

/** Sniffs the first bytes when the server sent no (or a generic) Content-Type. */
export function sniffType(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 512))
    .toString("latin1")
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, "")
    .trimStart();
  if (head.startsWith("%PDF-")) return "application/pdf";
  if (/^(\x89PNG|GIF8|\xFF\xD8\xFF)/.test(head)) return "image/unknown";
  if (/^PK\x03\x04/.test(head)) return "application/zip";
  if (/^<\?xml|^<(rss|feed|rdf:RDF)\b/i.test(head)) return "application/xml";
  if (/^<(!doctype html|html|head|body|p|div)\b/i.test(head)) return "text/html";
  if (/^[{[]/.test(head)) return "application/json";
  return undefined;
}

/**
 * Refuses bodies that cannot be what the caller expects, with a message naming what they are.
 * Returns the effective media type (sniffed when the header is missing or generic).
 */
export function checkContentType(
  contentType: string | undefined,
  bytes: Uint8Array,
  expected: ExpectedContent,
  url: string,
): string {
  let type = mediaType(contentType);
  if (!type || type === "application/octet-stream" || type === "binary/octet-stream")
    type = sniffType(bytes) ?? type;
  if (!type) type = "text/plain";
  const sniffed = sniffType(bytes);
  // A server that labels a PDF as text/html still sent a PDF.
  if (sniffed && /pdf|image|zip/.test(sniffed)) type = sniffed;
  if (expected === "page") {
    if (PAGE_TYPES.test(type)) return type;
    throw new FetchError(
      "not_article",
      `${url} is ${describe(type)}, not an article (Newsdesk reads web pages)`,
      { url },
    );
  }
  if (FEED_TYPES.test(type) || /\+xml$/.test(type)) return type;
  throw new FetchError("not_feed", `${url} is ${describe(type)}, not a feed (RSS, Atom, RDF or JSON Feed)`, {
    url,
  });
}
