"""Inputs of the matching core: a vocabulary of catalogue slugs and tables of associations and volunteers.

Rows are integer ids 0..n-1 (the table keeps the caller's key, e.g. a slug or UUID, per row). Catalogue sizes are
small (about 73 tools, 35 skills, 18 fields, 11 target groups, 12 districts, a few dozen languages), so per-row
attributes are dense numpy arrays (int8/bool): 100k associations x 73 tools is 7 MB. Products and joins build
scipy.sparse matrices from them where sparsity pays.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
import numpy.typing as npt

from network.matching.weights import DEFAULT_MAX_MENTEES

NONE = -1
PROFICIENCY = {"BEGINNER": 1, "INTERMEDIATE": 2, "EXPERT": 3}
BEGINNER, INTERMEDIATE, EXPERT = 1, 2, 3


def _index(slugs: Sequence[str]) -> dict[str, int]:
    if len(set(slugs)) != len(slugs):
        raise ValueError("vocabulary slugs must be unique")
    return {s: i for i, s in enumerate(slugs)}


@dataclass(frozen=True)
class Vocabulary:
    """Catalogue slugs in a fixed order; a row's attributes are columns in that order."""

    tools: tuple[str, ...]
    skills: tuple[str, ...]
    fields: tuple[str, ...]
    target_groups: tuple[str, ...]
    districts: tuple[str, ...]
    languages: tuple[str, ...]
    _maps: dict[str, dict[str, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        maps = {
            name: _index(getattr(self, name))
            for name in ("tools", "skills", "fields", "target_groups", "districts", "languages")
        }
        object.__setattr__(self, "_maps", maps)

    def id(self, kind: str, slug: str) -> int:
        try:
            return self._maps[kind][slug]
        except KeyError:
            raise ValueError(f"unknown {kind} slug '{slug}'") from None

    def ids(self, kind: str, slugs: Sequence[str]) -> np.ndarray:
        """`id` of many slugs at once (int64)."""
        found = np.fromiter(map(self._maps[kind].get, slugs, repeat(NONE)), np.int64, len(slugs))
        unknown = np.flatnonzero(found == NONE)
        if unknown.size:
            self.id(kind, slugs[unknown[0]])
        return found


@dataclass(frozen=True)
class Need:
    skill: str
    min_level: int  # DigComp 1-8
    priority: int = 2  # 1 most urgent .. 3


@dataclass(frozen=True)
class Links:
    """Catalogue entries of many rows at once, flat: row `rows[j]` has column `ids[j]`, which carries `values[j]`."""

    rows: np.ndarray  # int [k]
    ids: np.ndarray  # int [k]: the column in the vocabulary
    values: np.ndarray = field(default_factory=lambda: np.zeros(0))  # [k]: a proficiency, a level; empty if none


@dataclass(frozen=True)
class AssociationRecord:
    key: str
    district: str | None = None
    paid_staff: int = 0
    languages: tuple[str, ...] = ("de",)  # the first is the association's main language
    fields: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    tools: Mapping[str, str] = field(default_factory=dict)  # tool slug -> BEGINNER | INTERMEDIATE | EXPERT
    considers: tuple[str, ...] = ()
    needs: tuple[Need, ...] = ()
    reported: tuple[str, ...] = ()  # tools the association has an approved experience report on


@dataclass(frozen=True)
class VolunteerRecord:
    key: str
    district: str | None = None
    remote: bool = False
    languages: tuple[str, ...] = ("de",)
    hours_per_month: int = 0
    max_mentees: int = DEFAULT_MAX_MENTEES
    skills: Mapping[str, int] = field(default_factory=dict)  # skill slug -> DigComp level 1-8
    tools: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AssociationTable:
    vocab: Vocabulary
    keys: tuple[str, ...]
    proficiency: npt.NDArray[np.int8]  # [n, tools]: 0 unused, 1 BEGINNER, 2 INTERMEDIATE, 3 EXPERT
    considers: npt.NDArray[np.bool_]  # [n, tools]
    fields: npt.NDArray[np.bool_]  # [n, fields]
    target_groups: npt.NDArray[np.bool_]  # [n, target groups]
    district: npt.NDArray[np.int16]  # [n], NONE when unknown
    paid_staff: npt.NDArray[np.int32]  # [n]
    languages: npt.NDArray[np.bool_]  # [n, languages]
    main_language: npt.NDArray[np.int16]  # [n], NONE when no language given
    need_level: npt.NDArray[np.int8]  # [n, skills]: minLevel, 0 where not needed
    need_priority: npt.NDArray[np.int8]  # [n, skills]: 1..3, 0 where not needed
    reported: npt.NDArray[np.bool_]  # [n, tools]: an approved experience report on the tool

    @property
    def n(self) -> int:
        return len(self.keys)

    def __post_init__(self) -> None:
        n, v = len(self.keys), self.vocab
        _check_shape(
            self,
            n,
            {
                "proficiency": len(v.tools),
                "considers": len(v.tools),
                "fields": len(v.fields),
                "target_groups": len(v.target_groups),
                "languages": len(v.languages),
                "need_level": len(v.skills),
                "need_priority": len(v.skills),
                "reported": len(v.tools),
            },
            ("district", "paid_staff", "main_language"),
        )

    @classmethod
    def from_records(cls, records: Iterable[AssociationRecord], vocab: Vocabulary) -> "AssociationTable":
        rows = list(records)
        n, v = len(rows), vocab
        t = cls(
            vocab=v,
            keys=tuple(r.key for r in rows),
            proficiency=np.zeros((n, len(v.tools)), np.int8),
            considers=np.zeros((n, len(v.tools)), bool),
            fields=np.zeros((n, len(v.fields)), bool),
            target_groups=np.zeros((n, len(v.target_groups)), bool),
            district=np.full(n, NONE, np.int16),
            paid_staff=np.zeros(n, np.int32),
            languages=np.zeros((n, len(v.languages)), bool),
            main_language=np.full(n, NONE, np.int16),
            need_level=np.zeros((n, len(v.skills)), np.int8),
            need_priority=np.zeros((n, len(v.skills)), np.int8),
            reported=np.zeros((n, len(v.tools)), bool),
        )
        for i, r in enumerate(rows):
            for slug, level in r.tools.items():
                t.proficiency[i, v.id("tools", slug)] = _proficiency(level)
            for slug in r.considers:
                t.considers[i, v.id("tools", slug)] = True
            for slug in r.reported:
                t.reported[i, v.id("tools", slug)] = True
            t.fields[i, [v.id("fields", s) for s in r.fields]] = True
            t.target_groups[i, [v.id("target_groups", s) for s in r.target_groups]] = True
            t.district[i] = NONE if r.district is None else v.id("districts", r.district)
            t.paid_staff[i] = r.paid_staff
            t.languages[i, [v.id("languages", s) for s in r.languages]] = True
            t.main_language[i] = v.id("languages", r.languages[0]) if r.languages else NONE
            for need in r.needs:
                s = v.id("skills", need.skill)
                t.need_level[i, s] = _level(need.min_level)
                t.need_priority[i, s] = min(max(need.priority, 1), 3)
        return t

    @classmethod
    def from_columns(
        cls,
        vocab: Vocabulary,
        keys: Sequence[str],
        paid_staff: Sequence[int],
        languages: Links,
        district: Links,
        fields: Links,
        target_groups: Links,
        tools: Links,
        considers: Links,
        needs: Links,
        need_priorities: Links,
        reported: Links,
    ) -> "AssociationTable":
        """The table `from_records` builds, from one sequence per attribute and the links of all rows.

        Args:
            keys: one per row, as `paid_staff`.
            languages: a row's first language is its main one.
            tools: values are proficiencies; needs: minimum levels; need_priorities: the same links' priorities;
                reported: tools with an approved experience report.
        """
        n, v = len(keys), vocab
        t = cls(
            vocab=v,
            keys=tuple(keys),
            proficiency=np.zeros((n, len(v.tools)), np.int8),
            considers=np.zeros((n, len(v.tools)), bool),
            fields=np.zeros((n, len(v.fields)), bool),
            target_groups=np.zeros((n, len(v.target_groups)), bool),
            district=np.full(n, NONE, np.int16),
            paid_staff=np.asarray(paid_staff, np.int32).reshape(n),
            languages=np.zeros((n, len(v.languages)), bool),
            main_language=np.full(n, NONE, np.int16),
            need_level=np.zeros((n, len(v.skills)), np.int8),
            need_priority=np.zeros((n, len(v.skills)), np.int8),
            reported=np.zeros((n, len(v.tools)), bool),
        )
        t.proficiency[tools.rows, tools.ids] = _proficiencies(tools.values)
        t.considers[considers.rows, considers.ids] = True
        t.reported[reported.rows, reported.ids] = True
        t.fields[fields.rows, fields.ids] = True
        t.target_groups[target_groups.rows, target_groups.ids] = True
        t.district[district.rows] = district.ids
        t.languages[languages.rows, languages.ids] = True
        with_language, first = np.unique(languages.rows, return_index=True)
        t.main_language[with_language] = languages.ids[first]
        t.need_level[needs.rows, needs.ids] = _levels(needs.values)
        priorities = np.asarray(need_priorities.values, np.int64)
        t.need_priority[need_priorities.rows, need_priorities.ids] = np.clip(priorities, 1, 3)
        return t


@dataclass(frozen=True)
class VolunteerTable:
    vocab: Vocabulary
    keys: tuple[str, ...]
    district: npt.NDArray[np.int16]  # [m], NONE when unknown
    remote: npt.NDArray[np.bool_]  # [m]
    languages: npt.NDArray[np.bool_]  # [m, languages]
    hours: npt.NDArray[np.int16]  # [m] hours per month
    max_mentees: npt.NDArray[np.int16]  # [m]
    level: npt.NDArray[np.int8]  # [m, skills]: DigComp level, 0 where not offered
    proficiency: npt.NDArray[np.int8]  # [m, tools]

    @property
    def m(self) -> int:
        return len(self.keys)

    def __post_init__(self) -> None:
        v = self.vocab
        _check_shape(
            self,
            len(self.keys),
            {"languages": len(v.languages), "level": len(v.skills), "proficiency": len(v.tools)},
            ("district", "remote", "hours", "max_mentees"),
        )

    @classmethod
    def from_records(cls, records: Iterable[VolunteerRecord], vocab: Vocabulary) -> "VolunteerTable":
        rows = list(records)
        m, v = len(rows), vocab
        t = cls(
            vocab=v,
            keys=tuple(r.key for r in rows),
            district=np.full(m, NONE, np.int16),
            remote=np.array([r.remote for r in rows], bool),
            languages=np.zeros((m, len(v.languages)), bool),
            hours=np.array([r.hours_per_month for r in rows], np.int16).reshape(m),
            max_mentees=np.array([r.max_mentees for r in rows], np.int16).reshape(m),
            level=np.zeros((m, len(v.skills)), np.int8),
            proficiency=np.zeros((m, len(v.tools)), np.int8),
        )
        for i, r in enumerate(rows):
            t.district[i] = NONE if r.district is None else v.id("districts", r.district)
            t.languages[i, [v.id("languages", s) for s in r.languages]] = True
            for slug, level in r.skills.items():
                t.level[i, v.id("skills", slug)] = _level(level)
            for slug, prof in r.tools.items():
                t.proficiency[i, v.id("tools", slug)] = _proficiency(prof)
        return t

    @classmethod
    def from_columns(
        cls,
        vocab: Vocabulary,
        keys: Sequence[str],
        remote: Sequence[bool],
        languages: Links,
        hours: Sequence[int],
        max_mentees: Sequence[int],
        district: Links,
        skills: Links,
        tools: Links,
    ) -> "VolunteerTable":
        """The table `from_records` builds, from one sequence per attribute (one item per row) and the links of all
        rows (skills carry levels, tools proficiencies)."""
        m, v = len(keys), vocab
        t = cls(
            vocab=v,
            keys=tuple(keys),
            district=np.full(m, NONE, np.int16),
            remote=np.asarray(remote, bool).reshape(m),
            languages=np.zeros((m, len(v.languages)), bool),
            hours=np.asarray(hours, np.int16).reshape(m),
            max_mentees=np.asarray(max_mentees, np.int16).reshape(m),
            level=np.zeros((m, len(v.skills)), np.int8),
            proficiency=np.zeros((m, len(v.tools)), np.int8),
        )
        t.district[district.rows] = district.ids
        t.languages[languages.rows, languages.ids] = True
        t.level[skills.rows, skills.ids] = _levels(skills.values)
        t.proficiency[tools.rows, tools.ids] = _proficiencies(tools.values)
        return t


def _proficiency(value: str) -> int:
    try:
        return PROFICIENCY[value]
    except KeyError:
        raise ValueError(f"proficiency must be one of {sorted(PROFICIENCY)}, not '{value}'") from None


def _proficiencies(values: np.ndarray) -> np.ndarray:
    found = np.fromiter(map(PROFICIENCY.get, values, repeat(0)), np.int8, len(values))
    unknown = np.flatnonzero(found == 0)
    if unknown.size:
        _proficiency(values[unknown[0]])
    return found


def _levels(values: np.ndarray) -> np.ndarray:
    levels = np.asarray(values, np.int64)
    wrong = np.flatnonzero((levels < 1) | (levels > 8))
    if wrong.size:
        _level(int(levels[wrong[0]]))
    return levels.astype(np.int8)


def _level(value: int) -> int:
    if not 1 <= value <= 8:
        raise ValueError(f"DigComp level must be 1..8, not {value}")
    return value


def _check_shape(table: object, n: int, columns: dict[str, int], vectors: tuple[str, ...]) -> None:
    for name, width in columns.items():
        shape = getattr(table, name).shape
        if shape != (n, width):
            raise ValueError(f"{name} has shape {shape}, expected {(n, width)}")
    for name in vectors:
        if getattr(table, name).shape != (n,):
            raise ValueError(f"{name} must have one value per row ({n})")
