"""The end of the run: every write the API acknowledged is read back through the API.

A profile must show its last acknowledged bio, or the bio of a later write whose answer never came or failed (that
one may have landed too). An accepted suggestion must still show the client's acceptance. Anything else, or a
value that cannot be read at all, is a lost write.
"""

import asyncio
from dataclasses import dataclass, field

import httpx

from bench.soak import documents
from bench.soak.clients import Client, call
from bench.soak.outcome import Outcome

ATTEMPTS = 3


@dataclass
class ReadBack:
    profiles_checked: int = 0
    writes_acknowledged: int = 0
    acceptances_checked: int = 0
    lost: list[str] = field(default_factory=list)  # what is missing, one line each
    unreadable: list[str] = field(default_factory=list)  # what could not be read back at all


def allowed_bios(client: Client) -> set[str] | None:
    """The bios the profile may show: the last acknowledged one and any later unacknowledged one; None when no
    profile write was acknowledged (then only the profile's existence is checked)."""
    acknowledged = [i for i, w in enumerate(client.writes) if w.acknowledged]
    if not acknowledged:
        return None
    last = acknowledged[-1]
    return {client.writes[last].bio} | {w.bio for w in client.writes[last + 1 :]}


async def _read(http: httpx.AsyncClient, body: dict[str, object], client: Client) -> Outcome:
    outcome = await call(http, body, client.auth)
    for _ in range(ATTEMPTS - 1):
        if outcome.ok:
            break
        await asyncio.sleep(1)
        outcome = await call(http, body, client.auth)
    return outcome


async def read_back(http: httpx.AsyncClient, clients: list[Client]) -> ReadBack:
    found = ReadBack()
    for client in clients:
        profile = await _read(http, {"query": documents.PROFILE_OF, "variables": {"slug": client.slug}}, client)
        if not profile.ok:
            found.unreadable.append(f"profile {client.slug}: {profile.error} {profile.detail[:120]}")
            continue
        found.profiles_checked += 1
        found.writes_acknowledged += sum(w.acknowledged for w in client.writes)
        volunteer = (profile.data or {}).get("volunteer")
        allowed = allowed_bios(client)
        if volunteer is None:
            found.lost.append(f"profile {client.slug}: gone (its creation was acknowledged)")
        elif allowed is not None and volunteer.get("bio") not in allowed:
            found.lost.append(f"profile {client.slug}: bio {volunteer.get('bio')!r}, expected one of {sorted(allowed)}")
        for suggestion in client.accepted:
            answer = await _read(http, {"query": documents.SUGGESTION, "variables": {"id": suggestion}}, client)
            if not answer.ok:
                found.unreadable.append(f"suggestion {suggestion}: {answer.error} {answer.detail[:120]}")
                continue
            found.acceptances_checked += 1
            node = (answer.data or {}).get("node")
            if not node or not node.get("youAccepted"):
                found.lost.append(f"suggestion {suggestion} of {client.slug}: acceptance not kept ({node})")
    return found
