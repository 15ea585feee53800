"""Collection statistics of the peer score, frozen per model: how many associations use each tool, are active in each
field, serve each group.

The rarity weights (idf) and the anchor order come from these counts. Counted afresh on every run, one association
adding a tool would move the score of every pair sharing it, and no change could be applied to a few lists alone.
Frozen by the nightly run (as search engines freeze collection statistics between re-indexings), a change moves only
the changed party's own scores, and the lists it enters or leaves can be found exactly (live_peers.py).

Counts are kept by slug, so a catalogue entry added after the freeze has a count of 0 (the rarest), and a restart
that reads the counts back scores exactly as before it.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from network.matching.inputs import AssociationTable, Vocabulary


@dataclass(frozen=True)
class PeerStats:
    associations: int  # n when frozen
    tool_users: Mapping[str, int]  # associations using the tool (at any level)
    tool_keys: Mapping[str, int]  # ... using, considering or having reported on it (what anchors are chosen from)
    fields: Mapping[str, int]
    target_groups: Mapping[str, int]
    # tools with an approved experience report: REPORTED_ON gets feature columns for these only (a report on
    # another tool counts from the next freeze), so the features stay narrow while reports are few
    reported_tools: tuple[str, ...] = ()

    def tool_idf(self, vocab: Vocabulary) -> npt.NDArray[np.float64]:
        return self._idf(self.tool_users, vocab.tools)

    def field_idf(self, vocab: Vocabulary) -> npt.NDArray[np.float64]:
        return self._idf(self.fields, vocab.fields)

    def group_idf(self, vocab: Vocabulary) -> npt.NDArray[np.float64]:
        return self._idf(self.target_groups, vocab.target_groups)

    def key_counts(self, vocab: Vocabulary) -> npt.NDArray[np.float64]:
        """Associations per anchor key: tools (used, considered or reported on), then fields, then target groups."""
        return np.concatenate(
            [
                _counts(self.tool_keys, vocab.tools),
                _counts(self.fields, vocab.fields),
                _counts(self.target_groups, vocab.target_groups),
            ]
        )

    def _idf(self, counts: Mapping[str, int], slugs: tuple[str, ...]) -> npt.NDArray[np.float64]:
        rarity: npt.NDArray[np.float64] = np.log((1 + self.associations) / (1 + _counts(counts, slugs)))
        return rarity

    def as_json(self) -> dict[str, Any]:
        return {
            "associations": self.associations,
            "toolUsers": dict(self.tool_users),
            "toolKeys": dict(self.tool_keys),
            "fields": dict(self.fields),
            "targetGroups": dict(self.target_groups),
            "reportedTools": list(self.reported_tools),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "PeerStats":
        return cls(
            associations=int(data["associations"]),
            tool_users={str(k): int(v) for k, v in data["toolUsers"].items()},
            tool_keys={str(k): int(v) for k, v in data["toolKeys"].items()},
            fields={str(k): int(v) for k, v in data["fields"].items()},
            target_groups={str(k): int(v) for k, v in data["targetGroups"].items()},
            reported_tools=tuple(str(slug) for slug in data.get("reportedTools", ())),  # none in older models
        )


def peer_stats(table: AssociationTable) -> PeerStats:
    """The counts of `table` as it is now (what the nightly run freezes)."""
    vocab = table.vocab
    uses = table.proficiency > 0
    return PeerStats(
        associations=table.n,
        tool_users=_by_slug(uses.sum(axis=0), vocab.tools),
        tool_keys=_by_slug((uses | table.considers | table.reported).sum(axis=0), vocab.tools),
        fields=_by_slug(table.fields.sum(axis=0), vocab.fields),
        target_groups=_by_slug(table.target_groups.sum(axis=0), vocab.target_groups),
        reported_tools=tuple(_by_slug(table.reported.sum(axis=0), vocab.tools)),
    )


def _by_slug(counts: np.ndarray, slugs: tuple[str, ...]) -> dict[str, int]:
    return {slug: int(count) for slug, count in zip(slugs, counts.tolist(), strict=True) if count}


def _counts(counts: Mapping[str, int], slugs: tuple[str, ...]) -> npt.NDArray[np.float64]:
    return np.array([counts.get(slug, 0) for slug in slugs], np.float64)
