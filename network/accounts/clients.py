"""Who is calling, as the abuse limits count callers: the client's address, seen through trusted proxies only."""

import ipaddress
from collections.abc import Iterable

UNKNOWN = "unknown"  # no peer address (a test client, a Unix socket): all such callers share one count
IPV6_PREFIX = 64  # one IPv6 subscriber gets a /64 at least: counting single addresses would give it 2**64 clients

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _client_key(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)


def client_address(peer: str | None, forwarded_for: str | None, trusted: tuple[Network, ...]) -> str:
    """The client of a request: the peer address, unless the peer is a trusted proxy; then the right-most address of
    X-Forwarded-For that is not a trusted proxy itself (entries left of it are the client's to write, so never
    believed). IPv6 clients count per /64 network.
    """
    address = _address(peer) if peer else None
    if address is None:
        return UNKNOWN
    hops = [hop for hop in (forwarded_for or "").split(",") if hop.strip()]
    while any(address in network for network in trusted) and hops:
        forwarded = _address(hops.pop())
        if forwarded is None:  # a proxy we trust wrote garbage: the proxy is the best we know
            break
        address = forwarded
    return _client_key(address)
