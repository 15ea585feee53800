"""The client address the limits count: the peer, or what a trusted proxy says; never what the client says."""

import pytest

from network.accounts.clients import UNKNOWN, client_address, trusted_networks

PROXIES = trusted_networks(["10.0.0.0/8", "::1"])


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "client"),
    [
        ("203.0.113.7", None, (), "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", (), "203.0.113.7"),  # no trusted proxy: the header is the client's lie
        ("203.0.113.7", "198.51.100.1", PROXIES, "203.0.113.7"),  # the peer is no proxy of ours
        ("10.0.0.2", "198.51.100.1", PROXIES, "198.51.100.1"),
        ("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.9", PROXIES, "198.51.100.1"),  # the left part is the client's
        ("10.0.0.2", None, PROXIES, "10.0.0.2"),
        ("10.0.0.2", "garbage", PROXIES, "10.0.0.2"),
        ("::1", "2001:db8:1:2:3:4:5:6", PROXIES, "2001:db8:1:2::/64"),  # IPv6 per /64
        ("2001:db8::1", None, (), "2001:db8::/64"),
        ("::ffff:192.0.2.1", None, (), "192.0.2.1"),
        (None, "198.51.100.1", PROXIES, UNKNOWN),
        ("not an address", None, (), UNKNOWN),
    ],
)
def test_client_address(peer: str | None, forwarded: str | None, trusted: tuple, client: str) -> None:
    assert client_address(peer, forwarded, trusted) == client


def test_a_bad_trusted_proxy_setting_names_the_entry() -> None:
    from pydantic import ValidationError

    from network.settings import Settings

    with pytest.raises(ValidationError, match="'ten' is not an IP address or network"):
        Settings(trusted_proxies=["ten"])
