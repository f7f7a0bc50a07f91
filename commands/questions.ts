import { bullets, infoReply, type Reply } from "../src/render/reply.js";
import { requireStory, STORY_OPTION } from "./shared.js";
import { defineCommand } from "./types.js";

export const questionsCommand = defineCommand({
  name: "questions",
  description: "Open questions a story leaves unanswered",
  adminOnly: false,
  options: [STORY_OPTION],
  async handler(ctx, args): Promise<Reply> {
    const story = await requireStory(ctx, args.story);
    const questions = story.brief.openQuestions.map((q) => q.question);
    const reply = questions.length
      ? infoReply(`Open questions: ${story.title}`, undefined, [bullets(undefined, questions)])
      : infoReply(`Open questions: ${story.title}`, "The story leaves no open question that could be found.");
    reply.footer = `story ${story.id}`;
    return reply;
  },
});
