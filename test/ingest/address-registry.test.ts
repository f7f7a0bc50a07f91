import { describe, expect, it } from "vitest";
import { type AddressClass, classifyAddress } from "../../src/ingest/fetch/address.js";

/**
 * Every block of IANA's IPv4 and IPv6 special-purpose address registries (as of 2026), one address
 * inside each, with the verdict the fetcher gives it. "public" only where the registry marks the
 * block globally reachable and it is a real destination (anycast services); everything else is
 * refused. Plus each IPv6 form that embeds an IPv4 address, judged by the IPv4 inside.
 */
const V4_REGISTRY: [block: string, sample: string, verdict: AddressClass][] = [
  ["0.0.0.0/8 this network", "0.1.2.3", "reserved"],
  ["0.0.0.0/32 this host", "0.0.0.0", "unspecified"],
  ["10.0.0.0/8 private-use", "10.200.0.1", "private"],
  ["100.64.0.0/10 shared address space", "100.127.255.254", "carrier-grade NAT"],
  ["127.0.0.0/8 loopback", "127.255.0.9", "loopback"],
  ["169.254.0.0/16 link local", "169.254.3.4", "link-local"],
  ["169.254.169.254 cloud metadata", "169.254.169.254", "cloud metadata"],
  ["172.16.0.0/12 private-use", "172.31.255.1", "private"],
  ["192.0.0.0/24 IETF protocol assignments", "192.0.0.200", "reserved"],
  ["192.0.0.0/29 IPv4 service continuity", "192.0.0.1", "reserved"],
  ["192.0.0.8/32 IPv4 dummy address", "192.0.0.8", "reserved"],
  ["192.0.0.9/32 port control protocol anycast", "192.0.0.9", "public"],
  ["192.0.0.10/32 TURN anycast", "192.0.0.10", "public"],
  ["192.0.0.170/32 NAT64/DNS64 discovery", "192.0.0.170", "reserved"],
  ["192.0.0.171/32 NAT64/DNS64 discovery", "192.0.0.171", "reserved"],
  ["192.0.0.192 Oracle metadata", "192.0.0.192", "cloud metadata"],
  ["192.0.2.0/24 documentation TEST-NET-1", "192.0.2.55", "reserved"],
  ["192.31.196.0/24 AS112-v4", "192.31.196.1", "public"],
  ["192.52.193.0/24 AMT", "192.52.193.1", "public"],
  ["192.88.99.0/24 deprecated 6to4 relay anycast", "192.88.99.1", "reserved"],
  ["192.168.0.0/16 private-use", "192.168.100.1", "private"],
  ["192.175.48.0/24 direct delegation AS112", "192.175.48.6", "public"],
  ["198.18.0.0/15 benchmarking", "198.19.1.1", "reserved"],
  ["198.51.100.0/24 documentation TEST-NET-2", "198.51.100.7", "reserved"],
  ["203.0.113.0/24 documentation TEST-NET-3", "203.0.113.9", "reserved"],
  ["224.0.0.0/4 multicast", "239.1.2.3", "multicast"],
  ["240.0.0.0/4 reserved", "250.1.2.3", "reserved"],
  ["255.255.255.255/32 limited broadcast", "255.255.255.255", "broadcast"],
  ["100.100.100.200 Alibaba metadata", "100.100.100.200", "cloud metadata"],
  ["ordinary unicast", "93.184.216.34", "public"],
  ["ordinary unicast next to a block", "172.32.0.1", "public"],
];

