import { UserFacingError } from "../src/app/services.js";
import { MAX_DIGEST_STORIES } from "../src/digest/options.js";
import { infoReply, type Reply, successReply } from "../src/render/reply.js";
import { digestMeAction } from "./digest-me.js";
import { defineAction, defineGroup } from "./types.js";

export const digestCommand = defineGroup({
  name: "digest",
  description: "The scheduled news digest of this channel",
  subcommands: [
    defineAction({
      name: "set",
      description: "Post a digest here on a schedule, and choose what it shows (admins)",
      adminOnly: true,
      options: [
        {
          name: "schedule",
          description: "daily 08:00, weekdays 07:30, mon,thu 18:00, every 6h or a cron expression",
          type: "string",
          maxLength: 100,
        },
        {
          name: "timezone",
          description: "IANA timezone, e.g. Europe/Berlin (default: the channel's, else the server's)",
          type: "string",
          maxLength: 64,
          namedOnly: true,
        },
        {
          name: "stories",
          description: `Most stories per digest (1-${MAX_DIGEST_STORIES})`,
          type: "integer",
          min: 1,
          max: MAX_DIGEST_STORIES,
          namedOnly: true,
        },
        {
          name: "layout",
          description: "full (up to 3 key points per story) or compact (one)",
          type: "string",
          maxLength: 20,
          namedOnly: true,
        },
        {
          name: "sections",
          description: "What each story shows: points, quote, question (comma-separated)",
          type: "string",
          maxLength: 100,
          namedOnly: true,
        },
      ],
      async handler(ctx, args): Promise<Reply> {
        const change = { stories: args.stories, layout: args.layout, sections: args.sections };
        const optionsGiven = Object.values(change).some((v) => v !== undefined);
        if (!args.schedule && !args.timezone && !optionsGiven)
          throw new UserFacingError(
            "Give a schedule, a timezone or what the digest shows.",
            "Examples: /digest set daily 08:00 timezone:Europe/Berlin — /digest set stories:5 layout:compact sections:points,quote",
          );
        const lines: string[] = [];
        if (args.schedule || args.timezone) {
          const s = await ctx.services.digests.set(ctx.tenant, ctx.channelId, args.schedule, args.timezone);
          // The description already names the next run in the channel's timezone.
          lines.push(s.description);
        }
        if (optionsGiven)
          lines.push(
            `Each digest: ${await ctx.services.digests.setOptions(ctx.tenant, ctx.channelId, change)}.`,
          );
        return successReply(
          args.schedule || args.timezone ? "Digest scheduled" : "Digest options set",
          lines.join("\n"),
        );
      },
    }),
    defineAction({
      name: "now",
      description: "Post a digest here right now (admins)",
      adminOnly: true,
      options: [],
      async handler(ctx): Promise<Reply> {
        const r = await ctx.services.digests.now(ctx.tenant, ctx.channelId);
        return r.posted
          ? successReply("Digest posted", `${r.stories} ${r.stories === 1 ? "story" : "stories"}.`)
          : {
              ...infoReply("No digest posted", r.reason ?? "There is nothing new since the last digest."),
              ephemeral: true,
            };
      },
    }),
    defineAction({
      name: "off",
      description: "Stop the digest in this channel (admins)",
      adminOnly: true,
      options: [],
      async handler(ctx): Promise<Reply> {
        const removed = await ctx.services.digests.off(ctx.tenant, ctx.channelId);
        return removed
          ? successReply("Digest stopped", "This channel gets no more scheduled digests.")
          : { ...infoReply("No digest", "This channel has no digest scheduled."), ephemeral: true };
      },
    }),
    defineAction({
      name: "mute",
      description: "Leave stories matching these words out of this channel; alone, lists them (admins)",
      adminOnly: true,
      options: [
        {
          name: "words",
          description: 'Words or "quoted phrases", e.g. sports "transfer window"',
          type: "string",
          maxLength: 2000,
        },
      ],
      async handler(ctx, args): Promise<Reply> {
        if (!args.words) return mutedReply(await ctx.services.digests.muted(ctx.tenant, ctx.channelId));
        const list = await ctx.services.digests.mute(ctx.tenant, ctx.channelId, args.words);
        return successReply(
          "Muted",
          `This channel no longer gets stories matching: ${list.join(", ")}.\nUndo with /digest unmute <words>.`,
        );
      },
    }),
    defineAction({
      name: "unmute",
      description: "Remove words from this channel's mute list; alone, clears it (admins)",
      adminOnly: true,
      options: [
        {
          name: "words",
          description: "The muted words or phrases to remove",
          type: "string",
          maxLength: 2000,
        },
      ],
      async handler(ctx, args): Promise<Reply> {
        const { removed, remaining } = await ctx.services.digests.unmute(
          ctx.tenant,
          ctx.channelId,
          args.words,
        );
        if (!removed.length)
          return {
            ...infoReply(
              "Nothing unmuted",
              args.words ? `"${args.words}" is not muted here.` : "This channel mutes nothing.",
            ),
            ...(remaining.length ? { footer: `Muted: ${remaining.join(", ")}` } : {}),
            ephemeral: true,
          };
        return successReply(
          "Unmuted",
          `Removed: ${removed.join(", ")}.${remaining.length ? `\nStill muted: ${remaining.join(", ")}.` : "\nNothing is muted now."}`,
        );
      },
    }),
    defineAction({
      name: "show",
      description: "Show this channel's digest schedule",
      adminOnly: false,
      options: [],
      async handler(ctx): Promise<Reply> {
        const s = await ctx.services.digests.show(ctx.tenant, ctx.channelId);
        if (!s)
          return {
            ...infoReply("No digest", "No digest is scheduled here. Admins: /digest set daily 08:00"),
            ephemeral: true,
          };
        const muted = await ctx.services.digests.muted(ctx.tenant, ctx.channelId);
        const lines = [
          s.description,
          ...(s.paused ? [`Paused: ${s.paused}`] : []),
          ...(s.options ? [`Each digest: ${s.options}.`] : []),
          ...(muted.length ? [`Muted: ${muted.join(", ")}`] : []),
        ];
        return { ...infoReply("Digest", lines.join("\n")), ephemeral: true };
      },
    }),
    digestMeAction,
  ],
});

function mutedReply(list: string[]): Reply {
  return {
    ...infoReply(
      "Muted words",
      list.length
        ? `This channel gets no story matching: ${list.join(", ")}.`
        : 'This channel mutes nothing. Example: /digest mute sports "transfer window"',
    ),
    ...(list.length
      ? { footer: "/digest unmute <words> removes some; /digest unmute alone clears the list." }
      : {}),
    ephemeral: true,
  };
}
