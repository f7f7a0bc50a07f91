/**
 * Paragraph-level clean-up of extracted text: drops the headline and byline repeated at the top,
 * bare dates, and short standard prompts ("Advertisement", "Sign up for …", "Read more: …") that
 * sit between paragraphs. Rules are about what a paragraph is, never about a site.
 */

export interface ParagraphContext {
  title?: string;
  byline?: string;
}

const PROMPT =
  /^(advertisement|advertising|sponsored|story continues below|continue reading|read more|read next|related|related stories|related articles|see also|more on this|more from|recommended|watch|listen|click here|tap here|sign up|subscribe|follow (us|me)|share (this|on|via)|email this|print this|copy link|image|photo|photograph|picture|credit|source|getty images|reuters|ap photo|file photo|skip (to|advertisement)|scroll (down|to continue)|already a subscriber|log ?in|sign ?in|register|see more|don'?t miss|must read|breaking news|advert|caption|close|comments?|tell us what you think|more [\w ]{0,30} news|on [\w.-]+\.(com|org|net|co\.uk))\b/i;

/** A time stamp line: "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: …", "Updated at 1:23 p.m.". */
const STAMP = /^(published|updated|posted|last (updated|modified)|first published|modified)\b[^.!?]{0,80}\d/i;

/** A photo caption ends with its credit: "(Image: GETTY)", "(AP Photo/Jane Doe)", "Photo: Reuters". */
const CAPTION_CREDIT =
  /(\((image|images|photo|photos|picture|pictures|credit|ap photo|getty|getty images|reuters|afp|epa|file)\b[^)]*\)|\b(photo|image|picture|credit)s?\s*(:|by)\s*[\p{L} .,/&-]{2,60})\s*\.?$/iu;

/** A paragraph that is only a web address, an e-mail address or a social handle. */
const BARE_LINK =
  /^(https?:\/\/\S+|[\w.+-]+@[\w-]+\.[\w.]+|(www\.)?(twitter|x|facebook|instagram)\.com\/\S+|@\w+)$/i;

/** Site notices that are never part of an article. */
const NOTICE =
  /\b(uses cookies|use of cookies|cookie (policy|settings)|requires javascript|enable javascript|all rights reserved)\b|^(©|copyright\b)|^\[\w+[^\]]*\].*\[\/\w+\]$/i;

/** A list of tags or topics. */
const TAG_LIST = /^(tags?|topics?|filed under|categories|keywords|related topics)\s*:?\s/i;

const DATE_ONLY =
  /^(published|updated|posted|last updated|first published)?:?\s*((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s*)?((\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?\s*\d{4}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4})(\s*(at\s*)?\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?\s*([A-Z]{2,4})?)?\.?$/i;

function squash(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Whether one paragraph is furniture rather than prose. */
export function isFurniture(p: string, ctx: ParagraphContext, index: number): boolean {
  const words = p.split(/\s+/).length;
  if (DATE_ONLY.test(p)) return true;
  if (words <= 25 && STAMP.test(p)) return true;
  if (words <= 60 && CAPTION_CREDIT.test(p)) return true;
  if (BARE_LINK.test(p)) return true;
  if (words <= 60 && NOTICE.test(p)) return true;
  // A tag list is short: "Filed under: News" may also open a whole paragraph of prose.
  if (words <= 40 && TAG_LIST.test(p) && (words <= 6 || (p.match(/,/g)?.length ?? 0) >= 3)) return true;
  // "Read more…", "Sign up for our newsletter", "Photo: Reuters": a prompt, not a sentence.
  const endsLikeSentence = /[.!?]["”’]?$/.test(p.replace(/\s*(\.\.\.|…)$/, ""));
  if (words <= 12 && PROMPT.test(p) && !endsLikeSentence) return true;
  if (words <= 12 && PROMPT.test(p) && /:\s*\S/.test(p)) return true;
  const sq = squash(p);
  if (index < 6 && ctx.title && sq === squash(ctx.title)) return true;
  if (words <= 12 && ctx.byline) {
    const b = squash(ctx.byline);
    if (b && (sq === b || sq === `by ${b}` || (sq.startsWith("by ") && sq.includes(b)))) return true;
  }
  if (index < 3 && words <= 8 && /^by\s+\p{Lu}/u.test(p) && !/[.!?]$/.test(p)) return true;
  return false;
}

export function cleanParagraphs(text: string, ctx: ParagraphContext): string {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/[ \t]+/g, " ").trim())
    .filter(Boolean);
  // Repeated paragraphs stay: captions shown twice are caught by CAPTION_CREDIT, and real
  // articles repeat rows (schedules, recipes) that a duplicate filter would eat.
  const kept = paragraphs.filter((p, i) => !isFurniture(p, ctx, i));
  return kept.join("\n\n");
}
