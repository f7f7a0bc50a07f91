import { infoReply, type Reply, successReply } from "../src/render/reply.js";
import { defineAction } from "./types.js";

/**
 * `/digest me daily 07:00 Europe/Paris`: this channel's digest, in the user's DMs, on their own
 * schedule and timezone (the channel's stories and filters); `/digest me off` stops it and
 * `/digest me` alone shows it. For everyone: it only ever posts to the user who asked.
 */
export const digestMeAction = defineAction({
  name: "me",
  description: "Get this channel's digest in your DMs on your own schedule (off stops it)",
  adminOnly: false,
  options: [
    {
      name: "schedule",
      description: "daily 07:00 Europe/Paris, weekdays 08:00, off; nothing shows yours",
      type: "string",
      maxLength: 100,
    },
  ],
  async handler(ctx, args): Promise<Reply> {
    const { dmDigests } = ctx.services;
    const wanted = (args.schedule ?? "").trim();
    const private_ = (r: Reply): Reply => ({ ...r, ephemeral: true });
    if (!wanted || wanted.toLowerCase() === "show") {
      const s = await dmDigests.show(ctx.tenant, ctx.channelId, ctx.userId);
      if (!s)
        return private_(
          infoReply(
            "No DM digest",
            "You get no digest of this channel in your DMs. e.g. /digest me daily 07:00 Europe/Paris",
          ),
        );
      const lines = [`In your DMs: ${s.description}`, ...(s.paused ? [`Paused: ${s.paused}`] : [])];
      return private_({
        ...infoReply("Your DM digest", lines.join("\n")),
        footer: "/digest me off stops it.",
      });
    }
    if (wanted.toLowerCase() === "off") {
      return (await dmDigests.off(ctx.tenant, ctx.channelId, ctx.userId))
        ? successReply("DM digest stopped", "You get no more digests of this channel in your DMs.")
        : private_(infoReply("No DM digest", "You had no digest of this channel in your DMs."));
    }
    const s = await dmDigests.set(ctx.tenant, ctx.channelId, ctx.userId, wanted);
    return {
      ...successReply("DM digest scheduled", `This channel's digest, in your DMs: ${s.description}.`),
      footer: "Same stories and filters as the channel. /digest me off stops it.",
    };
  },
});
