/**
 * The platform-neutral reply every command handler returns. All strings are plain text as the
 * article or user gave them — never markup — so each renderer escapes them for its own platform
 * (escape.ts) and nothing a story says can turn into a mention, a link or formatting on the way
 * out. The only links are the ones Newsdesk builds: `Reply.url` and `ReplySection.links`.
 */

export type ReplyTone = "info" | "success" | "error";

export type SectionStyle = "bullets" | "numbered" | "paragraphs";

export interface ReplySection {
  heading?: string;
  style: SectionStyle;
  items: string[];
  /**
   * Web addresses Newsdesk itself chose to link (a digest story's sources), shown after the items
   * as "Sources: …". Unlike addresses inside item text, which every platform shows as plain
   * text, these stay working links; anything but http(s) is left out.
   */
  links?: string[];
}

export interface Reply {
  title?: string;
  /** Link for the title (the article URL), shown only when it is http(s). */
  url?: string;
  /** A short paragraph under the title. */
  intro?: string;
  sections: ReplySection[];
  /** Small print (engine, story id, hints). */
  footer?: string;
  tone: ReplyTone;
  /** Only the person who asked sees it (errors, admin confirmations). */
  ephemeral: boolean;
  /**
   * A file sent as it is, beside the message, where the platform takes files (Discord): an export
   * must reach the user byte for byte, which escaped message text cannot promise.
   */
  attachment?: { filename: string; content: string };
}

/** A plain message, visible to the channel. */
export function infoReply(title: string, intro?: string, sections: ReplySection[] = []): Reply {
  return { title, intro, sections, tone: "info", ephemeral: false };
}

/** A private confirmation (settings changed, story added). */
export function successReply(title: string, intro?: string): Reply {
  return { title, intro, sections: [], tone: "success", ephemeral: true };
}

/**
 * A private error with what to do next. `hint` says how to fix it ("Run /stories to list them"):
 * every bad input gets an actionable message rather than a bare failure.
 */
export function errorReply(message: string, hint?: string): Reply {
  return { title: "Sorry", intro: message, sections: [], footer: hint, tone: "error", ephemeral: true };
}

export function bullets(heading: string | undefined, items: string[]): ReplySection {
  return { heading, style: "bullets", items };
}

/** True when a URL can safely be shown as a link (no javascript:, data:, …). */
export function isWebUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}
