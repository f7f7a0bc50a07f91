import { type StoryView, UserFacingError } from "../src/app/services.js";
import type { CommandContext, OptionSpec } from "./types.js";

export const STORY_OPTION = {
  name: "story",
  description: "Story id or part of its title (default: the latest story)",
  type: "string",
  maxLength: 200,
  autocomplete: "story",
} as const satisfies OptionSpec;

/** The story a command is about, or a private error telling the user how to find one. */
export async function requireStory(ctx: CommandContext, ref: string | undefined): Promise<StoryView> {
  const story = await ctx.services.stories.resolve(ctx.tenant, ref);
  if (story?.removedAt)
    throw new UserFacingError(
      `Story ${story.id} (“${story.title || "Untitled"}”) was removed on ${shortDate(story.removedAt)} UTC.`,
      "Run /stories to list the stories.",
    );
  if (story) return story;
  if (ref)
    throw new UserFacingError(
      `No story matches "${ref}".`,
      "Run /stories to list the stories, or /add a URL.",
    );
  throw new UserFacingError("There are no stories yet.", "Add one with /add <url> or /add <pasted text>.");
}

export function looksLikeUrl(text: string): boolean {
  return /^https?:\/\/\S+$/i.test(text.trim());
}

/** "3 minutes ago"-free: absolute dates keep replies cacheable and testable. */
export function shortDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace("T", " ");
}
