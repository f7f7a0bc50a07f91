/**
 * Recognises pages that stand between the reader and the article: a login form or a
 * subscription wall. Judged on what the page shows (a password field, wall wording, schema.org
 * `isAccessibleForFree: false`) together with how little article text came out: a long article
 * that merely mentions subscriptions is still an article.
 */

const WALL_PHRASES =
  /\b(subscribe (now )?to (continue|read|keep reading|unlock)|subscribers? only|for subscribers|to continue reading|continue reading (with|by)|sign in to (read|continue)|log ?in to (read|continue)|create a free account|already a subscriber|this (article|content|story) is (for|available to|exclusive to) (paid |premium )?(subscribers|members)|become a (member|subscriber)|start your (free )?trial|you have reached your (free )?(article )?limit|unlock (this|full) (article|access))\b/i;

export type Wall = "login" | "paywall" | undefined;

export function detectWall(html: string, articleText: string): Wall {
  const textLength = articleText.length;
  if (textLength > 2500) return undefined;
  const notFree = /"isAccessibleForFree"\s*:\s*("?false"?|"False")/i.test(html);
  const hasPassword = /<input[^>]+type\s*=\s*["']?password/i.test(html);
  const wallWords =
    WALL_PHRASES.test(articleText) || (textLength < 400 && WALL_PHRASES.test(stripTags(html)));
  if (hasPassword && textLength < 600) return "login";
  if (wallWords || (notFree && textLength < 1500)) return "paywall";
  return undefined;
}

function stripTags(html: string): string {
  return html
    .slice(0, 300_000)
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ");
}
