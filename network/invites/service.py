"""Event invites: per upcoming event a ranked list from its topics and outreach share, as EVENT_INVITE suggestions.

A recompute for an event replaces its PROPOSED invites; ACCEPTED and DECLINED ones stay, and their parties are never
proposed again, nor are registered parties. An event that is no longer upcoming (past or cancelled) loses its
PROPOSED invites.
"""

import json
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cached_property

from neo4j import AsyncManagedTransaction

from network.invites.repository import InviteEvent, InviteRepository, InviteWrite
from network.kit.database import Database
from network.matching.districts import DistrictMap
from network.matching.events import EventTopics, Invite, rank_invites
from network.matching.inputs import AssociationTable, Vocabulary, VolunteerTable
from network.matching.weights import ALGORITHM_VERSION, DEFAULT_OUTREACH_SHARE
from network.outbox.models import NotificationKind
from network.outbox.repository import NotificationRow, Outbox
from network.suggestions import tables
from network.suggestions.changes_feed import ChangesFeed
from network.suggestions.loading import load_parties
from network.suggestions.models import SuggestionKind, invite_key
from network.suggestions.repository import SuggestionRow

Progress = Callable[[str, int, int], None]  # (stage, done, total)
MAX_INVITES = 100  # the largest page a client can read
INVITES_PER_PLACE = 3  # not everyone invited comes: invite a few times the capacity


@dataclass(frozen=True)
class InviteCounts:
    events: int
    invites: int
    outreach: int
    shortfall: int  # outreach invites missing because too few relevant outreach parties exist
    dropped: int


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress shown (the worker, tests)."""


def invite_limit(capacity: int | None) -> int:
    return MAX_INVITES if capacity is None else min(MAX_INVITES, INVITES_PER_PLACE * int(capacity))


async def _replace(
    tx: AsyncManagedTransaction, event_id: str, rows: list[InviteWrite], run: str
) -> tuple[list[str], list[str]]:
    """The run's invites of one event and, in the same transaction, a notification to each party newly invited
    (one re-proposed by a later run was told already); returns the parties newly invited and those whose invites
    were deleted."""
    created, dropped = await InviteRepository(tx).replace_proposed(event_id, rows, run, ALGORITHM_VERSION)
    invited: list[NotificationRow] = [{"subject": invite["id"], "to": [invite["party"]]} for invite in created]
    await Outbox(tx).to_parties(NotificationKind.EVENT_INVITED, "Suggestion", invited)
    return [invite["party"] for invite in created], dropped


@dataclass(frozen=True)
class Parties:
    """Every association and volunteer as the matching core's tables, with each id's row."""

    associations: AssociationTable
    volunteers: VolunteerTable

    @cached_property
    def rows(self) -> dict[str, tuple[str, int]]:
        return {
            **{key: ("associations", i) for i, key in enumerate(self.associations.keys)},
            **{key: ("volunteers", i) for i, key in enumerate(self.volunteers.keys)},
        }

    def rows_of(self, ids: set[str], side: str) -> list[int]:
        return [row for found_side, row in (self.rows[i] for i in ids if i in self.rows) if found_side == side]


async def _parties(db: Database) -> Parties:
    associations, volunteers = await load_parties(db)
    return Parties(associations, volunteers)


def _topics(vocab: Vocabulary, event: InviteEvent) -> EventTopics:
    return EventTopics(
        tools=tuple(vocab.id("tools", s) for s in event["tools"]),
        skills=tuple(vocab.id("skills", s) for s in event["skills"]),
        fields=tuple(vocab.id("fields", s) for s in event["fields"]),
    )


def _row(event_id: str, party: str, invite: Invite) -> InviteWrite:
    reasons = [{k: v for k, v in asdict(r).items() if v is not None} for r in invite.reasons]
    return {
        "pairKey": invite_key(event_id, party),
        "partyId": party,
        "score": invite.score,
        "reasons": json.dumps(reasons),
    }


def event_invites(parties: Parties, districts: DistrictMap, event: InviteEvent) -> tuple[list[InviteWrite], int, int]:
    """The invite rows of one event, the number of outreach invites among them and the outreach shortfall."""
    assocs, vols = parties.associations, parties.volunteers
    excluded = set(event["registered"]) | set(event["answered"])
    share = event["outreachShare"]
    found = rank_invites(
        assocs,
        vols,
        districts,
        _topics(assocs.vocab, event),
        limit=invite_limit(event["capacity"]),
        outreach_share=DEFAULT_OUTREACH_SHARE if share is None else float(share),
        exclude_associations=parties.rows_of(excluded, "associations"),
        exclude_volunteers=parties.rows_of(excluded, "volunteers"),
    )
    keys = {"ASSOCIATION": assocs.keys, "VOLUNTEER": vols.keys}
    rows = [_row(event["id"], keys[invite.kind][invite.row], invite) for invite in found.invites]
    return rows, found.outreach_count, found.shortfall


async def recompute_invites(
    db: Database, event_id: str | None = None, progress: Progress = _quiet, feed: ChangesFeed | None = None
) -> InviteCounts:
    """Recomputes the invites of one event, or of every upcoming event when `event_id` is None; after each event's
    write, `feed` tells the parties newly invited and those whose invite went."""
    events = await db.read(lambda tx: InviteRepository(tx).events(event_id))
    if not events:
        # past, cancelled or gone: nothing is proposed for it any more
        gone = [] if event_id is None else await db.write(lambda tx: InviteRepository(tx).drop_proposed(event_id))
        await _tell(feed, gone)
        return InviteCounts(events=0, invites=0, outreach=0, shortfall=0, dropped=len(gone))
    parties, districts = await _parties(db), tables.district_map()
    run = uuid.uuid4().hex
    invites = outreach = shortfall = dropped = 0
    for done, event in enumerate(events, start=1):
        rows, event_outreach, event_shortfall = event_invites(parties, districts, event)
        invited, gone = await db.write(_replace, event["id"], rows, run)
        await _tell(feed, invited + gone)  # committed
        dropped += len(gone)
        invites, outreach, shortfall = invites + len(rows), outreach + event_outreach, shortfall + event_shortfall
        progress("write invites", done, len(events))
    return InviteCounts(events=len(events), invites=invites, outreach=outreach, shortfall=shortfall, dropped=dropped)


async def _tell(feed: ChangesFeed | None, parties: list[str]) -> None:
    if feed is not None and parties:
        await feed.published(SuggestionKind.EVENT_INVITE, parties)


async def for_events(db: Database, ids: list[str], parties: list[str] | None, first: int) -> list[list[SuggestionRow]]:
    """Per event id, in order: its visible invites, best first; only those of `parties` unless that is None."""
    found = await db.fetch(lambda tx: InviteRepository(tx).for_events(ids, parties, first))
    return [found.get(event_id, []) for event_id in ids]
