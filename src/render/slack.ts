import { escapeSlack, slackLinkUrl } from "./escape.js";
import { isWebUrl, type Reply, type ReplySection } from "./reply.js";
import { packItems, truncate } from "./split.js";
import { oneLine } from "./unicode.js";

/** Slack's documented Block Kit limits (https://api.slack.com/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  contextText: 3000,
  fallbackText: 3000,
} as const;

/**
 * `verbatim: true` on every text object: Slack then does not turn bare URLs, `#channel` names or
 * `@names` in the (escaped) text into links or mentions. Only the `<url|…>` links the renderer
 * writes itself are links.
 */
export interface SlackText {
  type: "mrkdwn";
  text: string;
  verbatim: true;
}

export type SlackBlock =
  | { type: "section"; text: SlackText }
  | { type: "context"; elements: SlackText[] }
  | { type: "divider" };

export interface SlackMessage {
  /** Notification / screen-reader fallback; escaped like the blocks. */
  text: string;
  blocks: SlackBlock[];
  response_type: "ephemeral" | "in_channel";
}

const TONE_PREFIX = { info: "", success: "✅ ", error: "⚠️ " } as const;

const mrkdwn = (text: string): SlackText => ({ type: "mrkdwn", text, verbatim: true });

/** A title or heading, escaped, on one line and trimmed: `*…*` is bold only with no space inside the stars. */
function headingText(text: string): string {
  return escapeSlack(oneLine(text)).trim();
}

/** Renders a Reply as one or more Slack messages, each within the Block Kit limits. */
export function renderSlack(reply: Reply): SlackMessage[] {
  const blocks: SlackBlock[] = [];
  const section = (text: string): SlackBlock => ({ type: "section", text: mrkdwn(text) });
  let fallback = "";
  const title = headingText(reply.title ?? "");
  if (title) {
    const heading = isWebUrl(reply.url) ? `<${slackLinkUrl(reply.url)}|${title}>` : title;
    // The heading itself must fit one section even when the title is absurdly long.
    blocks.push(section(truncate(`${TONE_PREFIX[reply.tone]}*${heading}*`, SLACK_LIMITS.sectionText)));
    fallback = title;
  }
  if (reply.intro) {
    const intro = escapeSlack(reply.intro);
    for (const chunk of packItems(intro.split("\n"), SLACK_LIMITS.sectionText)) blocks.push(section(chunk));
    fallback = fallback ? `${fallback}: ${intro}` : intro;
  }
  for (const s of reply.sections) {
    for (const chunk of packItems(sectionLines(s), SLACK_LIMITS.sectionText)) blocks.push(section(chunk));
  }
  if (reply.footer) {
    const text = truncate(escapeSlack(reply.footer), SLACK_LIMITS.contextText);
    blocks.push({ type: "context", elements: [mrkdwn(text)] });
  }
  if (!blocks.length) blocks.push(section(" "));
  const text = truncate(fallback || "Newsdesk", SLACK_LIMITS.fallbackText);
  const messages: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += SLACK_LIMITS.blocksPerMessage) {
    messages.push({
      text,
      blocks: blocks.slice(i, i + SLACK_LIMITS.blocksPerMessage),
      response_type: reply.ephemeral ? "ephemeral" : "in_channel",
    });
  }
  return messages;
}

function sectionLines(section: ReplySection): string[] {
  const lines: string[] = [];
  const title = headingText(section.heading ?? "");
  if (title) lines.push(`*${title}*`);
  section.items.forEach((item, i) => {
    const text = escapeSlack(item);
    lines.push(
      section.style === "bullets" ? `• ${text}` : section.style === "numbered" ? `${i + 1}. ${text}` : text,
    );
  });
  const links = (section.links ?? []).filter(isWebUrl).map((url) => `<${slackLinkUrl(url)}>`);
  if (links.length) lines.push(`${section.style === "bullets" ? "• " : ""}Sources: ${links.join(" ")}`);
  return lines;
}
