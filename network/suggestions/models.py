"""Kinds and states of a suggestion, and the pair keys that make one suggestion per pair and kind."""

from enum import StrEnum
from typing import NamedTuple, TypedDict

import strawberry


@strawberry.enum(
    description="PEER: association to association; MENTORING: volunteer to "
    "association; EVENT_INVITE: a party to an event."
)
class SuggestionKind(StrEnum):
    PEER = "PEER"
    MENTORING = "MENTORING"
    EVENT_INVITE = "EVENT_INVITE"


@strawberry.enum(description="PROPOSED until both sides accepted (ACCEPTED) or one declined (DECLINED, for good).")
class SuggestionStatus(StrEnum):
    PROPOSED = "PROPOSED"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    EXPIRED = "EXPIRED"


def peer_key(a: str, b: str) -> str:
    """Unordered: A-B and B-A are one pair, whichever side the run found it from."""
    return "|".join(sorted((a, b)))


def mentoring_key(association: str, volunteer: str) -> str:
    return f"{association}|{volunteer}"


def invite_key(event: str, party: str) -> str:
    return f"{event}|{party}"


class ProposalRow(TypedDict):
    """A proposal as the writes of a run take it (`Proposal.as_row`)."""

    pairKey: str
    forId: str  # the party
    ofId: str  # the candidate
    score: float
    reasons: str  # JSON


class ProposalWrite(ProposalRow):
    """A row a run creates or re-scores (`SuggestionWrites.create`, `rescore`): the proposal and its digest."""

    digest: str


class Proposal(NamedTuple):  # a tuple: a run at 100k associations builds about 1.9 million
    """One suggestion a run produced: FOR `party`, OF `candidate`, with its reasons as JSON."""

    kind: SuggestionKind
    pair_key: str
    party: str
    candidate: str
    score: float
    reasons: str

    def as_row(self) -> ProposalRow:
        return {
            "pairKey": self.pair_key,
            "forId": self.party,
            "ofId": self.candidate,
            "score": self.score,
            "reasons": self.reasons,
        }
