import { stat } from "node:fs/promises";
import { OPML_MAX_BYTES } from "../src/app/opml-limits.js";
import { type ImportedFeed, UserFacingError } from "../src/app/services.js";
import { bullets, infoReply, type Reply } from "../src/render/reply.js";
import { BACKFILL_OPTION, followOptions, MODE_OPTION, NOTIFY_OPTION } from "./feed-mode-options.js";
import { type CommandContext, defineAction } from "./types.js";

/** `/feeds import <file>`: follow every feed of an OPML list, each through the checked add. */
export const feedsImportAction = defineAction({
  name: "import",
  description: "Follow every feed of an OPML file (admins)",
  adminOnly: true,
  options: [
    {
      name: "file",
      description:
        "The OPML file: attach it (Discord), its https link or pasted text (Slack), a path (console)",
      type: "string",
      required: true,
      maxLength: 6000,
      attachment: true,
    },
    MODE_OPTION,
    BACKFILL_OPTION,
    NOTIFY_OPTION,
  ],
  async handler(ctx, args): Promise<Reply> {
    const options = followOptions(ctx, args);
    const results = await ctx.services.feeds.importOpml(
      ctx.tenant,
      ctx.channelId,
      await sourceOf(ctx, args.file),
      options,
    );
    return importReply(results);
  },
});

/** `/feeds export`: the channel's feeds as OPML, to import into a feed reader or another channel. */
export const feedsExportAction = defineAction({
  name: "export",
  description: "This channel's feeds as an OPML file",
  adminOnly: false,
  options: [],
  async handler(ctx): Promise<Reply> {
    const opml = await ctx.services.feeds.exportOpml(ctx.tenant, ctx.channelId);
    const count = (opml.match(/<outline /g) ?? []).length;
    // Discord takes files: the document goes as feeds.opml, byte for byte.
    if (ctx.platform === "discord")
      return {
        title: "Feeds of this channel (OPML)",
        intro: `${count} feed${count === 1 ? "" : "s"} in the attached feeds.opml; any feed reader (or /feeds import) reads it.`,
        sections: [],
        tone: "info",
        ephemeral: true,
        attachment: { filename: "feeds.opml", content: opml },
      };
    return {
      title: "Feeds of this channel (OPML)",
      intro: "Save the lines below as feeds.opml; any feed reader (or /feeds import) reads it.",
      sections: [{ style: "paragraphs", items: opml.trim().split("\n") }],
      tone: "info",
      ephemeral: true,
    };
  },
});

/** What was given: the document itself, a link to fetch (checked like any URL), or a console path. */
async function sourceOf(ctx: CommandContext, given: string): Promise<{ text: string } | { url: string }> {
  const value = given.trim();
  if (value.startsWith("<")) return { text: value };
  if (/^https?:\/\//i.test(value)) return { url: value };
  if (ctx.allowLocalFiles && (await isFile(value))) {
    const { readFile } = await import("node:fs/promises");
    const size = (await stat(value)).size;
    if (size > OPML_MAX_BYTES)
      throw new UserFacingError(`${value} is larger than ${OPML_MAX_BYTES / 1024} kB; that is no feed list.`);
    return { text: await readFile(value, "utf8") };
  }
  throw new UserFacingError(
    `"${value.slice(0, 80)}" is no OPML file Newsdesk can read.`,
    ctx.allowLocalFiles
      ? "Give the path of an .opml file, its https link, or paste its text."
      : "Attach the .opml file (Discord), or give its https link or paste its text.",
  );
}

const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

/** Per-feed results: what was added, what was followed already, what failed and why. */
export function importReply(results: ImportedFeed[]): Reply {
  const added = results.filter((r) => r.outcome === "added");
  const already = results.filter((r) => r.outcome === "already followed");
  const failed = results.filter((r) => r.outcome === "failed");
  const name = (r: ImportedFeed) => (r.title && r.title !== r.url ? `${r.title} — ${r.url}` : r.url);
  const sections = [
    ...(added.length
      ? [
          bullets(
            `Added (${added.length})`,
            added.map((r) => `${name(r)}${r.detail ? ` (${r.detail})` : ""}`),
          ),
        ]
      : []),
    ...(already.length ? [bullets(`Already followed (${already.length})`, already.map(name))] : []),
    ...(failed.length
      ? [
          bullets(
            `Not added (${failed.length})`,
            failed.map((r) => (r.url ? `${name(r)}: ${r.detail}` : (r.detail ?? ""))),
          ),
        ]
      : []),
  ];
  return {
    ...infoReply(
      "Feeds imported",
      `${added.length} added, ${already.length} already followed, ${failed.length} not added.`,
      sections,
    ),
    footer: "/feeds list shows every feed of this channel.",
    ephemeral: true,
  };
}
