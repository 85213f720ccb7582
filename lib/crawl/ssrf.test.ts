// The SSRF guard's address classifier: every IPv6 form that embeds an IPv4 address is judged by
// the IPv4 it carries (or refused outright where that cannot be done safely), table-driven and
// as a property over random private IPv4 addresses in every form.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertHostAllowed, isPublicAddress } from "./ssrf";

const guard = { allowPrivate: false };

describe("SSRF address classification", () => {
  const refused = [
    // [address as written or as Node's URL parser normalises it, why it is refused]
    ["::7f00:1", "IPv4-compatible loopback (Node writes [::127.0.0.1] so)"],
    ["::127.0.0.1", "IPv4-compatible loopback, dotted"],
    ["::a00:1", "IPv4-compatible 10.0.0.1"],
    ["::a9fe:a9fe", "IPv4-compatible cloud metadata"],
    ["::808:808", "IPv4-compatible form is deprecated even for a public IPv4"],
    ["::ffff:7f00:1", "IPv4-mapped loopback"],
    ["::ffff:192.168.1.1", "IPv4-mapped private"],
    ["::ffff:0:a00:1", "IPv4-translated private"],
    ["64:ff9b::7f00:1", "NAT64 loopback"],
    ["64:ff9b::10.1.2.3", "NAT64 private"],
    ["64:ff9b::a9fe:a9fe", "NAT64 cloud metadata"],
    ["64:ff9b:1::a00:1", "NAT64 local-use prefix"],
    ["64:ff9b:1:a00:1::", "NAT64 local-use prefix, IPv4 after a /48"],
    ["2002:7f00:1::", "6to4 loopback"],
    ["2002:c0a8:101::1", "6to4 private 192.168.1.1"],
    ["2002:a9fe:a9fe::", "6to4 cloud metadata"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo (client 127.0.0.1 inverted)"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo with a public client"],
    ["::1", "IPv6 loopback"],
    ["::", "unspecified"],
    ["fe80::1", "IPv6 link-local"],
    ["fd00::1", "IPv6 unique local"],
    ["127.0.0.1", "IPv4 loopback"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["169.254.169.254", "cloud metadata"],
  ] as const;

  it.each(refused)("refuses %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(false);
    expect(() => assertHostAllowed(`[${address}]`, guard)).toThrow(/SSRF protection/);
  });

  const allowed = ["8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001:82a::200e", "::ffff:8.8.8.8"];
  it.each(allowed)("allows the public address %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
    expect(() => assertHostAllowed(address, guard)).not.toThrow();
  });

  it("refuses the host of http://[::127.0.0.1]:PORT/ as the URL parser hands it over", () => {
    const { hostname } = new URL("http://[::127.0.0.1]:4711/");
    expect(hostname).toBe("[::7f00:1]");
    expect(() => assertHostAllowed(hostname, guard)).toThrow(/loopback.*SSRF protection/);
  });

  it("names the embedding in the refusal", () => {
    expect(() => assertHostAllowed("[2002:a00:1::]", guard)).toThrow(/6to4/);
    expect(() => assertHostAllowed("[64:ff9b::a00:1]", guard)).toThrow(/NAT64/);
    expect(() => assertHostAllowed("[2001:0:1:2::3]", guard)).toThrow(/Teredo/);
  });
});

/** IPv4 addresses in non-public ranges, as 32-bit numbers. */
const privateIPv4 = fc.oneof(
  fc.integer({ min: 0x7f000000, max: 0x7fffffff }), // 127/8
  fc.integer({ min: 0x0a000000, max: 0x0affffff }), // 10/8
  fc.integer({ min: 0xac100000, max: 0xac1fffff }), // 172.16/12
  fc.integer({ min: 0xc0a80000, max: 0xc0a8ffff }), // 192.168/16
  fc.integer({ min: 0xa9fe0000, max: 0xa9feffff }), // 169.254/16
  fc.integer({ min: 0x64400000, max: 0x647fffff }), // 100.64/10
  fc.integer({ min: 0x00000000, max: 0x00ffffff }), // 0/8
);

const hex16 = (n: number) => (n & 0xffff).toString(16);
const halves = (v4: number) => [hex16(v4 >>> 16), hex16(v4)];
const group = fc.integer({ min: 0, max: 0xffff }).map(hex16);

/** Every IPv6 form that carries an IPv4, built around a given IPv4. */
const embeddings: Record<string, (v4: number, g: string[]) => string> = {
  compatible: (v4) => `::${halves(v4).join(":")}`,
  mapped: (v4) => `::ffff:${halves(v4).join(":")}`,
  translated: (v4) => `::ffff:0:${halves(v4).join(":")}`,
  nat64: (v4) => `64:ff9b::${halves(v4).join(":")}`,
  nat64LocalUse: (v4, g) => `64:ff9b:1:${g[0]}:${g[1]}:${g[2]}:${halves(v4).join(":")}`,
  sixToFour: (v4, g) => `2002:${halves(v4).join(":")}:${g.slice(0, 5).join(":")}`,
  teredo: (v4, g) => `2001:0:${g[0]}:${g[1]}:${g[2]}:${g[3]}:${halves(~v4).join(":")}`,
};

describe("SSRF property: a private IPv4 inside any IPv6 form is refused", () => {
  it("holds for every form and every private IPv4 (seeded)", () => {
    fc.assert(
      fc.property(
        privateIPv4,
        fc.constantFrom(...Object.keys(embeddings)),
        fc.array(group, { minLength: 5, maxLength: 5 }),
        (v4, form, groups) => {
          const address = embeddings[form]?.(v4, groups) ?? "";
          expect(isPublicAddress(address), `${form} ${address}`).toBe(false);
          expect(() => assertHostAllowed(`[${address}]`, guard)).toThrow(/SSRF protection/);
        },
      ),
      { seed: 20261201, numRuns: 2000, verbose: true },
    );
  });
});

describe("cloud-metadata refusal (customer agents)", () => {
  it("refuses metadata addresses in every form while private networks stay allowed", async () => {
    const { isMetadataAddress, assertHostAllowed } = await import("./ssrf");
    for (const a of [
      "169.254.169.254",
      "169.254.170.2",
      "100.100.100.200",
      "192.0.0.192",
      "fd00:ec2::254",
      "::ffff:169.254.169.254",
      "64:ff9b::a9fe:a9fe",
    ])
      expect(isMetadataAddress(a), a).toBe(true);
    for (const a of ["10.0.0.5", "127.0.0.1", "192.168.1.1", "8.8.8.8", "::1", "not-an-ip"])
      expect(isMetadataAddress(a), a).toBe(false);
    const agent = { allowPrivate: true, refuseMetadata: true };
    expect(() => assertHostAllowed("169.254.169.254", agent)).toThrow(
      /cloud-metadata.*--allow-metadata/,
    );
    expect(() => assertHostAllowed("[fd00:ec2::254]", agent)).toThrow(/SSRF protection/);
    expect(() => assertHostAllowed("10.1.2.3", agent)).not.toThrow();
    expect(() => assertHostAllowed("169.254.169.254", { allowPrivate: true })).not.toThrow();
  });
});
