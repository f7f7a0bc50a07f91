import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/app/logger.js";
import { startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { postSlashCommand, startSlackStandIn } from "../platforms/slack-standin.js";
import { openTestServices } from "./test-services.js";

const SECRET = "shutdown-secret";
let close: (() => Promise<void>) | undefined;
afterAll(async () => close?.());

describe("graceful shutdown", () => {
  it("finishes a reply in flight before stopping, and refuses new commands meanwhile", async () => {
    const slack = await startSlackStandIn();
    close = slack.close;
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const services = await openTestServices({
      summarise: async (input) => {
        await held;
        return {
          title: input.title ?? "Held story",
          engine: "extractive",
          engineVersion: "test",
          language: "en",
          keyPoints: [{ text: "It finished after the stop was requested.", sentences: [0] }],
          quotes: [],
          openQuestions: [],
          entities: [],
          notes: [],
        };
      },
    });
    const app = await startNewsdesk({
      config: loadConfig({
        SLACK_BOT_TOKEN: "xoxb-t",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${slack.url}/api`,
        PORT: "1",
      }),
      services,
      stdin: process.stdin,
      stdout: process.stdout,
      interactive: false,
      logger: createLogger("silent"),
      http: { port: 0, host: "127.0.0.1" },
    });
    const base = `http://127.0.0.1:${app.httpPort}`;
    const ack = await postSlashCommand(base, SECRET, {
      command: "/add",
      text: "Talks resumed in Cairo on Monday and officials said a deal was close.",
      trigger_id: "held-1",
      response_url: `${slack.url}/respond/held`,
    });
    expect(ack.status).toBe(200);
    let stopped = false;
    const stopping = app.stop().then(() => {
      stopped = true;
    });
    // Still in flight: the stop waits for it.
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    const late = await postSlashCommand(base, SECRET, {
      command: "/stories",
      text: "",
      trigger_id: "late-1",
      response_url: `${slack.url}/respond/late`,
    });
    expect(late.status).toBe(200);
    expect(late.body).toContain("restarting");
    release();
    await stopping;
    const reply = slack.calls.find((c) => c.path === "/respond/held");
    expect(reply, "the reply in flight was delivered before the bot stopped").toBeDefined();
    expect(JSON.stringify(reply!.body)).toContain("It finished after the stop was requested.");
  });
});
