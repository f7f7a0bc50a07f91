/**
 * Page metadata from JSON-LD, OpenGraph/Twitter cards, `<meta>` and `<link>` tags. Each field
 * takes the first source that has it, in the order publishers keep them most reliably:
 * JSON-LD (structured, what search engines read), then OpenGraph, then plain meta tags.
 */

export interface PageMetadata {
  title?: string;
  byline?: string;
  published?: string;
  updated?: string;
  siteName?: string;
  canonicalUrl?: string;
  language?: string;
  description?: string;
  /** JSON-LD `articleBody`, the fallback when Readability finds nothing. */
  articleBody?: string;
}

/** The few DOM members this module needs (linkedom's Document has them). */
export interface MetaDocument {
  querySelectorAll(selector: string): ArrayLike<MetaElement>;
  documentElement: { getAttribute(name: string): string | null } | null;
  title?: string;
}

const ARTICLE_TYPES =
  /(^|:)(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|WebPage|SocialMediaPosting|BackgroundNewsArticle|ReviewNewsArticle|Review)$/;

type Json = Record<string, unknown>;

interface MetaElement {
  tagName: string;
  getAttribute(name: string): string | null;
  textContent: string | null;
}

/**
 * The elements metadata comes from, found in one walk of the tree (each querySelectorAll is a
 * full walk in linkedom, and this runs on every page).
 */
interface MetaElements {
  metas: MetaElement[];
  ldScripts: MetaElement[];
  canonical?: MetaElement;
  title?: MetaElement;
  times: MetaElement[];
}

function collectMetaElements(doc: MetaDocument): MetaElements {
  const found: MetaElements = { metas: [], ldScripts: [], times: [] };
  const els = doc.querySelectorAll("meta, script, link, title, time");
  for (let i = 0; i < els.length; i++) {
    const el = els[i];
    const tag = el.tagName.toLowerCase();
    if (tag === "meta") found.metas.push(el);
    else if (tag === "script") {
      if (/ld\+json/i.test(el.getAttribute("type") ?? "")) found.ldScripts.push(el);
    } else if (tag === "link") {
      if (!found.canonical && /(^|\s)canonical(\s|$)/i.test(el.getAttribute("rel") ?? ""))
        found.canonical = el;
    } else if (tag === "title") found.title ??= el;
    else if (tag === "time" && el.getAttribute("datetime")) found.times.push(el);
  }
  return found;
}

import { cleanByline, cleanSiteName, decodeEntities, stripSiteFromTitle } from "./metadata-clean.js";

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function str(v: unknown): string | undefined {
  if (typeof v === "string") {
    const t = v.replace(/\s+/g, " ").trim();
    return t || undefined;
  }
  if (typeof v === "number") return String(v);
  return undefined;
}

