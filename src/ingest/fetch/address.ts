import ipaddr from "ipaddr.js";

/**
 * Which network addresses Newsdesk may connect to by default. Only public unicast addresses:
 * everything a server-side request forgery would aim at (loopback, private networks, link-local,
 * carrier-grade NAT, cloud metadata, multicast, unspecified, documentation, benchmarking and other
 * special-purpose blocks) is refused unless FETCH_ALLOW_HOSTS lists it.
 *
 * The blocks are IANA's special-purpose registries (iana-ipv4-special-registry,
 * iana-ipv6-special-registry) written out here, not ipaddr.js's range names: its `range()` calls
 * IPv4-compatible IPv6 (`::a.b.c.d`) "unicast", which let `http://[::127.0.0.1]/` through. Every
 * IPv6 form that carries an IPv4 address a router or translator will deliver to (IPv4-mapped,
 * IPv4-compatible, SIIT-translated, NAT64, 6to4) is judged by that embedded IPv4 address.
 */

export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "carrier-grade NAT"
  | "cloud metadata"
  | "multicast"
  | "unspecified"
  | "broadcast"
  | "reserved"
  | "Teredo tunnel"
  | "unique local IPv6"
  | "invalid";

/** Well-known cloud instance-metadata endpoints (AWS/GCP/Azure, AWS IPv6, Alibaba, Oracle). */
const METADATA = new Set(["169.254.169.254", "fd00:ec2::254", "100.100.100.200", "192.0.0.192"]);

type Block = [cidr: string, verdict: AddressClass];

/**
 * IPv4, most specific first. "public" rows are special-purpose blocks the registry marks globally
 * reachable (anycast services); everything not listed is ordinary global unicast.
 */
const V4_BLOCKS: Block[] = [
  ["0.0.0.0/32", "unspecified"],
  ["0.0.0.0/8", "reserved"], // "this network"
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "carrier-grade NAT"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.9/32", "public"], // PCP anycast
  ["192.0.0.10/32", "public"], // TURN anycast
  ["192.0.0.0/24", "reserved"], // IETF protocol assignments (DS-Lite, NAT64 discovery, dummy…)
  ["192.0.2.0/24", "reserved"], // TEST-NET-1
  ["192.31.196.0/24", "public"], // AS112-v4
  ["192.52.193.0/24", "public"], // AMT
  ["192.88.99.0/24", "reserved"], // deprecated 6to4 relay anycast
  ["192.168.0.0/16", "private"],
  ["192.175.48.0/24", "public"], // AS112 direct delegation
  ["198.18.0.0/15", "reserved"], // benchmarking
  ["198.51.100.0/24", "reserved"], // TEST-NET-2
  ["203.0.113.0/24", "reserved"], // TEST-NET-3
  ["224.0.0.0/4", "multicast"],
  ["255.255.255.255/32", "broadcast"],
  ["240.0.0.0/4", "reserved"],
];

/** IPv6 blocks that carry an IPv4 address in their low 32 bits (6to4 is handled apart). */
const V6_EMBEDDING_V4 = ["::ffff:0:0/96", "::/96", "::ffff:0:0:0/96", "64:ff9b::/96"];

/** IPv6, most specific first; anything outside 2000::/3 that is not listed is unallocated. */
const V6_BLOCKS: Block[] = [
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["64:ff9b:1::/48", "private"], // local-use IPv4/IPv6 translation
  ["100::/64", "reserved"], // discard-only
  ["100:0:0:1::/64", "reserved"], // dummy prefix
  ["2001::/32", "Teredo tunnel"], // Teredo: the IPv4 end is a relay, not the target
  ["2001:1::1/128", "public"], // PCP anycast
  ["2001:1::2/128", "public"], // TURN anycast
  ["2001:1::3/128", "public"], // DNS-SD service registration anycast
  ["2001:2::/48", "reserved"], // benchmarking
  ["2001:3::/32", "public"], // AMT
  ["2001:4:112::/48", "public"], // AS112-v6
  ["2001:10::/28", "reserved"], // deprecated ORCHID
  ["2001:20::/28", "reserved"], // ORCHIDv2: identifiers, not locators
  ["2001:30::/28", "public"], // drone remote ID
  ["2001::/23", "reserved"], // the rest of the IETF protocol assignments
  ["2001:db8::/32", "reserved"], // documentation
  ["2620:4f:8000::/48", "public"], // AS112 direct delegation
  ["3fff::/20", "reserved"], // documentation
  ["5f00::/16", "reserved"], // SRv6 SIDs
  ["fc00::/7", "unique local IPv6"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "private"], // deprecated site-local
  ["ff00::/8", "multicast"],
];

