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
  /^(advertisement|advertising|sponsored|story continues below|continue reading|read more|read next|related|related stories|related articles|see also|more on this|more from|recommended|watch|listen|click here|tap here|sign up|subscribe|follow (us|me)|share (this|on|via)|email this|print this|copy link|image|photo|photograph|picture|credit|source|getty images|reuters|ap photo|file photo|skip (to|advertisement)|scroll (down|to continue)|already a subscriber|log ?in|register)\b/i;

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
  // "Read more…", "Sign up for our newsletter", "Photo: Reuters": a prompt, not a sentence.
  const endsLikeSentence = /[.!?]["”’]?$/.test(p.replace(/\s*(\.\.\.|…)$/, ""));
  if (words <= 12 && PROMPT.test(p) && !endsLikeSentence) return true;
  if (words <= 12 && PROMPT.test(p) && /:\s*\S/.test(p)) return true;
  const sq = squash(p);
  if (index < 4 && ctx.title && sq === squash(ctx.title)) return true;
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
  const kept = paragraphs.filter((p, i) => !isFurniture(p, ctx, i));
  return kept.join("\n\n");
}