function names(v: unknown): string[] {
  const out: string[] = [];
  for (const item of asArray(v)) {
    if (typeof item === "string") {
      const s = str(item);
      if (s && !/^https?:\/\//.test(s)) out.push(s);
    } else if (item && typeof item === "object") {
      const s = str((item as Json).name);
      if (s) out.push(s);
    }
  }
  return out;
}

/** Every JSON-LD object on the page, flattening `@graph` and arrays. */
function jsonLdObjects(scripts: MetaElement[]): Json[] {
  const out: Json[] = [];
  for (let i = 0; i < scripts.length; i++) {
    const raw = scripts[i].textContent ?? "";
    let parsed: unknown;
    try {
      // Some sites wrap JSON-LD in HTML comments or CDATA markers.
      parsed = JSON.parse(raw.replace(/^\s*(<!--|\/\/<!\[CDATA\[)|(-->|\/\/\]\]>)\s*$/g, ""));
    } catch {
      continue;
    }
    const stack = asArray(parsed);
    while (stack.length) {
      const item = stack.shift();
      if (!item || typeof item !== "object") continue;
      if (Array.isArray(item)) {
        stack.push(...item);
        continue;
      }
      const obj = item as Json;
      out.push(obj);
      if (obj["@graph"]) stack.push(...asArray(obj["@graph"]));
    }
  }
  return out;
}

function isArticle(obj: Json): boolean {
  return asArray(obj["@type"]).some((t) => typeof t === "string" && ARTICLE_TYPES.test(t));
}

type MetaIndex = Map<string, string>;

/** One pass over `<meta>`: name/property/itemprop (lower-cased) → first non-empty content. */
function indexMeta(els: MetaElement[]): MetaIndex {
  const index: MetaIndex = new Map();
  for (let i = 0; i < els.length; i++) {
    const el = els[i];
    const content = str(el.getAttribute("content"));
    if (!content) continue;
    for (const attr of ["property", "name", "itemprop", "http-equiv"]) {
      // itemprop may list several properties: "datePublished dateCreated".
      for (const key of (el.getAttribute(attr) ?? "").trim().toLowerCase().split(/\s+/)) {
        if (key && !index.has(key)) index.set(key, content);
      }
    }
  }
  return index;
}

function metaContent(index: MetaIndex, keys: string[]): string | undefined {
  for (const key of keys) {
    const v = index.get(key.toLowerCase());
    if (v) return v;
  }
  return undefined;
}

/** ISO 8601 when the value parses as a date, else undefined (never an invalid timestamp). */
export function toIsoDate(v: string | undefined): string | undefined {
  if (!v) return undefined;
  let s = v.trim();
  // "20191119" and "2019/11/19" are dates too.
  const compact = /^(\d{4})[/.]?(\d{2})[/.]?(\d{2})$/.exec(s);
  if (compact) s = `${compact[1]}-${compact[2]}-${compact[3]}`;
  // A bare date stays a date: turning it into midnight UTC would invent a time of day.
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  const year = new Date(t).getUTCFullYear();
  if (year < 1990 || year > 2200) return undefined;
  return new Date(t).toISOString();
}

function absoluteUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href, base);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function extractMetadata(doc: MetaDocument, pageUrl?: string): PageMetadata {
  const found = collectMetaElements(doc);
  const metas = indexMeta(found.metas);
  const ld = jsonLdObjects(found.ldScripts);
  const article = ld.find(isArticle) ?? {};
  const org = ld.find((o) => asArray(o["@type"]).some((t) => t === "WebSite" || t === "Organization"));
  const publisher = (
    article.publisher && typeof article.publisher === "object" ? article.publisher : {}
  ) as Json;

  const authorNames = names(article.author);
  const metaAuthor = metaContent(metas, [
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
  ]);
  const byline = authorNames.length ? cleanByline(authorNames.join(", ")) : cleanByline(metaAuthor);

  const canonicalHref = found.canonical?.getAttribute("href") ?? undefined;
  const docTitle = str(found.title?.textContent);

  const lang =
    str(article.inLanguage) ??
    str(doc.documentElement?.getAttribute("lang")) ??
    metaContent(metas, ["og:locale", "language", "content-language", "dc.language"]);

  const siteName = cleanSiteName(
    metaContent(metas, ["og:site_name", "application-name"]) ??
      str(publisher.name) ??
      (org ? str(org.name) : undefined),
  );
  const rawTitle =
    str(article.headline) ?? metaContent(metas, ["og:title", "twitter:title", "headline"]) ?? docTitle;
  // Any JSON-LD object with a date, when no article object carries one.
  const ldDated = ld.find((o) => typeof o.datePublished === "string");
  return {
    title: rawTitle ? stripSiteFromTitle(decodeEntities(rawTitle), siteName, pageUrl) : undefined,
    byline,
    published: firstDate(
      str(article.datePublished),
      metaContent(metas, [
        "article:published_time",
        "article:published",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "pdate",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "parsely-pub-date",
        "sailthru.date",
      ]),
      ldDated ? str(ldDated.datePublished) : undefined,
      metaMatching(metas, /(pub|post|release|creat)\w*[-_.:]?date|date[-_.:]?(pub|post)/),
      timeElementDate(found.times),
    ),
    updated: firstDate(
      str(article.dateModified),
      metaContent(metas, [
        "article:modified_time",
        "article:modified",
        "datemodified",
        "og:updated_time",
        "last-modified",
      ]),
    ),
    siteName,
    canonicalUrl:
      absoluteUrl(canonicalHref, pageUrl) ??
      absoluteUrl(metaContent(metas, ["og:url"]), pageUrl) ??
      absoluteUrl(str(article.url) ?? str(article.mainEntityOfPage), pageUrl),
    language: normaliseLanguage(lang),
    description:
      str(article.description) ??
      metaContent(metas, ["og:description", "description", "twitter:description"]),
    articleBody:
      typeof article.articleBody === "string" ? article.articleBody.trim() || undefined : undefined,
  };
}

function firstDate(...values: Array<string | undefined>): string | undefined {
  for (const v of values) {
    const d = toIsoDate(v);
    if (d) return d;
  }
  return undefined;
}

function metaMatching(index: MetaIndex, pattern: RegExp): string | undefined {
  for (const [key, value] of index) if (pattern.test(key) && toIsoDate(value)) return value;
  return undefined;
}

/** `<time itemprop="datePublished">`, `<time pubdate>`, else the first `<time datetime>`. */
function timeElementDate(times: MetaElement[]): string | undefined {
  const marked = times.find(
    (t) => /datePublished/i.test(t.getAttribute("itemprop") ?? "") || t.getAttribute("pubdate") !== null,
  );
  for (const t of marked ? [marked, ...times] : times) {
    const v = t.getAttribute("datetime") ?? undefined;
    if (toIsoDate(v)) return v;
  }
  return undefined;
}

/** "en_US" / "en-us" / "EN" → "en-US" / "en"; anything that is not a language tag → undefined. */
export function normaliseLanguage(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const m = /^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}|\d{3}))?\b/.exec(v.trim());
  if (!m) return undefined;
  return m[2] ? `${m[1].toLowerCase()}-${m[2].toUpperCase()}` : m[1].toLowerCase();
}
