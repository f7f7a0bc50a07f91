import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";
import { WebSocketServer } from "ws";
import { createLogger } from "../../src/app/logger.js";
import { startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { openTestServices } from "../app/test-services.js";
import type { LogLine } from "./slack-oauth-harness.js";
import { startSlackStandIn } from "./slack-standin.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe("Slack in Socket Mode (real Bolt against a local Socket Mode server)", () => {
  it("acknowledges the envelope, then answers through response_url", async () => {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    const wsUrl = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`;
    cleanups.push(async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => http.close(() => r()));
    });
    const acks: unknown[] = [];
    let acked!: () => void;
    const ackSeen = new Promise<void>((r) => {
      acked = r;
    });
    const slack = await startSlackStandIn([], { "apps.connections.open": { ok: true, url: wsUrl } });
    cleanups.push(slack.close);
    wss.on("connection", (ws) => {
      ws.on("message", (raw) => {
        acks.push(JSON.parse(String(raw)));
        acked();
      });
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A1" } }));
      ws.send(
        JSON.stringify({
          envelope_id: "env-1",
          type: "slash_commands",
          accepts_response_payload: true,
          payload: {
            token: "legacy",
            team_id: "T1",
            team_domain: "news",
            channel_id: "C1",
            channel_name: "general",
            user_id: "U1",
            user_name: "reader",
            command: "/stories",
            text: "",
            api_app_id: "A1",
            response_url: `${slack.url}/respond/socket`,
            trigger_id: "socket-1",
          },
        }),
      );
    });
    const app = await startNewsdesk({
      config: loadConfig({
        SLACK_BOT_TOKEN: "xoxb-s",
        SLACK_APP_TOKEN: "xapp-s",
        SLACK_API_URL: `${slack.url}/api`,
      }),
      services: await openTestServices(),
      stdin: process.stdin,
      stdout: process.stdout,
      interactive: false,
      logger: createLogger("silent"),
    });
    cleanups.push(() => app.stop());
    await ackSeen;
    expect(acks[0]).toMatchObject({ envelope_id: "env-1" });
    const reply = await slack.waitFor((c) => c.path === "/respond/socket");
    expect(JSON.stringify(reply.body)).toContain("No stories yet");
    expect(slack.calls.some((c) => c.path === "/api/apps.connections.open")).toBe(true);
  });

  it("handles an event redelivered in a new envelope (retry_attempt) once", async () => {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    const wsUrl = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`;
    cleanups.push(async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => http.close(() => r()));
    });
    const slack = await startSlackStandIn([], { "apps.connections.open": { ok: true, url: wsUrl } });
    cleanups.push(slack.close);
    const envelope = (id: string, team: string, eventId: string, retry: number) => ({
      envelope_id: id,
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: retry,
      retry_reason: retry ? "timeout" : "",
      payload: {
        token: "legacy",
        team_id: team,
        api_app_id: "A1",
        event: { type: "app_uninstalled", event_ts: "1700000000.000100" },
        type: "event_callback",
        event_id: eventId,
        event_time: 1700000000,
        authorizations: [{ team_id: team, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
      },
    });
    wss.on("connection", (ws) => {
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A1" } }));
      ws.send(JSON.stringify(envelope("env-a", "TSOCK", "EvSock1", 0)));
      ws.send(JSON.stringify(envelope("env-b", "TSOCK", "EvSock1", 1)));
      // A later event shows the redelivery had its chance to (wrongly) run first.
      ws.send(JSON.stringify(envelope("env-c", "TSOCK2", "EvSock2", 0)));
    });
    const logs: LogLine[] = [];
    const app = await startNewsdesk({
      config: loadConfig({
        SLACK_BOT_TOKEN: "xoxb-s",
        SLACK_APP_TOKEN: "xapp-s",
        SLACK_API_URL: `${slack.url}/api`,
      }),
      services: await openTestServices(),
      stdin: process.stdin,
      stdout: process.stdout,
      interactive: false,
      logger: createLogger("info", { write: (line: string) => void logs.push(JSON.parse(line)) }),
    });
    cleanups.push(() => app.stop());
    const removals = (team: string) => logs.filter((l) => l.event === "app_uninstalled" && l.teamId === team);
    await vi.waitFor(
      () => {
        if (removals("TSOCK2").length === 0) throw new Error("not yet");
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(removals("TSOCK")).toHaveLength(1);
  });
});
