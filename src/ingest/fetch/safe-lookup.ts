import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { classifyAddress } from "./address.js";
import type { AllowList } from "./allow-list.js";
import { FetchError } from "./errors.js";

/** Name resolution as a replaceable edge: tests resolve names to chosen addresses without DNS. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    );
  });

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net/tls.connect that resolves the name and refuses it when any address it
 * resolves to is not public (unless FETCH_ALLOW_HOSTS lists the name or the address). The socket
 * then connects to exactly the addresses checked here, so a DNS answer that changes between a
 * check and the connection (DNS rebinding) cannot slip through.
 */
export function createSafeLookup(allow: AllowList, resolver: Resolver) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number | string },
    callback: LookupCallback,
  ) => {
    resolveChecked(hostname, allow, resolver).then(
      (addresses) => {
        const wanted =
          options.family === 4 || options.family === 6
            ? addresses.filter((a) => a.family === options.family)
            : addresses;
        const list = wanted.length ? wanted : addresses;
        if (options.all) callback(null, list);
        else callback(null, list[0].address, list[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ""),
    );
  };
}

export async function resolveChecked(
  hostname: string,
  allow: AllowList,
  resolver: Resolver,
): Promise<LookupAddress[]> {
  let addresses: LookupAddress[];
  try {
    addresses = await resolver(hostname);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FetchError(
      "dns",
      code === "ENOTFOUND" || code === "ENODATA"
        ? `the host ${hostname} does not exist (DNS found no address for it)`
        : `could not look up the host ${hostname} (${code ?? (err as Error).message})`,
    );
  }
  if (addresses.length === 0)
    throw new FetchError("dns", `the host ${hostname} does not exist (DNS found no address for it)`);
  if (allow.allowsHost(hostname)) return addresses;
  for (const a of addresses) {
    const cls = classifyAddress(a.address);
    if (cls !== "public" && !allow.allowsAddress(a.address)) throw blockedError(hostname, a.address, cls);
  }
  return addresses;
}

export function blockedError(host: string, address: string, cls: string): FetchError {
  const where = host === address ? address : `${host} (${address})`;
  return new FetchError(
    "blocked_address",
    `refusing to fetch ${where}: it is a ${cls} address, not a public web site (an administrator can allow it with FETCH_ALLOW_HOSTS)`,
  );
}
