import { describe, expect, it } from "vitest";
import { addressGroup, clientAddress } from "./client-address";

describe("the client address", () => {
  const xff = (value: string) => new Headers({ "x-forwarded-for": value });

  it("behind proxies, is the entry the farthest trusted proxy appended, whatever the client put before it", () => {
    expect(clientAddress(xff("6.6.6.6, 203.0.113.7"), { from: "forwarded-for", hops: 1 })).toBe("203.0.113.7");
    expect(clientAddress(xff("6.6.6.6, 203.0.113.7, 10.0.0.2"), { from: "forwarded-for", hops: 2 })).toBe("203.0.113.7");
  });

  it("is not taken from X-Forwarded-For when fewer proxies appended to it than are configured", () => {
    // Without the peer stamp (no Node server here) the socket is unknown too.
    expect(clientAddress(xff("203.0.113.7"), { from: "forwarded-for", hops: 3 })).toBeNull();
    expect(clientAddress(new Headers(), { from: "forwarded-for", hops: 1 })).toBeNull();
  });

  it("with no proxy, ignores X-Forwarded-For altogether", () => {
    expect(clientAddress(xff("6.6.6.6"), { from: "socket" })).toBeNull();
  });

  it("from a proxy's own header, is that header", () => {
    const source = { from: "header", name: "x-parley-viewer-address" } as const;
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.4", "x-parley-viewer-address": "198.51.100.4" });
    expect(clientAddress(headers, source)).toBe("198.51.100.4");
    expect(clientAddress(xff("6.6.6.6"), source)).toBeNull();
  });

  it("groups an IPv6 address by its /64 and reads IPv4 in any of its spellings", () => {
    expect(addressGroup("2001:db8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(addressGroup("2001:DB8:AA:BB::99")).toBe("2001:db8:aa:bb::/64");
    expect(addressGroup("[2001:db8:aa:bb::99]:443")).toBe("2001:db8:aa:bb::/64");
    expect(addressGroup("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressGroup("2001:db8:aa:bc::1")).not.toBe(addressGroup("2001:db8:aa:bb::1"));
    expect(addressGroup("::1")).toBe("0:0:0:0::/64");
    expect(addressGroup("203.0.113.7")).toBe("203.0.113.7");
    expect(addressGroup("203.0.113.7:51234")).toBe("203.0.113.7");
    expect(addressGroup("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressGroup("::ffff:cb00:7107")).toBe("203.0.113.7");
    expect(addressGroup("2001:db8::ffff:1.2.3.4")).toBe("2001:db8:0:0::/64");
  });

  it("is nothing when the value is not an address", () => {
    expect(addressGroup("unknown")).toBeNull();
    expect(addressGroup("")).toBeNull();
    expect(addressGroup(null)).toBeNull();
    expect(addressGroup("1.2.3.4, 5.6.7.8")).toBeNull();
  });
});
