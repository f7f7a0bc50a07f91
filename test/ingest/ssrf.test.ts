import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyAddress } from "../../src/ingest/fetch/address.js";
import { AllowListError, parseAllowList } from "../../src/ingest/fetch/allow-list.js";
import { FetchError } from "../../src/ingest/fetch/errors.js";
import { createFetcher, type FetcherOptions } from "../../src/ingest/fetch/fetcher.js";
import type { Resolver } from "../../src/ingest/fetch/safe-lookup.js";
import { html, startServer, type TestServer } from "./helpers/server.js";

const defaults: FetcherOptions = {
  timeoutMs: 10_000,
  connectTimeoutMs: 5000,
  maxBytes: 64 * 1024,
  perHostConcurrency: 2,
};

/** A name-resolution stand-in: maps names to chosen addresses, no DNS involved. */
function resolverOf(table: Record<string, string[]>, calls: string[] = []): Resolver {
  return async (hostname) => {
    calls.push(hostname);
    const addrs = table[hostname];
    if (!addrs) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return addrs.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof FetchError) return err;
    throw err;
  }
  throw new Error("expected the fetch to fail");
}

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["2130706433", "loopback"],
    ["0x7f000001", "loopback"],
    ["127.1", "loopback"],
    ["0177.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.5.4", "private"],
    ["192.168.0.1", "private"],
    ["::ffff:192.168.0.1", "private"],
    ["169.254.10.1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["169.254.169.254", "cloud metadata"],
    ["fd00:ec2::254", "cloud metadata"],
    ["100.100.100.200", "cloud metadata"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.1", "reserved"],
    ["240.0.0.1", "reserved"],
    ["fc00::1", "unique local IPv6"],
    ["64:ff9b::a00:1", "private"],
    ["2002:a00:1::", "private"],
    ["93.184.216.34", "public"],
    ["2606:4700::1111", "public"],
    ["news.example", "invalid"],
  ])("%s is %s", (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });
});

describe("the default fetcher refuses every non-public address class", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ "/": html("<p>internal</p>") });
  });
  const fetcher = createFetcher({
    ...defaults,
    resolver: resolverOf({
      "intranet.test": ["10.0.0.5"],
      "mixed.test": ["93.184.216.34", "127.0.0.1"],
      "mapped.test": ["::ffff:10.0.0.1"],
      "metadata.test": ["169.254.169.254"],
      "v6local.test": ["fd12:3456::1"],
    }),
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });

  it.each([
    ["127.0.0.1", "loopback"],
    ["2130706433", "loopback"],
    ["0x7f000001", "loopback"],
    ["127.1", "loopback"],
    ["0177.0.0.1", "loopback"],
    ["[::1]", "loopback"],
    ["[::ffff:127.0.0.1]", "loopback"],
    // IPv4-compatible (deprecated) and NAT64 spellings: the URL parser rewrites them to ::7f00:1
    // and 64:ff9b::7f00:1, which ipaddr.js alone calls unicast.
    ["[::127.0.0.1]", "loopback"],
    ["[64:ff9b::127.0.0.1]", "loopback"],
    ["[2002:7f00:1::]", "loopback"],
  ])("loopback spelled %s", async (host, cls) => {
    const err = await failure(fetcher.fetch(`http://${host}:${server.port}/`));
    expect(err.code).toBe("blocked_address");
    expect(err.message).toContain(`it is a ${cls} address`);
    expect(err.message).toContain("FETCH_ALLOW_HOSTS");
    expect(server.requests).toHaveLength(0);
  });

  it("localhost through real name resolution", async () => {
    const real = createFetcher(defaults);
    const err = await failure(real.fetch(`http://localhost:${server.port}/`));
    await real.close();
    expect(err.code).toBe("blocked_address");
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["http://10.1.2.3/", "private"],
    ["http://172.16.0.1/", "private"],
    ["http://192.168.1.1/", "private"],
    ["http://169.254.169.254/latest/meta-data/", "cloud metadata"],
    ["http://100.64.0.1/", "carrier-grade NAT"],
    ["http://224.0.0.1/", "multicast"],
    ["http://0.0.0.0/", "unspecified"],
    ["http://[fe80::1]/", "link-local"],
    ["http://[fc00::1]/", "unique local IPv6"],
    ["http://[ff02::1]/", "multicast"],
    ["http://[::]/", "unspecified"],
    ["http://[64:ff9b::a00:1]/", "private"],
    ["http://[::10.0.0.7]/", "private"],
    ["http://[::169.254.169.254]/", "cloud metadata"],
    ["http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "Teredo tunnel"],
    ["http://intranet.test/", "private"],
    ["http://mixed.test/", "loopback"],
    ["http://mapped.test/", "private"],
    ["http://metadata.test/", "cloud metadata"],
    ["http://v6local.test/", "unique local IPv6"],
  ])("%s (%s)", async (url, cls) => {
    const err = await failure(fetcher.fetch(url));
    expect(err.code).toBe("blocked_address");
    expect(err.message).toContain(`${cls} address`);
  });

  it.each([
    ["ftp://example.com/file", "unsupported_scheme", /only http and https/],
    ["file:///etc/passwd", "unsupported_scheme", /only http and https/],
    ["not a url", "invalid_url", /not a valid URL/],
    ["http://user:pw@example.com/", "invalid_url", /user name or password/],
    ["http://nowhere.test/", "dns", /does not exist/],
  ])("%s fails with %s", async (url, code, message) => {
    const err = await failure(fetcher.fetch(url));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });
});

