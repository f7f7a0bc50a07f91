import { type REST, Routes } from "discord.js";
import type { DiscordMessage } from "../../render/discord.js";

/** Discord's epoch (2015-01-01) in Unix ms: snowflakes count from it. */
const DISCORD_EPOCH = 1_420_070_400_000n;
/** How far before the recorded intent we look: Discord's clock and ours may disagree a little. */
const CLOCK_SLACK_MS = 5 * 60_000;
/** Pages of 100 messages read at most after that point. */
const MAX_PAGES = 5;

/** The smallest snowflake of `ms`: `?after=` it lists the messages created from then on. */
export function snowflakeAt(ms: number): string {
  return ((BigInt(Math.max(0, Math.floor(ms))) - DISCORD_EPOCH) << 22n).toString();
}

/** Each part of a digest gets its own nonce (≤ 25 chars) so its parts are not deduplicated together. */
export function partNonce(nonce: string, part: number): string {
  return part === 0 ? nonce : `${nonce.slice(0, 22)}-${part}`;
}

interface ListedMessage {
  id: string;
  nonce?: string | number | null;
  author?: { id: string };
  content?: string;
  embeds?: { title?: string; description?: string; footer?: { text?: string } }[];
}

/**
 * The parts of a digest already in the channel since `since` (ISO): part index → message id.
 * enforce_nonce only deduplicates for a few minutes, and a crashed run is resumed after its lease
 * (2 min) or much later, so the channel is read instead. A listed message is a part when it is the
 * bot's and carries the part's nonce, or — where Discord leaves the nonce out of listings — when
 * it says exactly what the part says (its content and embeds' titles, descriptions and footers: the
 * digest is rendered from the stored run, so the same text and the slot's time in its title).
 */
export async function findDiscordParts(
  rest: REST,
  input: { channelId: string; botId?: string; nonce: string; parts: DiscordMessage[]; since: string },
): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  const wanted = input.parts.map((m, i) => ({ nonce: partNonce(input.nonce, i), text: fingerprint(m) }));
  let after = snowflakeAt(Date.parse(input.since) - CLOCK_SLACK_MS);
  for (let page = 0; page < MAX_PAGES && found.size < wanted.length; page++) {
    const query = new URLSearchParams({ after, limit: "100" });
    const listed = (await rest.get(Routes.channelMessages(input.channelId), { query })) as ListedMessage[];
    for (const m of listed) {
      if (input.botId && m.author?.id !== input.botId) continue;
      const text = fingerprint(m);
      const part = wanted.findIndex(
        (w, i) => !found.has(i) && (String(m.nonce ?? "") === w.nonce || text === w.text),
      );
      if (part >= 0) found.set(part, m.id);
    }
    if (listed.length < 100) break;
    // Listings come newest first; the next page starts after the newest seen.
    after = listed.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
  }
  return found;
}

function fingerprint(m: Pick<ListedMessage, "content" | "embeds">): string {
  const embeds = (m.embeds ?? []).map((e) => [e.title ?? "", e.description ?? "", e.footer?.text ?? ""]);
  return JSON.stringify([m.content ?? "", embeds]);
}

/**
 * Posts a digest's parts with their nonces and enforce_nonce; resumed (`resumedSince`), only the
 * parts not found in the channel. Returns the first part's message id.
 */
export async function postDiscordParts(
  rest: REST,
  input: {
    channelId: string;
    botId?: string;
    parts: DiscordMessage[];
    nonce?: string;
    resumedSince?: string;
    /** Told every part's message id (replies to any part of a digest know its stories). */
    onParts?: (ids: string[]) => void;
    /** An alert's update: the first part replies to this message (message_reference). */
    replyTo?: string;
  },
): Promise<string> {
  const { channelId, parts, nonce } = input;
  const found =
    nonce && input.resumedSince
      ? await findDiscordParts(rest, {
          channelId,
          botId: input.botId,
          nonce,
          parts,
          since: input.resumedSince,
        })
      : new Map<number, string>();
  const ids: string[] = [];
  for (const [i, m] of parts.entries()) {
    const earlier = found.get(i);
    if (earlier) {
      ids.push(earlier);
      continue;
    }
    const reply =
      i === 0 && input.replyTo
        ? { message_reference: { message_id: input.replyTo, fail_if_not_exists: false } }
        : {};
    const body = { ...m, ...reply, ...(nonce ? { nonce: partNonce(nonce, i), enforce_nonce: true } : {}) };
    const created = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
    ids.push(created.id);
  }
  input.onParts?.(ids);
  return ids[0] ?? "";
}
