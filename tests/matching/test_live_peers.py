"""Live peer lists against the full run: after every change of a random sequence, the lists kept by LivePeers equal
what suggest_peers computes from scratch on the changed profiles (approved experience reports among them) with the
same frozen model."""

import dataclasses
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network.matching.inputs import AssociationRecord, AssociationTable, Need
from network.matching.live_peers import Applied, LivePeers
from network.matching.peer_stats import PeerStats, peer_stats
from network.matching.peers import PeerSuggestions, suggest_peers
from network.matching.weights import PeerWeights
from network.suggestions.proposals.peers import better_sides
from tests.matching.builders import FIELDS, GROUPS, LANGUAGES, SKILLS, TOOLS, district_map, make_vocab, random_assocs

DISTRICTS = district_map()
VOCAB = make_vocab()
LEVELS = ("BEGINNER", "INTERMEDIATE", "EXPERT")


def _records(table: AssociationTable) -> dict[str, AssociationRecord]:
    """The records a random table was built from, read back by key."""
    out = {}
    for i, key in enumerate(table.keys):
        out[key] = AssociationRecord(
            key=key,
            district=None if table.district[i] < 0 else VOCAB.districts[table.district[i]],
            paid_staff=int(table.paid_staff[i]),
            languages=tuple(LANGUAGES[j] for j in np.flatnonzero(table.languages[i])),
            fields=tuple(FIELDS[j] for j in np.flatnonzero(table.fields[i])),
            target_groups=tuple(GROUPS[j] for j in np.flatnonzero(table.target_groups[i])),
            tools={TOOLS[j]: LEVELS[table.proficiency[i, j] - 1] for j in np.flatnonzero(table.proficiency[i])},
            considers=tuple(TOOLS[j] for j in np.flatnonzero(table.considers[i])),
            reported=tuple(TOOLS[j] for j in np.flatnonzero(table.reported[i])),
        )
    return out


def _lists_by_key(
    found_table: AssociationTable, cands: np.ndarray, points: np.ndarray, support: np.ndarray, keys: set[str]
) -> dict[str, list[tuple[str, int, int]]]:
    return {
        key: [
            (found_table.keys[c], int(p), int(s))
            for c, p, s in zip(cands[i].tolist(), points[i].tolist(), support[i].tolist(), strict=True)
            if c >= 0
        ]
        for i, key in enumerate(found_table.keys)
        if key in keys
    }


def _full(
    records: dict[str, AssociationRecord],
    excluded: set[tuple[str, str]],
    stats: PeerStats,
    anchors: int | None,
    weights: PeerWeights,
) -> tuple[AssociationTable, PeerSuggestions]:
    """A full run from scratch on the records (rows in key order, as a load gives them) with the frozen model."""
    table = AssociationTable.from_records([records[key] for key in sorted(records)], VOCAB)
    row = {key: i for i, key in enumerate(table.keys)}
    pairs = np.array([(row[a], row[b]) for a, b in excluded], np.int64).reshape(-1, 2)
    return table, suggest_peers(table, DISTRICTS, excluded=pairs, anchors=anchors, weights=weights, stats=stats, k=5)


def _full_run(*args: Any) -> dict[str, list[tuple[str, int, int]]]:
    """Each association's list as the full run finds it."""
    table, found = _full(*args)
    return _lists_by_key(table, found.candidates, found.points, found.support, {table.keys[i] for i in range(table.n)})


def _full_pairs(*args: Any) -> dict[tuple[str, str], tuple[str, str, int]]:
    """The suggestion of every pair as the full run writes it (better_sides): pair -> (for, of, points)."""
    table, found = _full(*args)
    rows, cands, points = found.pairs()
    kept = better_sides(rows, cands, points)
    keys = table.keys
    return {
        tuple(sorted((keys[r], keys[c]))): (keys[r], keys[c], p)  # type: ignore[misc]
        for r, c, p in zip(rows[kept].tolist(), cands[kept].tolist(), points[kept].tolist(), strict=True)
    }


