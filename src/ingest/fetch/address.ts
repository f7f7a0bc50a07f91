import ipaddr from "ipaddr.js";

/**
 * Which network addresses Newsdesk may connect to by default. Only public unicast addresses:
 * everything a server-side request forgery would aim at (loopback, private networks, link-local,
 * carrier-grade NAT, cloud metadata, multicast, unspecified, reserved and the IPv6 ranges that
 * embed or translate IPv4) is refused unless FETCH_ALLOW_HOSTS lists it.
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
  | "IPv4-translated IPv6"
  | "unique local IPv6"
  | "invalid";

/** Well-known cloud instance-metadata endpoints (AWS/GCP/Azure, AWS IPv6, Alibaba, Oracle). */
const METADATA = new Set(["169.254.169.254", "fd00:ec2::254", "100.100.100.200", "192.0.0.192"]);

const V4_CLASSES: Record<string, AddressClass> = {
  unicast: "public",
  loopback: "loopback",
  private: "private",
  linkLocal: "link-local",
  carrierGradeNat: "carrier-grade NAT",
  multicast: "multicast",
  unspecified: "unspecified",
  broadcast: "broadcast",
};

const V6_CLASSES: Record<string, AddressClass> = {
  unicast: "public",
  loopback: "loopback",
  linkLocal: "link-local",
  multicast: "multicast",
  unspecified: "unspecified",
  uniqueLocal: "unique local IPv6",
  deprecatedSiteLocal: "private",
  rfc6145: "IPv4-translated IPv6",
  rfc6052: "IPv4-translated IPv6",
  "6to4": "IPv4-translated IPv6",
  teredo: "IPv4-translated IPv6",
};

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

/** The class of an address; IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is judged as its IPv4. */
export function classifyAddress(input: string): AddressClass {
  const parsed = parseIp(input);
  if (!parsed) return "invalid";
  let addr: ipaddr.IPv4 | ipaddr.IPv6 = parsed;
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  }
  if (METADATA.has(addr.toNormalizedString()) || METADATA.has(addr.toString())) return "cloud metadata";
  const range = addr.range();
  const table = addr.kind() === "ipv4" ? V4_CLASSES : V6_CLASSES;
  return table[range] ?? "reserved";
}

export function isPublicAddress(input: string): boolean {
  return classifyAddress(input) === "public";
}
