import { describe, expect, it } from "vitest";
import { isPublicAddress } from "../../src/import/address-guard.js";

// Every range an import must never reach, IPv4 and IPv6, with the reason it is refused.
const refused: [string, string][] = [
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["10.0.0.1", "private 10/8"],
  ["172.16.0.1", "private 172.16/12"],
  ["172.31.255.255", "private 172.16/12"],
  ["192.168.1.1", "private 192.168/16"],
  ["169.254.169.254", "link-local: cloud metadata"],
  ["169.254.0.1", "link-local"],
  ["100.64.0.1", "carrier-grade NAT"],
  ["100.100.100.200", "carrier-grade NAT: a cloud metadata address"],
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "this network"],
  ["255.255.255.255", "broadcast"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["192.0.0.170", "IETF protocol assignments"],
  ["192.0.2.10", "documentation"],
  ["198.18.0.1", "benchmarking"],
  ["240.0.0.1", "reserved"],
  ["::1", "IPv6 loopback"],
  ["::", "IPv6 unspecified"],
  ["fe80::1", "IPv6 link-local"],
  ["fc00::1", "IPv6 unique-local"],
  ["fd00:ec2::254", "IPv6 unique-local: cloud metadata"],
  ["ff02::1", "IPv6 multicast"],
  ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
  ["::ffff:10.0.0.1", "IPv4-mapped private"],
  ["::ffff:169.254.169.254", "IPv4-mapped metadata"],
  ["::ffff:8.8.8.8", "IPv4-mapped, even public: could be read as either family"],
  ["64:ff9b::7f00:1", "NAT64 of 127.0.0.1"],
  ["2002:7f00:1::", "6to4 of 127.0.0.1"],
  ["2001::1", "Teredo"],
  ["2001:db8::1", "IPv6 documentation"],
  ["not-an-ip", "not an address at all"],
  ["", "empty"],
];

const allowed = ["8.8.8.8", "93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:82b::200e"];

describe("isPublicAddress", () => {
  it.each(refused)("refuses %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(allowed)("allows the public address %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});