def _written(live: LivePeers, stored: dict[tuple[str, str], tuple[str, str, int]], applied: Applied) -> None:
    """What a live writer does with a change: rewrite the pairs it touched as `views` says."""
    views = live.views(applied.pairs)
    for pair in views.gone:
        stored.pop(pair, None)
    keys = live.table.keys
    for r, c, p in zip(views.rows.tolist(), views.cands.tolist(), views.points.tolist(), strict=True):
        stored[tuple(sorted((keys[r], keys[c])))] = (keys[r], keys[c], p)  # type: ignore[index]


def _live_lists(live: LivePeers, keys: set[str]) -> dict[str, list[tuple[str, int, int]]]:
    return _lists_by_key(live.table, live.cands, live.points, live.support, keys)


def _edited(record: AssociationRecord, data: st.DataObject) -> AssociationRecord:
    draw = data.draw
    what = draw(
        st.sampled_from(
            ["tools", "considers", "reports", "fields", "groups", "district", "needs", "languages", "staff"]
        )
    )
    if what == "tools":
        tools = dict(record.tools)
        tool = draw(st.sampled_from(TOOLS))
        if tool in tools and draw(st.booleans()):
            del tools[tool]
        else:
            tools[tool] = draw(st.sampled_from(LEVELS))
        return dataclasses.replace(record, tools=tools)
    if what == "considers":
        return dataclasses.replace(record, considers=tuple(draw(st.sets(st.sampled_from(TOOLS), max_size=3))))
    if what == "reports":  # a report approved, or rejected, edited back to pending or deleted
        reported = set(record.reported) ^ {draw(st.sampled_from(TOOLS))}
        return dataclasses.replace(record, reported=tuple(sorted(reported)))
    if what == "fields":
        return dataclasses.replace(record, fields=tuple(draw(st.sets(st.sampled_from(FIELDS)))))
    if what == "groups":
        return dataclasses.replace(record, target_groups=tuple(draw(st.sets(st.sampled_from(GROUPS)))))
    if what == "district":
        return dataclasses.replace(record, district=draw(st.none() | st.sampled_from(VOCAB.districts)))
    if what == "needs":  # not a peer signal: the lists must stay as they are
        return dataclasses.replace(record, needs=(Need(draw(st.sampled_from(SKILLS)), 3, 1),))
    if what == "languages":
        return dataclasses.replace(record, languages=tuple(draw(st.sets(st.sampled_from(LANGUAGES), min_size=1))))
    return dataclasses.replace(record, paid_staff=draw(st.integers(0, 5)))


