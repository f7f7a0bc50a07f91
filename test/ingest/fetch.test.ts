import { readFileSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { brotliCompressSync, gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchError } from "../../src/ingest/fetch/errors.js";
import { createFetcher, type FetcherOptions } from "../../src/ingest/fetch/fetcher.js";
import { html, startServer, type TestServer } from "./helpers/server.js";

const base: FetcherOptions = {
  allowHosts: "127.0.0.1",
  // Generous: the suite shares a loaded machine; the timeout tests set their own small limits.
  timeoutMs: 10_000,
  connectTimeoutMs: 5000,
  maxBytes: 64 * 1024,
  perHostConcurrency: 2,
};

async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof FetchError) return err;
    throw err;
  }
  throw new Error("expected the fetch to fail");
}

let server: TestServer;
let inFlight = 0;
let maxInFlight = 0;
beforeAll(async () => {
  server = await startServer({
    "/page": html("<html><body><p>Hello</p></body></html>"),
    "/gzip": (_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" })
        .end(gzipSync("<p>zipped ünïcode</p>"));
    },
    "/br": (_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html", "content-encoding": "br" })
        .end(brotliCompressSync("<p>brotli</p>"));
    },
    "/bomb": (_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" })
        .end(gzipSync(Buffer.alloc(10 * 1024 * 1024, 32)));
    },
    "/endless": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(16 * 1024, 97);
      const timer = setInterval(() => {
        if (!res.write(chunk)) return;
      }, 1);
      res.on("close", () => clearInterval(timer));
    },
    "/huge": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "content-length": String(50 * 1024 * 1024) });
      res.write("<p>");
    },
    "/hang": () => {},
    "/404": (_req, res) => res.writeHead(404).end(),
    "/410": (_req, res) => res.writeHead(410).end(),
    "/500": (_req, res) => res.writeHead(500).end(),
    "/403": (_req, res) => res.writeHead(403).end(),
    "/pdf": (_req, res) => res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.4 ..."),
    "/pdf-as-html": (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("%PDF-1.7\n..."),
    "/png": (_req, res) => res.writeHead(200, { "content-type": "image/png" }).end("\x89PNG...."),
    "/latin1-header": (_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html; charset=iso-8859-1" })
        .end(iconv.encode("<p>café naïve €</p>", "windows-1252"));
    },
    "/latin1-meta": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(
        iconv.encode(
          '<html><head><meta charset="windows-1252"></head><body><p>déjà vu</p></body></html>',
          "windows-1252",
        ),
      );
    },
    "/sjis-meta": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(
        iconv.encode(
          '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>日本語のニュース</p>',
          "shift_jis",
        ),
      );
    },
    "/utf16-bom": (_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<p>wide</p>", "utf16le")]));
    },
    // A label no decoder knows: UTF-8 bytes are still read, anything else is refused, not guessed.
    "/unknown-charset-utf8": (_req, res) =>
      res.writeHead(200, { "content-type": "text/html; charset=x-klingon" }).end("<p>Qapla’ ünïcode</p>"),
    "/unknown-charset": (_req, res) =>
      res
        .writeHead(200, { "content-type": "text/html; charset=x-klingon" })
        .end(Buffer.from([0x3c, 0x70, 0x3e, 0xc7, 0xd1, 0xb1, 0xdb, 0xfe, 0x3c, 0x2f, 0x70, 0x3e])),
    "/unlabelled-legacy": (_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end(iconv.encode("<p>Zürich</p>", "windows-1252")),
    "/redirect": (_req, res) => res.writeHead(302, { location: "/page" }).end(),
    "/loop": (_req, res) => res.writeHead(302, { location: "/loop" }).end(),
    "/to-private": (_req, res) => res.writeHead(301, { location: "http://10.0.0.7/admin" }).end(),
    "/to-metadata": (_req, res) =>
      res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/" }).end(),
    "/to-name": (_req, res) => res.writeHead(302, { location: "http://intranet.test/" }).end(),
    "/to-file": (_req, res) => res.writeHead(302, { location: "file:///etc/passwd" }).end(),
    "/etag": (req, res) => {
      if (req.headers["if-none-match"] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
      else
        res
          .writeHead(200, {
            "content-type": "text/html",
            etag: '"v1"',
            "last-modified": "Tue, 05 Mar 2024 10:00:00 GMT",
          })
          .end("<p>x</p>");
    },
    "/slow": (_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { "content-type": "text/html" }).end("<p>slow</p>");
      }, 250);
    },
  });
});
afterAll(() => server.close());

