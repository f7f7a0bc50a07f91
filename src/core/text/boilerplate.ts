/**
 * Publisher boilerplate: lines that are not part of the story (newsletter and sign-up promos,
 * "Read more", share prompts, photo credits, update notices). General rules over short lines only,
 * so a real paragraph that merely mentions a newsletter is kept.
 */

// A promo is a short line; anything longer is almost certainly story text.
const MAX_PROMO_CHARS = 220;

const PROMO_PATTERNS: RegExp[] = [
  // Newsletter / account / subscription promos ("For more CNN news and newsletters create an account at").
  /\b(newsletters?|sign[ -]?up|subscribe|subscription|create (an|a free) account|log ?in to|register (now|for free)|download (our|the) app|get (our|the) app)\b/i,
  // Navigation and share prompts.
  /^(read|see|watch|listen|click|tap|view) (more|also|next|here|now|the full|our)\b/i,
  /^(related|more|read more|see also|also read|recommended|trending|most read|top stories|watch|video|listen|explore more)\s*[:|-]/i,
  /^(share|follow|like) (this|us|on)\b/i,
  /^(share|tweet|email|print|comment|save)( (this|article|story))?$/i,
  /\b(on (twitter|facebook|instagram|x|tiktok|linkedin|threads)|@[a-z0-9_]{2,})\b.*\b(follow|join|like)\b/i,
  /^(follow|join) (us|the conversation|@)/i,
  // Photo and image credits.
  /^(photo|image|picture|video|illustration|graphic|credit|photograph|file photo)s?( credit)?\s*[:|]/i,
  /\((photo|image|picture|credit)s?:? [^)]*\)$/i,
  /^\(?(photo|picture|image)s? by\b/i,
  /(getty images|associated press|\bap photo|reuters|afp|shutterstock|epa)\s*\)?\.?$/i,
  // Update and correction notices, copyright lines, ads.
  /^(this (story|article|post|report) (has been|was|is being) updated|updated?:|editor'?s note|correction:)/i,
  /^(copyright|©|\(c\))\s|all rights reserved/i,
  /^(advertisement|sponsored( content)?|ad|story continues below( advertisement)?|continue reading( below)?)$/i,
  // Bare contact/author footers ("Contact the author at x@y.com").
  /^(contact|email) (the )?(author|reporter|us)\b/i,
];

/** True when a paragraph is publisher boilerplate rather than story text. */
export function isBoilerplate(line: string): boolean {
  const s = line.trim();
  if (s === "") return true;
  if (s.length > MAX_PROMO_CHARS) return false;
  // Quotes are story text even when they mention a newsletter.
  if (/^["'\u201C\u2018]/.test(s)) return false;
  for (const re of PROMO_PATTERNS) if (re.test(s)) return promoStillLooksLikePromo(s, re);
  return false;
}

// A short line matching a credit/agency pattern could still be a real sentence ("He told Reuters.").
// Agency-name endings count only when the line has no verb-like story structure, i.e. it is a caption
// credit such as "Joe Biden speaks in Washington. (Photo by X/Getty Images)".
function promoStillLooksLikePromo(s: string, re: RegExp): boolean {
  if (re.source.startsWith("(getty images")) {
    return (
      /[/|]|\bphoto\b|\bimage\b|\bcredit\b/i.test(s) || (s.split(/\s+/).length <= 3 && !/[.!?]$/.test(s))
    );
  }
  if (re.source.includes("newsletters?")) {
    // "…newsletter…" inside a full sentence of story text is kept; promos address the reader or lack
    // a finished sentence.
    return !/[.!?]["')]?$/.test(s) || /\b(you|your|our|sign up|subscribe|create an account)\b/i.test(s);
  }
  return true;
}

/**
 * A headline is a short first line with no sentence-final punctuation, followed by more text.
 * Returns it so it can become the title rather than a sentence of the body.
 */
export function detectHeadline(paragraphs: string[]): string | undefined {
  if (paragraphs.length < 2) return undefined;
  const first = paragraphs[0].trim();
  if (first.length < 8 || first.length > 200) return undefined;
  if (/[.!?:;,]["')\]]?$/.test(first)) return undefined;
  if (/^["']/.test(first)) return undefined;
  const words = first.split(/\s+/);
  if (words.length < 2 || words.length > 30) return undefined;
  return first;
}
