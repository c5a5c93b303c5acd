import { isIP } from "node:net";
import type { ClientAddressSource } from "@/lib/config";
import { peerAddress } from "@/lib/http/peer-address";

/**
 * The client's address as throttling counts it: an IPv4 address, or the /64
 * of an IPv6 one (one home or phone gets a whole /64, so counting single IPv6
 * addresses would give an attacker endless fresh ones). Null when the source
 * has nothing usable.
 */
export function clientAddress(headers: Headers, source: ClientAddressSource): string | null {
  return addressGroup(rawClientAddress(headers, source));
}

function rawClientAddress(headers: Headers, source: ClientAddressSource): string | null {
  switch (source.from) {
    case "socket":
      return peerAddress(headers);
    case "header":
      return headers.get(source.name)?.trim() || null;
    case "forwarded-for": {
      const entries = (headers.get("x-forwarded-for") ?? "")
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean);
      // Fewer entries than proxies: the request did not come through all of
      // them, so nothing in the header is vouched for, but the socket is.
      return entries.length >= source.hops ? entries[entries.length - source.hops] : peerAddress(headers);
    }
  }
}

/** "1.2.3.4", "::ffff:1.2.3.4" → "1.2.3.4"; "2001:db8:1:2:3::4" → "2001:db8:1:2::/64"; anything else → null. */
export function addressGroup(address: string | null): string | null {
  if (!address) return null;
  const bare = withoutPort(address.trim()).replace(/%.*$/, "");
  const version = isIP(bare);
  if (version === 4) return bare;
  if (version !== 6) return null;
  const groups = ipv6Groups(bare);
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join(".");
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(":")}::/64`;
}

/** "[2001:db8::1]:443" and "1.2.3.4:443" lose their port; a bare IPv6 address is left alone. */
function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1];
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  return v4 ? v4[1] : address;
}

/** The eight 16-bit groups of a valid IPv6 address (isIP already said so). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const parse = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const fill = tail === undefined ? [] : Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...fill, ...right];
}