describe("fetcher on loopback (allowed by FETCH_ALLOW_HOSTS)", () => {
  const fetcher = createFetcher(base);
  afterAll(() => fetcher.close());

  it("fetches a page with a real User-Agent", async () => {
    const r = await fetcher.fetch(server.url("/page"));
    expect(r.text).toContain("Hello");
    expect(r.mediaType).toBe("text/html");
    expect(server.requests.at(-1)?.headers["user-agent"]).toMatch(/^NewsdeskBot\/\S+ \(\+https:/);
  });

  it.each([
    ["/gzip", "zipped ünïcode"],
    ["/br", "brotli"],
    ["/latin1-header", "café naïve €"],
    ["/latin1-meta", "déjà vu"],
    ["/sjis-meta", "日本語のニュース"],
    ["/utf16-bom", "wide"],
    ["/unlabelled-legacy", "Zürich"],
    ["/unknown-charset-utf8", "Qapla’ ünïcode"],
  ])("decodes %s", async (path, expected) => {
    expect((await fetcher.fetch(server.url(path))).text).toContain(expected);
  });

  it("follows redirects and reports the final URL", async () => {
    const r = await fetcher.fetch(server.url("/redirect"));
    expect(r.url).toBe(server.url("/page"));
    expect(r.requestedUrl).toBe(server.url("/redirect"));
  });

  it("does conditional GET with ETag", async () => {
    const first = await fetcher.fetch(server.url("/etag"));
    expect(first.etag).toBe('"v1"');
    expect(first.lastModified).toBe("Tue, 05 Mar 2024 10:00:00 GMT");
    const second = await fetcher.fetch(server.url("/etag"), { etag: first.etag });
    expect(second.notModified).toBe(true);
    expect(second.status).toBe(304);
  });

  it.each([
    ["/404", "not_found", /not found \(HTTP 404\)/],
    ["/410", "gone", /removed \(HTTP 410\)/],
    ["/500", "server_error", /had an error \(HTTP 500\)/],
    ["/403", "access_denied", /login or subscription/],
    ["/pdf", "not_article", /is a PDF document, not an article/],
    ["/pdf-as-html", "not_article", /is a PDF document/],
    ["/png", "not_article", /is an image, not an article/],
    ["/bomb", "too_large", /larger than the limit of 64 KB \(FETCH_MAX_BYTES\)/],
    ["/endless", "too_large", /larger than the limit of 64 KB/],
    ["/huge", "too_large", /larger than the limit/],
    ["/loop", "too_many_redirects", /more than 5 times/],
    ["/to-private", "blocked_address", /10\.0\.0\.7: it is a private address/],
    ["/to-metadata", "blocked_address", /cloud metadata address/],
    ["/to-file", "bad_redirect", /only http and https/],
    [
      "/unknown-charset",
      "decode",
      /in a character set Newsdesk cannot read \("x-klingon"\); paste the article/,
    ],
  ])("%s fails with %s", async (path, code, message) => {
    const err = await failure(fetcher.fetch(server.url(path)));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });

  it("times out a server that never answers, naming the limit", async () => {
    const f = createFetcher({ ...base, timeoutMs: 300 });
    const err = await failure(f.fetch(server.url("/hang")));
    await f.close();
    expect(err.code).toBe("timeout");
    expect(err.message).toMatch(/within 0\.3 s \(FETCH_TIMEOUT_MS\)/);
  });

  it("reports a closed port as a refused connection", async () => {
    const other = await startServer({});
    const url = other.url("/");
    await other.close();
    const err = await failure(fetcher.fetch(url));
    expect(err.code).toBe("connection_refused");
  });

  it("keeps to the per-host concurrency limit", async () => {
    maxInFlight = 0;
    const before = server.requests.length;
    await Promise.all(Array.from({ length: 6 }, () => fetcher.fetch(server.url("/slow"))));
    expect(server.requests.length - before).toBe(6);
    // Without the limit all six would be in flight at once.
    expect(maxInFlight).toBeGreaterThan(0);
    expect(maxInFlight).toBeLessThanOrEqual(2);
  });

  it("gives up on a long Retry-After and keeps the host paused", async () => {
    const s = await startServer({ "/": (_req, res) => res.writeHead(429, { "retry-after": "3600" }).end() });
    const first = await failure(fetcher.fetch(s.url("/")));
    const second = await failure(fetcher.fetch(s.url("/")));
    await s.close();
    expect(first.code).toBe("rate_limited");
    expect(first.message).toMatch(/HTTP 429.*try again in 3600 s/);
    expect(first.details.retryAfterMs).toBe(3_600_000);
    // The second call never reaches the server: the host is paused.
    expect(second.code).toBe("rate_limited");
    expect(s.requests).toHaveLength(1);
  });

  it("waits out a short Retry-After and tries again", async () => {
    let calls = 0;
    const s = await startServer({
      "/": (_req, res) => {
        calls++;
        if (calls === 1) res.writeHead(429, { "retry-after": "0" }).end();
        else res.writeHead(200, { "content-type": "text/html" }).end("<p>ok</p>");
      },
    });
    const r = await fetcher.fetch(s.url("/"));
    await s.close();
    expect(calls).toBe(2);
    expect(r.text).toContain("ok");
  });
});

describe("connect timeout", () => {
  it("gives up on a TLS handshake that never completes, naming the limit", async () => {
    // A TCP server that accepts and then says nothing: the TLS handshake never finishes.
    const silent = createNetServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
    const port = (silent.address() as AddressInfo).port;
    const f = createFetcher({ ...base, connectTimeoutMs: 200 });
    const err = await failure(f.fetch(`https://127.0.0.1:${port}/`));
    await f.close();
    silent.close();
    expect(err.code).toBe("connect_timeout");
    expect(err.message).toMatch(/within 0\.2 s \(FETCH_CONNECT_TIMEOUT_MS\)/);
  });
});

describe("TLS", () => {
  const tlsDir = new URL("../fixtures/ingest/tls/", import.meta.url);
  const key = readFileSync(new URL("key.pem", tlsDir));
  const cert = readFileSync(new URL("cert.pem", tlsDir));
  let tlsServer: TestServer;
  beforeAll(async () => {
    tlsServer = await startServer({ "/": html("<p>secure</p>") }, createHttpsServer({ key, cert }), "https");
  });
  afterAll(() => tlsServer.close());

  it("refuses a certificate it cannot verify", async () => {
    const f = createFetcher(base);
    const err = await failure(f.fetch(tlsServer.url("/")));
    await f.close();
    expect(err.code).toBe("tls");
    expect(err.message).toMatch(/certificate could not be verified/);
  });

  it("fetches over HTTPS when the certificate is trusted", async () => {
    const f = createFetcher({ ...base, ca: cert });
    const r = await f.fetch(tlsServer.url("/"));
    await f.close();
    expect(r.text).toContain("secure");
  });
});
