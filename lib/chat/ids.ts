/**
 * A v4 UUID from getRandomValues, which (unlike crypto.randomUUID) also works
 * when Parley is served over plain HTTP on a LAN address.
 */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every id Parley stores is a UUID (a Postgres uuid column refuses anything
 * else), so anything else names nothing: checked before any look-up.
 */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
