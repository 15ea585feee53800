"""Graph reads to the matching core's tables, one vocabulary for both sides."""

import json
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from itertools import chain, repeat

import numpy as np

from graph_schema.catalogue.reference import DATA
from network.matching.districts import DistrictMap
from network.matching.inputs import (
    AssociationTable,
    Links,
    Vocabulary,
    VolunteerTable,
)
from network.suggestions.repository import (
    AssociationColumns,
    CatalogueSlugs,
    LinkColumns,
    LinkValue,
    VolunteerColumns,
)


def district_map() -> DistrictMap:
    # Bounding boxes are reference data, not graph data: the catalogue file is where they live.
    records = json.loads((DATA / "berlin_districts.json").read_text(encoding="utf-8"))["districts"]
    return DistrictMap.from_catalogue(records)


def vocabulary_of(catalogue: CatalogueSlugs, districts: DistrictMap, languages: Iterable[str]) -> Vocabulary:
    # Languages are free ISO codes, not a catalogue: the vocabulary takes whatever the profiles use.
    return Vocabulary(
        tools=tuple(catalogue["tools"]),
        skills=tuple(catalogue["skills"]),
        fields=tuple(catalogue["fields"]),
        target_groups=tuple(catalogue["targetGroups"]),
        districts=districts.slugs,
        languages=tuple(sorted(set(languages))),
    )


class NodeRows:
    """The table row of each node of a side, by the internal ids its read returned (`node`, in row order)."""

    def __init__(self, nodes: Sequence[int]) -> None:
        ids = np.asarray(nodes, np.int64)
        self._order = np.argsort(ids)
        self._sorted = ids[self._order]

    def links(self, read: LinkColumns, vocab: Vocabulary, kind: str, value: LinkValue | None = None) -> Links:
        """A `MatchingInputs.links` read as Links to `kind` columns, carrying `value`; links of nodes this side's
        read did not return (created since) are left out."""
        counts = np.fromiter(map(len, read["node"]), np.int64, len(read["node"]))
        total = int(counts.sum())
        nodes = np.fromiter(chain.from_iterable(read["node"]), np.int64, total)
        at = np.searchsorted(self._sorted, nodes)
        known = at < len(self._sorted)
        known[known] = self._sorted[at[known]] == nodes[known]
        ids = np.repeat(vocab.ids(kind, read["slug"]), counts)
        values = np.fromiter(chain.from_iterable(read[value]), object, total) if value else np.zeros(total)
        return Links(rows=self._order[at[known]], ids=ids[known], values=values[known])


def association_table_of(
    nodes: AssociationColumns, links: dict[str, LinkColumns], vocab: Vocabulary
) -> AssociationTable:
    """The table of `MatchingInputs.associations` and its links (by relationship)."""
    rows = NodeRows(nodes["node"])
    return AssociationTable.from_columns(
        vocab,
        nodes["id"],
        nodes["paidStaff"],
        _languages(nodes["languages"], vocab),
        district=rows.links(links["LOCATED_IN"], vocab, "districts"),
        fields=rows.links(links["ACTIVE_IN"], vocab, "fields"),
        target_groups=rows.links(links["SERVES"], vocab, "target_groups"),
        tools=rows.links(links["USES"], vocab, "tools", "proficiency"),
        considers=rows.links(links["CONSIDERS"], vocab, "tools"),
        needs=rows.links(links["NEEDS"], vocab, "skills", "minLevel"),
        need_priorities=rows.links(links["NEEDS"], vocab, "skills", "priority"),
        reported=rows.links(links["REPORTED"], vocab, "tools"),
    )


def volunteer_table_of(nodes: VolunteerColumns, links: dict[str, LinkColumns], vocab: Vocabulary) -> VolunteerTable:
    """The table of `MatchingInputs.volunteers` and its links (by relationship)."""
    rows = NodeRows(nodes["node"])
    return VolunteerTable.from_columns(
        vocab,
        nodes["id"],
        nodes["remote"],
        _languages(nodes["languages"], vocab),
        nodes["hours"],
        nodes["maxMentees"],
        district=rows.links(links["AVAILABLE_IN"], vocab, "districts"),
        skills=rows.links(links["OFFERS"], vocab, "skills", "level"),
        tools=rows.links(links["KNOWS"], vocab, "tools", "proficiency"),
    )


def in_key_order(table: AssociationTable) -> AssociationTable:
    """The table with its rows in key order, as live peer lists keep them (the reads return id order, which is
    the same for ids of ASCII characters: a no-op then)."""
    keys = np.array(table.keys, object)
    if len(keys) < 2 or bool(np.all(keys[:-1] <= keys[1:])):
        return table
    order = np.argsort(keys, kind="stable")
    per_row = {
        f.name: getattr(table, f.name)[order] for f in fields(table) if isinstance(getattr(table, f.name), np.ndarray)
    }
    return replace(table, keys=tuple(keys[order].tolist()), **per_row)


def _languages(joined: list[str], vocab: Vocabulary) -> Links:
    """Links of each row to its languages, in order, from the codes a read joined into one string per row."""
    counts = np.fromiter(map(str.count, joined, repeat(" ")), np.int64, len(joined))
    return Links(rows=np.repeat(np.arange(len(joined)), counts), ids=vocab.ids("languages", "".join(joined).split()))
