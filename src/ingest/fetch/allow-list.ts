import ipaddr from "ipaddr.js";
import { parseIp } from "./address.js";

/**
 * FETCH_ALLOW_HOSTS: comma-separated host names, IP addresses or CIDR ranges that may be fetched
 * even though they resolve to non-public addresses (an intranet news site; loopback in tests).
 * A listed host name allows whatever it resolves to; a listed IP or range allows those addresses
 * for any host name.
 */
export interface AllowList {
  /** Whether this host name (lower case, no brackets) is listed by name. */
  allowsHost(hostname: string): boolean;
  /** Whether this IP address is listed or inside a listed range. */
  allowsAddress(address: string): boolean;
  readonly empty: boolean;
}

export class AllowListError extends Error {
  override name = "AllowListError";
}

export function parseAllowList(spec: string | undefined): AllowList {
  const hosts = new Set<string>();
  const ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];
  for (const raw of (spec ?? "").split(",")) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry.includes("/")) {
      try {
        const [addr, bits] = ipaddr.parseCIDR(entry);
        ranges.push([
          unmap(addr),
          addr.kind() === "ipv6" && unmap(addr).kind() === "ipv4" ? bits - 96 : bits,
        ]);
      } catch {
        throw new AllowListError(`FETCH_ALLOW_HOSTS: "${raw.trim()}" is not a valid CIDR range`);
      }
      continue;
    }
    const ip = parseIp(entry);
    if (ip) {
      const u = unmap(ip);
      ranges.push([u, u.kind() === "ipv4" ? 32 : 128]);
    } else if (/^[a-z0-9.-]+$/.test(entry.replace(/^\*\./, ""))) {
      hosts.add(entry.replace(/\.$/, ""));
    } else {
      throw new AllowListError(
        `FETCH_ALLOW_HOSTS: "${raw.trim()}" is not a host name, IP address or CIDR range`,
      );
    }
  }
  return {
    empty: hosts.size === 0 && ranges.length === 0,
    allowsHost(hostname) {
      const h = hostname
        .toLowerCase()
        .replace(/^\[|\]$/g, "")
        .replace(/\.$/, "");
      if (hosts.has(h)) return true;
      // "*.corp.example" allows every subdomain of corp.example.
      for (const entry of hosts) {
        if (entry.startsWith("*.") && h.endsWith(entry.slice(1))) return true;
      }
      return false;
    },
    allowsAddress(address) {
      const ip = parseIp(address);
      if (!ip) return false;
      const u = unmap(ip);
      return ranges.some(([range, bits]) => range.kind() === u.kind() && u.match(range, bits));
    },
  };
}

function unmap(addr: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()
    ? (addr as ipaddr.IPv6).toIPv4Address()
    : addr;
}
