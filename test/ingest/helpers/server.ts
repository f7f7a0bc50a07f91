import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1, port 0, with routes by path; records every request. */
export interface TestServer {
  url(path?: string): string;
  port: number;
  requests: IncomingMessage[];
  close(): Promise<void>;
}

export async function startServer(
  routes: Record<string, Handler>,
  server: Server = createServer(),
  scheme: "http" | "https" = "http",
): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    requests.push(req);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const handler = routes[path];
    if (!handler) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not here");
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    requests,
    url: (path = "/") => `${scheme}://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export const html =
  (body: string, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...headers }).end(body);
  };

/** A page long enough for Readability to take it as an article. */
export function articleHtml(title: string, paragraphs = 6): string {
  const ps = Array.from(
    { length: paragraphs },
    (_, i) =>
      `<p>Paragraph ${i + 1} of the story about ${title.toLowerCase()}, which reports what happened, who said what and what comes next in some detail.</p>`,
  ).join("\n");
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${ps}</article></body></html>`;
}
