// Classifies an IP address for outbound-request guards (cloud crawls today, webhook URLs next):
// only "unicast" is public. IPv6 forms that carry an IPv4 address are judged by the IPv4 inside,
// because a host that routes them (a NAT64 gateway, a 6to4 relay, a dual-stack kernel) delivers
// the packet to that IPv4 — `[::127.0.0.1]` must be as refused as `127.0.0.1`.
import ipaddr from "ipaddr.js";

/** The IPv6 forms that embed an IPv4 address. */
export type EmbeddingForm =
  | "ipv4Compatible" // ::a.b.c.d (::/96, deprecated by RFC 4291)
  | "ipv4Mapped" // ::ffff:a.b.c.d (::ffff:0:0/96)
  | "ipv4Translated" // ::ffff:0:a.b.c.d (::ffff:0:0:0/96, RFC 6145)
  | "nat64" // 64:ff9b::a.b.c.d (64:ff9b::/96, RFC 6052)
  | "nat64LocalUse" // 64:ff9b:1::/48 (RFC 8215)
  | "sixToFour" // 2002:aabb:ccdd::/48 (2002::/16, RFC 3056)
  | "teredo"; // 2001:0::/32, client IPv4 inverted in the last 32 bits (RFC 4380)

export type AddressClass = {
  /** ipaddr.js range names ("unicast" = public), or "invalid". */
  range: string;
  /** Present when the range was decided by, or because of, an embedded IPv4. */
  embedded?: { form: EmbeddingForm; ipv4: string | null };
};

const zero = (bytes: number[], from: number, to: number) =>
  bytes.slice(from, to).every((b) => b === 0);

const ipv4At = (bytes: number[], offset: number, invert = false) =>
  bytes
    .slice(offset, offset + 4)
    .map((b) => (invert ? ~b & 0xff : b))
    .join(".");

/** The embedded IPv4 of an IPv6 address (null IPv4: a form we refuse without reading it). */
function embeddedIPv4(bytes: number[]): { form: EmbeddingForm; ipv4: string | null } | null {
  const word = (i: number) => ((bytes[i * 2] ?? 0) << 8) | (bytes[i * 2 + 1] ?? 0);
  if (zero(bytes, 0, 10) && word(5) === 0xffff)
    return { form: "ipv4Mapped", ipv4: ipv4At(bytes, 12) };
  if (zero(bytes, 0, 8) && word(4) === 0xffff && word(5) === 0)
    return { form: "ipv4Translated", ipv4: ipv4At(bytes, 12) };
  if (zero(bytes, 0, 12)) return { form: "ipv4Compatible", ipv4: ipv4At(bytes, 12) };
  if (word(0) === 0x64 && word(1) === 0xff9b && zero(bytes, 4, 12))
    return { form: "nat64", ipv4: ipv4At(bytes, 12) };
  // The local-use prefix may embed the IPv4 at several offsets (RFC 6052 §2.2, prefixes /48 to
  // /96) and is never globally routed: refused whatever it carries.
  if (word(0) === 0x64 && word(1) === 0xff9b && word(2) === 1)
    return { form: "nat64LocalUse", ipv4: null };
  if (word(0) === 0x2002) return { form: "sixToFour", ipv4: ipv4At(bytes, 2) };
  if (word(0) === 0x2001 && word(1) === 0) return { form: "teredo", ipv4: ipv4At(bytes, 12, true) };
  return null;
}

/** Forms refused even when the IPv4 they carry is public. */
const ALWAYS_REFUSED: ReadonlySet<EmbeddingForm> = new Set([
  // Deprecated; no public service is reached this way, and kernels differ in how they route it.
  "ipv4Compatible",
  "nat64LocalUse",
  // A Teredo address is reached through a relay that we do not control: refused outright.
  "teredo",
]);

export function classifyAddress(address: string): AddressClass {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return { range: "invalid" };
  }
  if (parsed.kind() === "ipv4") return { range: parsed.range() };
  const own = parsed.range();
  // ::1 and :: sit inside ::/96 but are IPv6's own loopback and unspecified addresses.
  if (own === "loopback" || own === "unspecified") return { range: own };
  const embedded = embeddedIPv4((parsed as ipaddr.IPv6).toByteArray());
  if (!embedded) return { range: own };
  if (embedded.ipv4 === null) return { range: embedded.form, embedded };
  const inner = ipaddr.IPv4.parse(embedded.ipv4).range();
  if (inner !== "unicast") return { range: inner, embedded };
  if (ALWAYS_REFUSED.has(embedded.form)) return { range: embedded.form, embedded };
  // A public IPv4 in the mapped form is that public address. The other forms keep the range
  // ipaddr.js gives them (6to4, rfc6052, rfc6145: not "unicast", so refused, as before).
  return { range: embedded.form === "ipv4Mapped" ? "unicast" : own, embedded };
}

/** Only ordinary public unicast addresses (IPv4, IPv6, or IPv4-mapped public IPv4) pass. */
export function isPublicAddress(address: string): boolean {
  return classifyAddress(address).range === "unicast";
}

const FORM_NAMES: Record<EmbeddingForm, string> = {
  ipv4Compatible: "IPv4-compatible IPv6",
  ipv4Mapped: "IPv4-mapped IPv6",
  ipv4Translated: "IPv4-translated IPv6",
  nat64: "NAT64",
  nat64LocalUse: "NAT64 local-use",
  sixToFour: "6to4",
  teredo: "Teredo",
};

const RANGE_NAMES: Record<string, string> = {
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

/** A reader's name for a classification, e.g. "loopback (127.0.0.1 embedded in 6to4 form)". */
export function describeAddressClass(c: AddressClass): string {
  const name = RANGE_NAMES[c.range];
  if (!c.embedded) return name ?? `non-public (${c.range})`;
  const form = FORM_NAMES[c.embedded.form];
  // Refused for the form itself (a public IPv4 in a tunnel form, or one we do not read).
  if (!name) return `${form} tunnel`;
  return `${name} (${c.embedded.ipv4} embedded in ${form} form)`;
}
