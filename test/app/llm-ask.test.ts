import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { createServices, type Wiring } from "../../src/app/wiring.js";
import { loadConfig } from "../../src/config.js";
import { councilArticle } from "../llm/helpers.js";
import { type ChatRequestBody, reply, type StandIn, startStandIn } from "../llm/stand-in.js";

// /ask over the real wiring with a model configured: the question engine picks the story and its
// sentences, the model (a loopback stand-in spoken to by the real openai client) words the answer.

let standIn: StandIn;
let dataDir: string;
const wirings: Wiring[] = [];

const isAnswerRequest = (body: ChatRequestBody) =>
  body.messages.some((m) => m.content.includes("Question (from a chat user)"));
/** The id the stand-in cites: the first sentence id it was given. */
const firstId = (body: ChatRequestBody) => Number(body.messages[1]?.content.match(/\[(\d+)\]/)?.[1] ?? -1);

beforeAll(async () => {
  standIn = await startStandIn();
  dataDir = mkdtempSync(join(tmpdir(), "newsdesk-llm-ask-"));
});

afterAll(async () => {
  for (const w of wirings) await w.services.close();
  await standIn.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function servicesWithModel() {
  const config = loadConfig({
    DATA_DIR: dataDir,
    OPENAI_API_KEY: "test-key",
    OPENAI_BASE_URL: standIn.baseURL,
    LLM_TIMEOUT_MS: "3000",
    LOG_LEVEL: "silent",
  });
  const wiring = await createServices(config, createLogger("silent"));
  wirings.push(wiring);
  return wiring.services;
}

describe("/ask with the LLM engine", () => {
  it("answers in the model's words, resting on the sentence it cites", async () => {
    // Briefs get an unusable reply (extractive fallback); answers a supported one citing a given sentence.
    standIn.script((body) =>
      isAnswerRequest(body)
        ? reply.json({ supported: true, answer: "In about three years.", sentences: [firstId(body)] })
        : reply.text("not JSON"),
    );
    const services = await servicesWithModel();
    await services.stories.addText("console", { text: councilArticle, source: "paste" });
    const a = await services.qa.ask("console", "How long will construction of the bridge take?");
    expect(a.answer).toBe("In about three years.");
    expect(a.sentences).toHaveLength(1);
    expect(councilArticle).toContain(a.sentences[0]);
    expect(standIn.requests.some(isAnswerRequest)).toBe(true);
  });

  it("keeps the question engine's answer when the model finds no support", async () => {
    standIn.script((body) =>
      isAnswerRequest(body)
        ? reply.json({ supported: false, answer: "", sentences: [] })
        : reply.text("not JSON"),
    );
    const services = await servicesWithModel();
    const a = await services.qa.ask("console", "How long will construction of the bridge take?");
    expect(a.answer).not.toBeNull();
    expect(a.answer).not.toBe("In about three years.");
    expect(a.sentences.length).toBeGreaterThan(0);
  });

  it("does not ask the model when the stories do not cover the question", async () => {
    const services = await servicesWithModel();
    const before = standIn.requests.filter(isAnswerRequest).length;
    const a = await services.qa.ask("console", "Who won the football world cup in Qatar?");
    expect(a.answer).toBeNull();
    expect(standIn.requests.filter(isAnswerRequest).length).toBe(before);
  });
});
