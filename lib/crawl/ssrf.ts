// SSRF guard for cloud crawls: only public unicast addresses may be reached, checked on the
// address we actually connect to (after DNS resolution) and again on every redirect hop.
import dns from "node:dns";
import net from "node:net";
import { classifyAddress, describeAddressClass, isPublicAddress } from "@/lib/net/classify-address";

export class BlockedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
    description = describeAddressClass(classifyAddress(address)),
  ) {
    super(
      `Refused to crawl ${host}${host === address ? "" : ` (${address})`}: ${description} addresses are blocked for cloud crawls (SSRF protection). Use a customer agent for private networks.`,
    );
    this.name = "BlockedAddressError";
  }
}

/** The range of an address ("unicast" is the only public one); see lib/net/classify-address. */
export function addressRange(address: string): string {
  return classifyAddress(address).range;
}

export { isPublicAddress };

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
