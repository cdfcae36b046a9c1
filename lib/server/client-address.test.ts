import { describe, expect, it } from "vitest";
import { clientAddress, trustedHops } from "./client-address";

describe("clientAddress", () => {
  it.each([
    ["no proxy: the connection, whatever the client wrote", "6.6.6.6", "10.0.0.9", 0, "10.0.0.9"],
    ["no proxy, no header", undefined, "10.0.0.9", 0, "10.0.0.9"],
    ["one proxy: the address it appended", "203.0.113.7", "10.0.0.2", 1, "203.0.113.7"],
    [
      "one proxy, and a client that forged an entry before it",
      "6.6.6.6, 203.0.113.7",
      "10.0.0.2",
      1,
      "203.0.113.7",
    ],
    ["two proxies", "6.6.6.6, 203.0.113.7, 10.1.1.1", "10.0.0.2", 2, "203.0.113.7"],
    [
      "more hops configured than entries: the leftmost",
      "203.0.113.7",
      "10.0.0.2",
      5,
      "203.0.113.7",
    ],
  ])("%s", (_name, forwarded, socket, hops, expected) => {
    expect(clientAddress(forwarded, socket, hops)).toBe(expected);
  });
});

describe("trustedHops", () => {
  it("defaults to 0 and refuses anything but a small whole number", () => {
    expect(trustedHops(undefined)).toBe(0);
    expect(trustedHops("2")).toBe(2);
    for (const bad of ["-1", "1.5", "many", "11"])
      expect(() => trustedHops(bad)).toThrow(/TRUST_PROXY_HOPS/);
  });
});