const parsedBlocks = <T extends ipaddr.IPv4 | ipaddr.IPv6>(blocks: Block[]) =>
  blocks.map(([cidr, verdict]) => ({ range: ipaddr.parseCIDR(cidr) as [T, number], verdict }));
const V4 = parsedBlocks<ipaddr.IPv4>(V4_BLOCKS);
const V6 = parsedBlocks<ipaddr.IPv6>(V6_BLOCKS);
const V6_EMBEDDING = V6_EMBEDDING_V4.map((c) => ipaddr.parseCIDR(c) as [ipaddr.IPv6, number]);
const SIX_TO_FOUR = ipaddr.parseCIDR("2002::/16") as [ipaddr.IPv6, number];
const GLOBAL_UNICAST = ipaddr.parseCIDR("2000::/3") as [ipaddr.IPv6, number];

/**
 * Parses an IP address the way the URL parser and the network stack read it, including the odd
 * IPv4 spellings (`2130706433`, `0x7f000001`, `0177.0.0.1`, `127.1`) and bracketed IPv6.
 * Returns undefined for anything that is not an IP address (a host name).
 */
export function parseIp(input: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  let s = input.trim();
  if (s.startsWith("[") && s.endsWith("]")) s = s.slice(1, -1);
  // Zone ids ("fe80::1%eth0") do not change the address class.
  s = s.replace(/%.*$/, "");
  if (ipaddr.IPv6.isValid(s)) return ipaddr.IPv6.parse(s);
  if (/^[0-9a-fA-FxX.]+$/.test(s) && /\d/.test(s)) {
    // The WHATWG URL parser implements exactly the inet_aton forms browsers and libc accept.
    try {
      const host = new URL(`http://${s}/`).hostname;
      if (ipaddr.IPv4.isValidFourPartDecimal(host)) return ipaddr.IPv4.parse(host);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The IPv4 address an IPv6 address delivers to, for the forms that embed one. */
function embeddedIpv4(addr: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const b = addr.toByteArray();
  // ::/128 and ::1/128 sit inside ::/96 but are IPv6's own unspecified and loopback.
  if (addr.match(ipaddr.parseCIDR("::/127") as [ipaddr.IPv6, number])) return undefined;
  if (V6_EMBEDDING.some((r) => addr.match(r))) return new ipaddr.IPv4(b.slice(12, 16));
  if (addr.match(SIX_TO_FOUR)) return new ipaddr.IPv4(b.slice(2, 6));
  return undefined;
}

function classifyV4(addr: ipaddr.IPv4): AddressClass {
  if (METADATA.has(addr.toString())) return "cloud metadata";
  return V4.find((b) => addr.match(b.range))?.verdict ?? "public";
}

function classifyV6(addr: ipaddr.IPv6): AddressClass {
  const v4 = embeddedIpv4(addr);
  if (v4) return classifyV4(v4);
  if (METADATA.has(addr.toNormalizedString()) || METADATA.has(addr.toString())) return "cloud metadata";
  const listed = V6.find((b) => addr.match(b.range))?.verdict;
  if (listed) return listed;
  return addr.match(GLOBAL_UNICAST) ? "public" : "reserved";
}

/** The class of an address; IPv6 forms that embed an IPv4 address are judged as that address. */
export function classifyAddress(input: string): AddressClass {
  const parsed = parseIp(input);
  if (!parsed) return "invalid";
  return parsed.kind() === "ipv4" ? classifyV4(parsed as ipaddr.IPv4) : classifyV6(parsed as ipaddr.IPv6);
}

export function isPublicAddress(input: string): boolean {
  return classifyAddress(input) === "public";
}
