import ipaddr from "ipaddr.js";

/**
 * Whether an address may be fetched on a user's behalf: only ordinary public unicast. ipaddr.js classifies
 * the special-purpose registries; everything it does not call "unicast" is refused: loopback, private
 * (10/8, 172.16/12, 192.168/16), link-local (169.254/16 with the cloud metadata address, fe80::/10), CGNAT
 * (100.64/10), unspecified, broadcast, multicast, reserved and documentation ranges, unique-local (fc00::/7,
 * where cloud IPv6 metadata lives), and every IPv6 form that embeds an IPv4 address (IPv4-mapped ::ffff:0:0/96,
 * NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32), since it could point back inside.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.parse(address).range() === "unicast";
}

/** Host names as URL parsing leaves them: IPv6 literals lose their brackets, names are lowercased. */
export function bareHost(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
}

export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host);
}
