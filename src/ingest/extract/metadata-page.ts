/**
 * Metadata from what the page shows rather than what it declares: the `<h1>`, `rel=author`
 * links, schema.org microdata authors, a date in the URL, the dateline above the text. These are
 * the later sources of each field: used when JSON-LD, OpenGraph and `<meta>` say nothing.
 */

const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/**
 * The `<h1>` that agrees with the `<title>`: the headline as the page shows it, without the site
 * name `<title>` adds ("Headline | Site", "Site: Headline"). An `<h1>` that is not part of the
 * title (the site logo, a section name) does not count.
 */
export function headlineFromH1(docTitle: string | undefined, h1s: string[]): string | undefined {
  if (!docTitle) return undefined;
  const title = squash(docTitle);
  for (const h of h1s) {
    const s = squash(h);
    // Shorter than the title (the site name is what is missing) and a real part of it.
    if (s.length >= 12 && s.length < title.length && title.includes(s)) return h;
  }
  return undefined;
}

/** `/2012/08/09/`, `/2012-08-09/`, `/20120809/` in a URL's path: the day the article is filed under. */
export function urlDate(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const m =
    /\/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:\/|[-_.]|$)/.exec(path) ??
    /\/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:\/|[-_.]|$)/.exec(path);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
const MONTH_FIRST = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})\\b`, "i");
const DAY_FIRST = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+((?:19|20)\\d{2})\\b`, "i");
const ISO_DAY = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/;
/** Numeric dates are read only when the order cannot be mistaken: 25/12/2012 or 12/25/2012. */
const NUMERIC = /\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})\b/;
/** A line about changes, not the publication: never the article's date. */
export const NOT_PUBLISHED = /\b(updated|modified|edited|last (changed|reviewed)|copyright|©)\b/i;

const pad = (n: number) => String(n).padStart(2, "0");

function validDay(y: number, mo: number, d: number): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** The calendar day a short line spells, if it spells exactly one way of reading one. */
export function dayInLine(line: string): string | undefined {
  let m = MONTH_FIRST.exec(line);
  if (m) return validDay(Number(m[3]), MONTHS.indexOf(m[1].toLowerCase()) + 1, Number(m[2]));
  m = DAY_FIRST.exec(line);
  if (m) return validDay(Number(m[3]), MONTHS.indexOf(m[2].toLowerCase()) + 1, Number(m[1]));
  m = ISO_DAY.exec(line);
  if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC.exec(line);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (a > 12 && b <= 12) return validDay(y, b, a);
    if (b > 12 && a <= 12) return validDay(y, a, b);
  }
  return undefined;
}

/**
 * The dateline: a date in one of the first short blocks of the article ("Posted on Aug 9th,
 * 2012", "July 24, 2012 12:11 AM"), never a line about an update.
 */
export function datelineDate(blocks: string[]): string | undefined {
  for (const b of blocks.slice(0, 6)) {
    if (b.split(/\s+/).length > 30 || NOT_PUBLISHED.test(b)) continue;
    const day = dayInLine(b);
    if (day) return day;
  }
  return undefined;
}

/** Bylines that name no person: the desk, the staff, the site itself. */
const NOT_A_PERSON =
  /^(by\s+)?((the\s+)?[\p{L}.&' -]{0,40}\s)?(staff|staff writers?|staff reporters?|editorial( team| staff| board)?|editors?|newsroom|news desk|web desk|desk|admin|administrator|webmaster|contributors?|guest|anonymous|unknown)$/iu;

/** Whether a byline names an author, not the site (its name or host) or a desk. */
export function isAuthorName(name: string, siteName?: string, pageUrl?: string): boolean {
  const s = squash(name);
  if (s.length < 3 || NOT_A_PERSON.test(name.trim())) return false;
  if (siteName && s === squash(siteName)) return false;
  if (pageUrl) {
    try {
      const host = new URL(pageUrl).hostname.replace(/^www\./, "");
      if (s === squash(host) || s === squash(host.split(".")[0])) return false;
    } catch {
      // no host to compare with
    }
  }
  return true;
}

/** The first "By …" line among the first blocks of the text: "By Jane Doe and Sam Roe". */
export function bylineLine(blocks: string[]): string | undefined {
  for (const b of blocks.slice(0, 6)) {
    const m =
      /^(?:[Pp]osted\s+)?[Bb]y\s+(\p{Lu}[\p{L}.'-]*(?:\s+(?:\p{Lu}[\p{L}.'-]*|and|&|,|de|van|von|da|del))*)/u.exec(
        b,
      );
    if (m && b.split(/\s+/).length <= 12) return m[1].replace(/[,\s]+$/, "");
  }
  return undefined;
}
