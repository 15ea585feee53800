"""What a run must write: the difference between the proposals it computed and the suggestions that exist.

Only PROPOSED suggestions move: new pairs are created, changed ones re-scored, pairs no longer proposed deleted
unless a side accepted already. ACCEPTED, DECLINED and EXPIRED ones are never written by a run.
"""

import hashlib
from dataclasses import dataclass, field

from network.suggestions.models import Proposal, SuggestionStatus

# Scores are recomputed from the same inputs in the same order, so they repeat exactly; rounding only keeps a
# last-bit difference (another BLAS, another machine) from rewriting every row.
SCORE_DIGITS = 9


def digest(proposal: Proposal, version: str) -> str:
    """What a run compares instead of reading score and reasons back: short, and the same for the same values."""
    text = f"{round(proposal.score, SCORE_DIGITS)!r}|{proposal.reasons}|{version}"
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class Existing:
    """A stored suggestion as a run compares it."""

    pair_key: str
    status: str
    digest: str  # of score, reasons and algorithm version when last written
    answered: bool  # a side accepted already: the pair stays even when no longer proposed


@dataclass
class Changes:
    create: list[Proposal] = field(default_factory=list)
    update: list[Proposal] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)  # pair keys
    unchanged: int = 0

    @property
    def writes(self) -> int:
        return len(self.create) + len(self.update) + len(self.delete)


def changes(proposals: list[Proposal], existing: dict[str, Existing], version: str) -> Changes:
    """The writes that turn `existing` (by pair key) into what `proposals` say, leaving answered pairs alone."""
    out = Changes()
    proposed = set()
    for proposal in proposals:
        proposed.add(proposal.pair_key)
        stored = existing.get(proposal.pair_key)
        if stored is None:
            out.create.append(proposal)
        elif stored.status == SuggestionStatus.PROPOSED and stored.digest != digest(proposal, version):
            out.update.append(proposal)
        else:
            out.unchanged += 1
    out.delete = [key for key, stored in existing.items()
                  if key not in proposed and stored.status == SuggestionStatus.PROPOSED and not stored.answered]
    return out
