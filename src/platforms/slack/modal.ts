import type { types } from "@slack/bolt";
import { classifyInput, FEED_NOT_ARTICLE } from "../../ingest/classify-input.js";

export const ADD_MODAL_ID = "newsdesk_add";
/** Slack's cap on a plain_text_input. */
const MODAL_TEXT_LIMIT = 3000;

/** The form `/add` with no text opens, for pasting an article too long for the command line. */
export function addModal(channelId: string): types.ModalView {
  return {
    type: "modal",
    callback_id: ADD_MODAL_ID,
    private_metadata: JSON.stringify({ channelId }),
    title: { type: "plain_text", text: "Add an article" },
    submit: { type: "plain_text", text: "Add" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: "article",
        label: { type: "plain_text", text: "Article text or URL" },
        element: {
          type: "plain_text_input",
          action_id: "text",
          multiline: true,
          max_length: MODAL_TEXT_LIMIT,
          placeholder: {
            type: "plain_text",
            text: "Paste the article here (up to 3,000 characters), or a URL",
          },
        },
      },
    ],
  };
}

export function readAddModal(view: {
  private_metadata: string;
  state: { values: Record<string, Record<string, { value?: string | null }>> };
}): { channelId: string; text?: string } {
  let channelId = "";
  try {
    channelId = String((JSON.parse(view.private_metadata) as { channelId?: string }).channelId ?? "");
  } catch {
    channelId = "";
  }
  const text = view.state.values.article?.text?.value?.trim();
  return { channelId, text: text || undefined };
}

/** The message for a form submission that is no article (classify-input.ts), or undefined. */
export function formRefusal(text: string): string | undefined {
  const input = classifyInput(text);
  if (input.kind === "refused") return input.message;
  if (input.kind === "feed") return FEED_NOT_ARTICLE;
  return undefined;
}
