import { MAX_QUESTION_CHARS } from "../src/core/qa/question.js";
import { bullets, infoReply, type Reply } from "../src/render/reply.js";
import { STORY_OPTION } from "./shared.js";
import { defineCommand } from "./types.js";

export const askCommand = defineCommand({
  name: "ask",
  description: "Ask a question; the answer comes from the stories, with the sentences it rests on",
  adminOnly: false,
  options: [
    {
      name: "question",
      description: "What you want to know, e.g. how long will the pause in fighting last?",
      type: "string",
      required: true,
      maxLength: MAX_QUESTION_CHARS,
    },
    { ...STORY_OPTION, description: "Story id or part of its title (default: all stories)", namedOnly: true },
  ],
  async handler(ctx, args): Promise<Reply> {
    let storyId: string | undefined;
    if (args.story) {
      const story = await ctx.services.stories.resolve(ctx.tenant, args.story);
      if (!story) {
        return {
          ...infoReply("Unknown story", `No story matches "${args.story}".`),
          footer: "Run /stories to list the stories.",
          tone: "error",
          ephemeral: true,
        };
      }
      storyId = story.id;
    }
    const result = await ctx.services.qa.ask(ctx.tenant, args.question, storyId);
    if (!result.answer) {
      return {
        ...infoReply("Not in the stories", `The stories do not say: "${args.question}".`),
        footer: "Try other words, or name a story with story:<id>.",
        ephemeral: true,
      };
    }
    const reply = infoReply(args.question, result.answer, [bullets("From the story", result.sentences)]);
    if (result.storyId)
      reply.footer = `story ${result.storyId}${result.storyTitle ? ` · ${result.storyTitle}` : ""}`;
    return reply;
  },
});