const V6_REGISTRY: [block: string, sample: string, verdict: AddressClass][] = [
  ["::1/128 loopback", "::1", "loopback"],
  ["::/128 unspecified", "::", "unspecified"],
  ["::ffff:0:0/96 IPv4-mapped", "::ffff:8.8.8.8", "public"],
  ["64:ff9b::/96 IPv4-IPv6 translation", "64:ff9b::8.8.8.8", "public"],
  ["64:ff9b:1::/48 local-use translation", "64:ff9b:1::8.8.8.8", "private"],
  ["100::/64 discard-only", "100::1", "reserved"],
  ["100:0:0:1::/64 dummy prefix", "100:0:0:1::1", "reserved"],
  ["2001::/23 IETF protocol assignments", "2001:100::1", "reserved"],
  ["2001::/32 Teredo", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo tunnel"],
  ["2001:1::1/128 port control protocol anycast", "2001:1::1", "public"],
  ["2001:1::2/128 TURN anycast", "2001:1::2", "public"],
  ["2001:1::3/128 DNS-SD service registration anycast", "2001:1::3", "public"],
  ["2001:2::/48 benchmarking", "2001:2::5", "reserved"],
  ["2001:3::/32 AMT", "2001:3::1", "public"],
  ["2001:4:112::/48 AS112-v6", "2001:4:112::1", "public"],
  ["2001:10::/28 deprecated ORCHID", "2001:10::1", "reserved"],
  ["2001:20::/28 ORCHIDv2", "2001:20::1", "reserved"],
  ["2001:30::/28 drone remote ID", "2001:30::1", "public"],
  ["2001:db8::/32 documentation", "2001:db8::1", "reserved"],
  ["2002::/16 6to4 (public IPv4 inside)", "2002:808:808::1", "public"],
  ["2620:4f:8000::/48 direct delegation AS112", "2620:4f:8000::1", "public"],
  ["3fff::/20 documentation", "3fff:1::1", "reserved"],
  ["5f00::/16 segment routing SIDs", "5f00::1", "reserved"],
  ["fc00::/7 unique local", "fd12:3456::1", "unique local IPv6"],
  ["fd00:ec2::254 AWS metadata", "fd00:ec2::254", "cloud metadata"],
  ["fe80::/10 link-local", "fe80::abcd", "link-local"],
  ["fec0::/10 deprecated site-local", "fec0::1", "private"],
  ["ff00::/8 multicast", "ff05::2", "multicast"],
  ["outside 2000::/3, unallocated", "4000::1", "reserved"],
  ["ordinary global unicast", "2606:4700::1111", "public"],
];

/** IPv6 spellings that carry an IPv4 address, each judged by what is inside. */
const EMBEDDED: [form: string, sample: string, verdict: AddressClass][] = [
  ["IPv4-compatible loopback", "::127.0.0.1", "loopback"],
  ["IPv4-compatible, as the URL parser rewrites it", "::7f00:1", "loopback"],
  ["IPv4-compatible private", "::10.0.0.7", "private"],
  ["IPv4-compatible metadata", "::169.254.169.254", "cloud metadata"],
  ["IPv4-mapped loopback", "::ffff:127.0.0.1", "loopback"],
  ["IPv4-mapped private, hex", "::ffff:a00:1", "private"],
  ["SIIT IPv4-translated", "::ffff:0:127.0.0.1", "loopback"],
  ["NAT64 loopback", "64:ff9b::127.0.0.1", "loopback"],
  ["NAT64 private", "64:ff9b::a00:7", "private"],
  ["NAT64 link-local", "64:ff9b::169.254.1.1", "link-local"],
  ["NAT64 metadata", "64:ff9b::a9fe:a9fe", "cloud metadata"],
  ["6to4 loopback", "2002:7f00:1::", "loopback"],
  ["6to4 private", "2002:c0a8:101::1", "private"],
  ["6to4 carrier-grade NAT", "2002:6440:1::", "carrier-grade NAT"],
  ["bracketed with a zone id", "[::127.0.0.1%eth0]", "loopback"],
];

describe("IANA special-purpose registries", () => {
  it.each(V4_REGISTRY)("IPv4 %s: %s is %s", (_block, sample, verdict) => {
    expect(classifyAddress(sample)).toBe(verdict);
  });
  it.each(V6_REGISTRY)("IPv6 %s: %s is %s", (_block, sample, verdict) => {
    expect(classifyAddress(sample)).toBe(verdict);
  });
  it.each(EMBEDDED)("%s: %s is %s", (_form, sample, verdict) => {
    expect(classifyAddress(sample)).toBe(verdict);
  });
});
