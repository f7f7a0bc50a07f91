import { infoReply, type Reply, successReply } from "../src/render/reply.js";
import { digestMeAction } from "./digest-me.js";
import { defineAction, defineGroup } from "./types.js";

export const digestCommand = defineGroup({
  name: "digest",
  description: "The scheduled news digest of this channel",
  subcommands: [
    defineAction({
      name: "set",
      description: "Post a digest here on a schedule (admins)",
      adminOnly: true,
      options: [
        {
          name: "schedule",
          description: "daily 08:00, weekdays 07:30, mon,thu 18:00, every 6h or a cron expression",
          type: "string",
          required: true,
          maxLength: 100,
        },
        {
          name: "timezone",
          description: "IANA timezone, e.g. Europe/Berlin (default: the server's)",
          type: "string",
          maxLength: 64,
          namedOnly: true,
        },
      ],
      async handler(ctx, args): Promise<Reply> {
        const s = await ctx.services.digests.set(ctx.tenant, ctx.channelId, args.schedule, args.timezone);
        // The description already names the next run in the channel's timezone.
        return successReply("Digest scheduled", s.description);
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
        const lines = [s.description, ...(s.paused ? [`Paused: ${s.paused}`] : [])];
        return { ...infoReply("Digest", lines.join("\n")), ephemeral: true };
      },
    }),
    digestMeAction,
  ],
});
