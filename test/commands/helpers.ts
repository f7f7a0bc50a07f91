import { afterAll } from "vitest";
import type { CommandContext } from "../../commands/types.js";
import type { Services } from "../../src/app/services.js";
import type { StoryBrief } from "../../src/core/types.js";
import { openTestServices, type TestServicesOptions } from "../app/test-services.js";

const opened: Services[] = [];
afterAll(async () => {
  for (const s of opened.splice(0)) await s.close();
});

/** A console command context over the real services (a fresh in-memory store, closed after the file). */
export async function contextFor(
  overrides: Partial<CommandContext> = {},
  options: TestServicesOptions = {},
): Promise<CommandContext> {
  let services = overrides.services;
  if (!services) {
    services = await openTestServices(options);
    opened.push(services);
  }
  return {
    platform: "console",
    tenant: "t1",
    channelId: "c1",
    userId: "u1",
    isAdmin: false,
    services,
    allowLocalFiles: false,
    maxTextBytes: 100_000,
    ...overrides,
  };
}

/** A brief with known quotes, for tests about quote lookup rather than about the engine. */
export function briefWithQuotes(title: string): StoryBrief {
  return {
    title,
    engine: "extractive",
    engineVersion: "test",
    language: "en",
    keyPoints: [{ text: "The ceasefire talks resumed in Cairo on Monday.", sentences: [0] }],
    quotes: [
      {
        quote: "it's looking tough right now",
        speaker: "John Kirby",
        role: "spokesman",
        sentence: 1,
        start: 0,
        end: 1,
      },
      {
        quote: "We will keep pushing @everyone <!channel>",
        speaker: "Joe Biden",
        sentence: 2,
        start: 0,
        end: 1,
      },
    ],
    openQuestions: [{ question: "Will Hamas accept the terms?", sentences: [3] }],
    entities: [],
    notes: [],
  };
}

export const ARTICLE =
  "Talks resumed in Cairo on Monday. Officials said the ceasefire proposal was still on the table. " +
  '"It\'s looking tough right now," John Kirby said. Negotiators will meet again on Tuesday.';
