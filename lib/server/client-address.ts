// Pure: used by the HTTP hook in lib/server/request-hook.ts, and by the tests.

/** The header the hook sets on every request; whatever a client sends under this name is replaced. */
export const CLIENT_ADDRESS_HEADER = "x-coverage-client-address";

/**
 * TRUST_PROXY_HOPS: how many proxies in front of the app append to X-Forwarded-For. 0 (the
 * default) ignores the header, which any client can write, and uses the connection's address.
 */
export function trustedHops(value: string | undefined): number {
  if (value === undefined || value === "") return 0;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10)
    throw new Error(
      `Invalid environment: TRUST_PROXY_HOPS must be a whole number 0–10, not "${value}"`,
    );
  return hops;
}

/**
 * The client's address for throttling and audit: counting from the connection's own address, the
 * one `hops` entries back in X-Forwarded-For, as only that far are the entries written by our own
 * proxies. Entries further left were written by the client.
 */
export function clientAddress(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  hops: number,
): string {
  const chain = [
    ...(forwardedFor ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
    socketAddress ?? "unknown",
  ];
  return chain[Math.max(0, chain.length - 1 - hops)]!;
}