describe("FETCH_ALLOW_HOSTS", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      "/": html("<p>intranet news</p>"),
      "/to-literal": (_req, res) =>
        res.writeHead(302, { location: `http://127.0.0.1:${server.port}/` }).end(),
    });
  });
  afterAll(() => server.close());

  it("allows a listed host name and connects to the address that was checked", async () => {
    const calls: string[] = [];
    const f = createFetcher({
      ...defaults,
      allowHosts: "news.test",
      resolver: resolverOf({ "news.test": ["127.0.0.1"] }, calls),
    });
    const r = await f.fetch(`http://news.test:${server.port}/`);
    await f.close();
    expect(r.text).toContain("intranet news");
    // One resolution, used for both the check and the connection: no rebinding window.
    expect(calls).toEqual(["news.test"]);
    expect(server.requests.at(-1)?.headers.host).toBe(`news.test:${server.port}`);
  });

  it("re-checks redirects: a listed name does not allow a redirect to an unlisted address", async () => {
    const f = createFetcher({
      ...defaults,
      allowHosts: "news.test",
      resolver: resolverOf({ "news.test": ["127.0.0.1"] }),
    });
    const err = await failure(f.fetch(`http://news.test:${server.port}/to-literal`));
    await f.close();
    expect(err.code).toBe("blocked_address");
  });

  it.each(["127.0.0.1", "127.0.0.0/8", "::ffff:127.0.0.1", " 10.0.0.0/8 , 127.0.0.1/32 "])(
    "allows loopback listed as %s",
    async (spec) => {
      const f = createFetcher({ ...defaults, allowHosts: spec });
      const r = await f.fetch(`http://127.0.0.1:${server.port}/`);
      await f.close();
      expect(r.text).toContain("intranet news");
    },
  );

  it("a listed range does not allow other private ranges", () => {
    const allow = parseAllowList("10.0.0.0/8");
    expect(allow.allowsAddress("10.9.9.9")).toBe(true);
    expect(allow.allowsAddress("::ffff:10.9.9.9")).toBe(true);
    expect(allow.allowsAddress("192.168.0.1")).toBe(false);
    expect(parseAllowList("*.corp.test").allowsHost("news.corp.test")).toBe(true);
    expect(parseAllowList("*.corp.test").allowsHost("corp.test.evil")).toBe(false);
  });

  it.each(["10.0.0.0/99", "bad host!"])("rejects the entry %s with a clear message", (spec) => {
    expect(() => parseAllowList(spec)).toThrow(AllowListError);
    expect(() => parseAllowList(spec)).toThrow(/FETCH_ALLOW_HOSTS/);
  });
});
