// SSRF guard for cloud crawls: only public unicast addresses may be reached, checked on the
// address we actually connect to (after DNS resolution) and again on every redirect hop.
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
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

/** Thrown for a cloud-metadata address when the guard refuses them (agent crawls). */
export class MetadataAddressError extends BlockedAddressError {
  constructor(host: string, address: string) {
    super(host, address, "metadata");
    this.message = `Refused to crawl ${host}${host === address ? "" : ` (${address})`}: cloud-metadata addresses are blocked for agent crawls (SSRF protection). Start the agent with --allow-metadata to allow them.`;
  }
}

// Where clouds serve instance metadata and credentials: the IPv4 link-local block (AWS, GCP,
// Azure, ECS task metadata 169.254.170.2, …), Alibaba's 100.100.100.200, Oracle's 192.0.0.192,
// and AWS's IPv6 endpoint — also when embedded in an IPv6 form.
const METADATA_RANGES: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [
  ipaddr.parseCIDR("169.254.0.0/16"),
  ipaddr.parseCIDR("100.100.100.200/32"),
  ipaddr.parseCIDR("192.0.0.192/32"),
  ipaddr.parseCIDR("fd00:ec2::/64"),
];

/** True for cloud-metadata addresses (see METADATA_RANGES), whatever form carries them. */
export function isMetadataAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return false;
  }
  const inner = classifyAddress(address).embedded?.ipv4;
  const candidates = inner ? [parsed, ipaddr.IPv4.parse(inner)] : [parsed];
  return candidates.some((a) =>
    METADATA_RANGES.some(([net, bits]) => a.kind() === net.kind() && a.match(net, bits)),
  );
}

/** The range of an address ("unicast" is the only public one); see lib/net/classify-address. */
export function addressRange(address: string): string {
  return classifyAddress(address).range;
}

export { isPublicAddress };

/**
 * Hosts exempt from the guard (exact host names or literal IPs). `refuseMetadata`: even with
 * private networks allowed (customer agents), refuse cloud-metadata addresses.
 */
export type GuardOptions = {
  allowPrivate: boolean;
  allowHosts?: readonly string[];
  refuseMetadata?: boolean;
};

function metadataRefused(host: string, address: string, o: GuardOptions) {
  return (
    o.refuseMetadata === true && !(o.allowHosts ?? []).includes(host) && isMetadataAddress(address)
  );
}

function exempt(host: string, o: GuardOptions) {
  return o.allowPrivate || (o.allowHosts ?? []).includes(host);
}

/** Throws BlockedAddressError for a literal IP host that is not public (names go through DNS). */
export function assertHostAllowed(hostname: string, o: GuardOptions): void {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && metadataRefused(host, host, o)) throw new MetadataAddressError(host, host);
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
      const meta = list.find((a) => metadataRefused(hostname, a.address, o));
      if (meta) return callback(new MetadataAddressError(hostname, meta.address), "");
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
