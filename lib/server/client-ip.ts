import "server-only";
import { CLIENT_ADDRESS_HEADER } from "./client-address";

/** The client's address as the HTTP hook worked it out (see client-address.ts), for throttling and audit. */
export function clientIp(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
