// SSRF guard for cloud crawls: only public unicast addresses may be reached, checked on the
// address we actually connect to (after DNS resolution) and again on every redirect hop.
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";

export class BlockedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(
      `Refused to crawl ${host}${host === address ? "" : ` (${address})`}: ${describeRange(range)} addresses are blocked for cloud crawls (SSRF protection). Use a customer agent for private networks.`,
    );
    this.name = "BlockedAddressError";
  }
}

function describeRange(range: string): string {
  const names: Record<string, string> = {
    loopback: "loopback",
    private: "private-network",
    linkLocal: "link-local and cloud-metadata",
    uniqueLocal: "private-network (IPv6 unique local)",
    unspecified: "unspecified",
    carrierGradeNat: "carrier-grade NAT",
    multicast: "multicast",
    broadcast: "broadcast",
    reserved: "reserved",
  };
  return names[range] ?? `non-public (${range})`;
}

/** The range of an address ("unicast" is the only public one), with IPv4-mapped IPv6 unwrapped. */
export function addressRange(address: string): string {
  try {
    return ipaddr.process(address).range();
  } catch {
    return "invalid";
  }
}

export function isPublicAddress(address: string): boolean {
  return addressRange(address) === "unicast";
}

/** Hosts exempt from the guard (exact host names or literal IPs). */
export type GuardOptions = { allowPrivate: boolean; allowHosts?: readonly string[] };

function exempt(host: string, o: GuardOptions) {
  return o.allowPrivate || (o.allowHosts ?? []).includes(host);
}

/** Throws BlockedAddressError for a literal IP host that is not public (names go through DNS). */
export function assertHostAllowed(hostname: string, o: GuardOptions): void {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (exempt(host, o)) return;
  if (net.isIP(host) && !isPublicAddress(host))
    throw new BlockedAddressError(host, host, addressRange(host));
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for http.request that resolves, then refuses any non-public address. */
export function guardedLookup(o: GuardOptions) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const list = addresses as dns.LookupAddress[];
      if (!exempt(hostname, o)) {
        const bad = list.find((a) => !isPublicAddress(a.address));
        if (bad)
          return callback(
            new BlockedAddressError(hostname, bad.address, addressRange(bad.address)),
            "",
          );
      }
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`No address for ${hostname}`), "");
      callback(null, first.address, first.family);
    });
  };
}