@pytest.mark.parametrize("anchors", [None, 1, 2], ids=["all-pairs", "one-anchor", "two-anchors"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_change_leaves_the_lists_a_full_run_finds(anchors: int | None, data: st.DataObject) -> None:
    seed = data.draw(st.integers(0, 10_000), label="seed")
    records = _records(random_assocs(48, seed, reports=0.15))
    table = AssociationTable.from_records([records[key] for key in sorted(records)], VOCAB)
    weights = data.draw(
        st.sampled_from([PeerWeights(), PeerWeights(tools=1.0, complementarity=0.5, fields=0.0, district=1.0)]),
        label="weights",
    )
    stats = peer_stats(table)  # frozen at the start: the changes below do not move it
    keys = sorted(records)
    excluded = {(keys[i], keys[i + 1]) for i in range(0, 12, 3)}
    live = LivePeers(table, DISTRICTS, weights, stats, excluded=excluded, k=5, anchors=anchors)
    assert _live_lists(live, set(records)) == _full_run(records, excluded, stats, anchors, weights)
    stored = _full_pairs(records, excluded, stats, anchors, weights)  # what the first full run wrote
    for _ in range(data.draw(st.integers(1, 12), label="changes")):
        kind = data.draw(st.sampled_from(["edit", "edit", "copy", "new", "delete", "exclude", "include"]))
        keys = sorted(records)
        if kind == "edit":
            key = data.draw(st.sampled_from(keys))
            records[key] = _edited(records[key], data)
            applied = live.upsert(AssociationTable.from_records([records[key]], VOCAB))
        elif kind == "copy":  # another's profile: equal scores, so ties decide
            key, copied = data.draw(st.lists(st.sampled_from(keys), min_size=2, max_size=2, unique=True))
            records[key] = dataclasses.replace(records[copied], key=key)
            applied = live.upsert(AssociationTable.from_records([records[key]], VOCAB))
        elif kind == "new":
            # a key between existing ones (or at either end), so rows move
            key = data.draw(st.sampled_from(["a", "a0", "a25x", "a4x", "a9x", "b", "a1x"]))
            if key in records:
                continue
            source = records[data.draw(st.sampled_from(keys))]
            records[key] = dataclasses.replace(source, key=key)
            if data.draw(st.booleans()):
                records[key] = _edited(records[key], data)
            applied = live.upsert(AssociationTable.from_records([records[key]], VOCAB))
        elif kind == "delete" and len(records) > 3:
            key = data.draw(st.sampled_from(keys))
            del records[key]
            excluded = {pair for pair in excluded if key not in pair}
            applied = live.remove([key])
        elif kind == "exclude":
            a, b = data.draw(st.lists(st.sampled_from(keys), min_size=2, max_size=2, unique=True))
            excluded.add((a, b))
            applied = live.set_excluded([(a, b)])
        elif kind == "include" and excluded:
            pair = data.draw(st.sampled_from(sorted(excluded)))
            excluded = {p for p in excluded if {p[0], p[1]} != {pair[0], pair[1]}}
            applied = live.set_excluded([pair], excluded=False)
        else:
            continue
        assert _live_lists(live, set(records)) == _full_run(records, excluded, stats, anchors, weights), kind
        _written(live, stored, applied)
        assert stored == _full_pairs(records, excluded, stats, anchors, weights), kind


def test_a_change_rescores_few_lists() -> None:
    """The point of it: one association's new tool re-scores its own list and the lists it is in or enters."""
    records = _records(random_assocs(400, 3))
    table = AssociationTable.from_records([records[key] for key in sorted(records)], VOCAB)
    live = LivePeers(table, DISTRICTS, PeerWeights(), peer_stats(table), k=5, anchors=2)
    key = table.keys[10]
    changed = dataclasses.replace(records[key], tools={**records[key].tools, "pretix": "EXPERT"})
    applied = live.upsert(AssociationTable.from_records([changed], VOCAB))
    assert 10 in applied.rows.tolist()
    assert len(applied.rows) > 1  # lists it was in, or now enters
    assert len(applied.rows) < table.n // 4


def test_rows_must_come_in_key_order() -> None:
    backwards = AssociationTable.from_records(
        sorted(_records(random_assocs(5, 1)).values(), key=lambda r: r.key)[::-1], VOCAB
    )
    with pytest.raises(ValueError, match="key order"):
        LivePeers(backwards, DISTRICTS, PeerWeights(), peer_stats(backwards))


def test_a_change_that_ties_the_last_of_a_pool_enters_it_by_row_order() -> None:
    """30 associations with one profile: each pool holds the 20 lowest rows of them. The first row, with another
    profile, takes the same one: tied with every pool's last, it comes first by row and enters each pool."""
    same = {"whatsapp": "EXPERT", "nextcloud": "BEGINNER"}
    records = {f"b{i:02d}": AssociationRecord(key=f"b{i:02d}", tools=same, fields=("sport",)) for i in range(30)}
    records["a"] = AssociationRecord(key="a", tools={"pretix": "EXPERT"})
    table = AssociationTable.from_records([records[key] for key in sorted(records)], VOCAB)
    stats = peer_stats(table)
    live = LivePeers(table, DISTRICTS, PeerWeights(), stats, k=5, anchors=None)
    records["a"] = dataclasses.replace(records["b00"], key="a")
    applied = live.upsert(AssociationTable.from_records([records["a"]], VOCAB))
    assert len(applied.rows) == 31
    assert _live_lists(live, set(records)) == _full_run(records, set(), stats, None, PeerWeights())
