/** A message as conversations.history returns it (the fields Newsdesk reads, plus a few). */
export interface SlackStoredMessage {
  type: "message";
  ts: string;
  channel: string;
  text: string;
  bot_id: string;
  blocks?: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/**
 * What the Slack stand-in's channels hold: chat.postMessage stores a message (with its metadata)
 * under a fresh ts, conversations.history lists a channel newest first with Slack's `oldest`,
 * `limit` and cursor paging, metadata only with include_all_metadata. `onPost` lets a test stand
 * between the request and its delivery (to crash the poster before or after Slack accepted it).
 * A channel id starting "CNOTIN" with nothing posted stands for one the bot is not a member of:
 * history answers `not_in_channel`, as Slack does for bot tokens.
 */
export class SlackChannels {
  readonly byChannel = new Map<string, SlackStoredMessage[]>();
  /**
   * Called for every chat.postMessage; the message is stored only if it calls `deliver`. What it
   * returns, if anything, is answered instead of Slack's `ok` (an error after delivery: the answer
   * was lost, the message was not).
   */
  onPost?: (
    body: Record<string, unknown>,
    deliver: () => void,
  ) => undefined | object | Promise<undefined | object>;
  private seq = 0;

  async post(body: Record<string, unknown>): Promise<object> {
    const channel = String(body.channel);
    // Slack ts: seconds.microseconds, unique per channel; a counter keeps them strictly increasing.
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, "0")}`;
    const metadata = body.metadata as SlackStoredMessage["metadata"] | undefined;
    const message: SlackStoredMessage = {
      type: "message",
      ts,
      channel,
      text: String(body.text ?? ""),
      bot_id: "BBOT",
      ...(body.blocks ? { blocks: body.blocks } : {}),
      ...(metadata ? { metadata } : {}),
    };
    const deliver = () => {
      const list = this.byChannel.get(channel) ?? [];
      list.push(message);
      this.byChannel.set(channel, list);
    };
    if (!this.onPost) {
      deliver();
      return { ok: true, ts, channel };
    }
    return (await this.onPost(body, deliver)) ?? { ok: true, ts, channel };
  }

  list(body: Record<string, unknown>): object {
    const channel = String(body.channel);
    if (!this.byChannel.has(channel) && channel.startsWith("CNOTIN"))
      return { ok: false, error: "not_in_channel" };
    const oldest = Number(body.oldest ?? 0);
    const limit = Math.min(Number(body.limit ?? 100), 999);
    const withMeta = body.include_all_metadata === true || body.include_all_metadata === "true";
    const all = (this.byChannel.get(channel) ?? [])
      .filter((m) => Number(m.ts) > oldest)
      .sort((a, b) => Number(b.ts) - Number(a.ts));
    const from = Number(body.cursor ?? 0);
    const page = all
      .slice(from, from + limit)
      .map(({ metadata, ...m }) => (withMeta && metadata ? { ...m, metadata } : m));
    const more = from + limit < all.length;
    return {
      ok: true,
      messages: page,
      has_more: more,
      response_metadata: { next_cursor: more ? String(from + limit) : "" },
    };
  }

  /** Every stored message of every channel carrying digest metadata, as "channel nonce part". */
  digestParts(): string[] {
    const out: string[] = [];
    for (const [channel, list] of this.byChannel) {
      for (const m of list) {
        if (m.metadata?.event_type !== "newsdesk_digest") continue;
        out.push(`${channel} ${m.metadata.event_payload.nonce} ${m.metadata.event_payload.part}`);
      }
    }
    return out;
  }
}
