"""What a run must write: the difference between the proposals it computed and the suggestions that exist.

Only PROPOSED suggestions move: new pairs are created, changed ones re-scored, pairs no longer proposed deleted
unless a side accepted already. ACCEPTED, DECLINED and EXPIRED ones are never written by a run.

A stored suggestion is read as one short code per pair key (2 million of them at 100k associations, so no object
each): its digest when PROPOSED, ANSWERED + digest when PROPOSED and accepted by one side, SETTLED + status when
ACCEPTED, DECLINED or EXPIRED. `SuggestionWrites.stored` reads them in this form.
"""

import hashlib
from dataclasses import dataclass, field

from network.suggestions.models import Proposal, SuggestionStatus

# Scores are recomputed from the same inputs in the same order, so they repeat exactly; rounding only keeps a
# last-bit difference (another BLAS, another machine) from rewriting every row.
SCORE_DIGITS = 9
ANSWERED = "+"
SETTLED = "~"


def digest(proposal: Proposal, version: str) -> str:
    """What a run compares instead of reading score and reasons back: short, and the same for the same values."""
    text = f"{round(proposal.score, SCORE_DIGITS)!r}|{proposal.reasons}|{version}"
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def stored_code(status: str, digest: str, answered: bool) -> str:
    """The code of a stored suggestion (the Cypher in `SuggestionWrites.stored` computes the same)."""
    if status != SuggestionStatus.PROPOSED:
        return SETTLED + status
    return ANSWERED + digest if answered else digest


@dataclass
class Changes:
    create: list[Proposal] = field(default_factory=list)
    update: list[Proposal] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)  # pair keys
    unchanged: int = 0
    digests: dict[str, str] = field(default_factory=dict)  # of what is created or updated, by pair key

    @property
    def writes(self) -> int:
        return len(self.create) + len(self.update) + len(self.delete)


def changes(proposals: list[Proposal], stored: dict[str, str], version: str) -> Changes:
    """The writes that turn `stored` (codes by pair key) into what `proposals` say, leaving answered pairs alone."""
    out = Changes()
    for proposal in proposals:
        code = stored.get(proposal.pair_key)
        if code is not None and code.startswith(SETTLED):
            out.unchanged += 1
            continue
        found = digest(proposal, version)
        if code is None:
            out.create.append(proposal)
        elif code.removeprefix(ANSWERED) != found:
            out.update.append(proposal)
        else:
            out.unchanged += 1
            continue
        out.digests[proposal.pair_key] = found
    proposed = {proposal.pair_key for proposal in proposals}
    out.delete = [
        key for key, code in stored.items() if key not in proposed and not code.startswith((SETTLED, ANSWERED))
    ]
    return out
