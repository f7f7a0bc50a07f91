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
  /** Lead image: og:image, twitter:image or JSON-LD `image`, absolute. */
  image?: string;
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
  h1s: MetaElement[];
  /** `rel=author` links and `itemprop=author` elements: authors the page shows. */
  authors: MetaElement[];
  /** Elements whose class names a date, a time stamp or a byline: where a page shows its date. */
  dated: MetaElement[];
}

function collectMetaElements(doc: MetaDocument): MetaElements {
  const found: MetaElements = { metas: [], ldScripts: [], times: [], h1s: [], authors: [], dated: [] };
  const els = doc.querySelectorAll(
    `meta, script, link, title, time, h1, a[rel~="author"], [itemprop~="author"], ${DATED_SELECTOR}`,
  );
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
    else if (tag === "h1") found.h1s.push(el);
    else if (
      /author/i.test(el.getAttribute("rel") ?? "") ||
      /author/i.test(el.getAttribute("itemprop") ?? "")
    )
      found.authors.push(el);
    else found.dated.push(el);
  }
  return found;
}

import {
  absoluteUrl,
  cleanByline,
  cleanSiteName,
  decodeEntities,
  firstDate,
  normaliseLanguage,
  stripSiteFromTitle,
} from "./metadata-clean.js";
import { headlineFromH1, isAuthorName, urlDate } from "./metadata-page.js";
import { DATED_SELECTOR, shownDate } from "./shown-date.js";

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

export { normaliseLanguage, toIsoDate } from "./metadata-clean.js";

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
  // Authors in order of trust: JSON-LD, `<meta>`, then what the page shows (rel=author,
  // microdata). A name that is the site's or a desk's ("Staff") is no author.
  const isAuthor = (n: string) => isAuthorName(n, siteName, pageUrl);
  const shown = found.authors.map((el) => str(el.getAttribute("content") ?? el.textContent)).filter(Boolean);
  const byline = [authorNames.filter(isAuthor).join(", "), metaAuthor, ...shown]
    .map((v) => cleanByline(v))
    .find((v): v is string => !!v && isAuthor(v));
  const h1s = found.h1s.map((el) => str(el.textContent)).filter((v): v is string => !!v);
  const rawTitle =
    str(article.headline) ??
    metaContent(metas, ["og:title", "twitter:title", "headline"]) ??
    headlineFromH1(docTitle, h1s) ??
    docTitle;
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
      urlDate(absoluteUrl(canonicalHref, pageUrl) ?? pageUrl),
      shownDate(found.dated),
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
    image: absoluteUrl(
      metaContent(metas, [
        "og:image",
        "og:image:url",
        "og:image:secure_url",
        "twitter:image",
        "twitter:image:src",
      ]) ?? ldImage(article.image),
      pageUrl,
    ),
    articleBody:
      typeof article.articleBody === "string" ? article.articleBody.trim() || undefined : undefined,
  };
}

function metaMatching(index: MetaIndex, pattern: RegExp): string | undefined {
  for (const [key, value] of index) if (pattern.test(key) && firstDate(value)) return value;
  return undefined;
}

/** JSON-LD `image`: a URL, an ImageObject, or a list of either; the first. */
function ldImage(v: unknown): string | undefined {
  const first = asArray(v)[0];
  if (typeof first === "string") return str(first);
  return first && typeof first === "object" ? str((first as Json).url) : undefined;
}

/** A `<time>` that says it is an update (class or itemprop): never the publication date. */
const UPDATE_TIME = /modif|updat|edit/i;

/**
 * `<time itemprop="datePublished">`, `<time pubdate>`, else the first `<time datetime>` that is
 * not marked as an update.
 */
function timeElementDate(times: MetaElement[]): string | undefined {
  const marked = times.find(
    (t) => /datePublished/i.test(t.getAttribute("itemprop") ?? "") || t.getAttribute("pubdate") !== null,
  );
  const plain = times.filter(
    (t) => !UPDATE_TIME.test(`${t.getAttribute("class") ?? ""} ${t.getAttribute("itemprop") ?? ""}`),
  );
  for (const t of marked ? [marked, ...plain] : plain) {
    const v = t.getAttribute("datetime") ?? undefined;
    if (firstDate(v)) return v;
  }
  return undefined;
}
