/**
 * Tidying of metadata values as publishers write them: HTML entities left in attribute values,
 * the site name appended to titles ("Headline - Site"), "By …" and dates inside bylines, URLs
 * given as site names.
 */

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  "#39": "'",
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const n =
        code[1] === "x" || code[1] === "X" ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
    }
    return NAMED[code.toLowerCase()] ?? whole;
  });
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * Drops a site name appended or prepended to a title ("Headline - Site", "Site | Headline").
 * The site is recognised by the page's site name or host name, so real colons and dashes in
 * headlines stay.
 */
export function stripSiteFromTitle(title: string, siteName?: string, pageUrl?: string): string {
  const names = new Set<string>();
  if (siteName) names.add(squash(siteName));
  if (pageUrl) {
    try {
      const host = new URL(pageUrl).hostname.replace(/^www\./, "");
      names.add(squash(host));
      names.add(squash(host.split(".")[0]));
    } catch {
      // no host to compare with
    }
  }
  const parts = title.split(/\s+[|\-–—·•:]\s+/);
  if (parts.length < 2) return title;
  const isSite = (p: string) => {
    const q = squash(p);
    return q.length > 0 && [...names].some((n) => n && (q === n || q.startsWith(n) || n.startsWith(q)));
  };
  const last = parts[parts.length - 1];
  if (isSite(last))
    return title
      .slice(0, title.length - last.length)
      .replace(/\s+[|\-–—·•:]\s*$/, "")
      .trim();
  if (isSite(parts[0]))
    return title
      .slice(parts[0].length)
      .replace(/^\s*[|\-–—·•:]\s+/, "")
      .trim();
  return title;
}

const DATE_TAIL =
  /[\s,|–—-]+((on|updated|published)\s+)?((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}).*$/i;

/** "By TOM DOE, AP Writer" → "TOM DOE, AP Writer"; "Associated Press November 19, 2019, 9:02 AM" → "Associated Press". */
export function cleanByline(v: string | undefined): string | undefined {
  if (!v) return undefined;
  let s = decodeEntities(v).replace(/\s+/g, " ").trim();
  s = s
    .replace(/^(by|von|por|par|di|door|av)\s+/i, "")
    .replace(DATE_TAIL, "")
    .trim();
  s = s.replace(/[,|–—-]+$/, "").trim();
  if (!s || s.length > 120 || /^https?:\/\//i.test(s) || /^\d/.test(s)) return undefined;
  return s;
}

/** A site name, unless it is really a URL ("https://www.example.in" → "example.in"). */
export function cleanSiteName(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const s = decodeEntities(v).trim();
  if (/^https?:\/\//i.test(s)) {
    try {
      return new URL(s).hostname.replace(/^www\./, "");
    } catch {
      return undefined;
    }
  }
  return s || undefined;
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

export function firstDate(...values: Array<string | undefined>): string | undefined {
  for (const v of values) {
    const d = toIsoDate(v);
    if (d) return d;
  }
  return undefined;
}

export function absoluteUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href, base);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** "en_US" / "en-us" / "EN" → "en-US" / "en"; anything that is not a language tag → undefined. */
export function normaliseLanguage(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const m = /^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}|\d{3}))?\b/.exec(v.trim());
  if (!m) return undefined;
  return m[2] ? `${m[1].toLowerCase()}-${m[2].toUpperCase()}` : m[1].toLowerCase();
}
