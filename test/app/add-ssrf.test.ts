import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConsoleBot } from "./console-bot.js";

const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-add-ssrf-"));
let server: Server;
let port = 0;
let requests = 0;

beforeAll(async () => {
  // A page on loopback that must never be read: the SSRF check runs before any connection.
  server = createServer((_req, res) => {
    requests++;
    res.end("<html><body><p>internal admin page</p></body></html>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("chat /add refuses IPv6 spellings of internal addresses", () => {
  it("IPv4-compatible, NAT64 and 6to4 forms of loopback and private addresses", {
    timeout: 60_000,
  }, async () => {
    const bot = await startConsoleBot({ DATA_DIR: dataDir });
    const urls = [
      `http://[::127.0.0.1]:${port}/`,
      `http://[64:ff9b::7f00:1]:${port}/`,
      `http://[2002:7f00:1::]:${port}/`,
      "http://[::10.0.0.7]/",
    ];
    bot.stdin.end(`${urls.map((u) => `/add ${u}`).join("\n")}\n/stories\n`);
    await bot.app.done;
    const out = bot.output();
    expect(out.match(/it is a loopback address/g)).toHaveLength(3);
    expect(out).toContain("it is a private address");
    expect(out).not.toContain("internal admin page");
    expect(requests).toBe(0);
  });
});
