"""Live mentoring: the assignment kept in memory and repaired locally after each change, without a global re-solve.

The full run solves a min-cost flow over every candidate edge (assignment.py). A change moves only the edges of the
parties it names; the repair then solves the assignment of a small neighbourhood exactly, with everything outside it
held fixed: the associations whose edges, mentor or capacity changed, then in rings around them the associations
holding a slot of a volunteer the ring's candidates share (a chain of moves reaches that far), at most `max_local`.
Volunteers keep only the capacity the associations outside the neighbourhood leave them, so a repair never breaks a
hard constraint, a capacity or an exclusion, and never lowers the neighbourhood's total fit (its assignment before
the repair is one of the solutions it chooses from). The nightly full run restores the global optimum; the
benchmark reports the gap after many changes.

Candidates. The state starts with the full run's edges. A changed association gets its `keep` best eligible
volunteers by exact fit; a changed volunteer enters the lists of the associations it is eligible for where it
beats their weakest candidate (a list may then hold a few more than `keep`), and leaves the others. Every
association has at most one mentor, as in the full run.
"""

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

import numpy as np
import numpy.typing as npt

from network.matching.assignment import assign_mentors
from network.matching.inputs import AssociationTable, VolunteerTable
from network.matching.mentoring import MentoringEdges, PackedVolunteers, edge_fit
from network.matching.weights import MENTOR_WEIGHTS, MentorWeights

KEEP: Final = 32  # candidates a changed association keeps: ~4 needs x the full run's 8 per need
MAX_LOCAL: Final = 1_000  # associations one repair re-solves at most
RINGS: Final = 3  # how far a chain of moves may reach from a changed party
_NONE: Final = -1
Table = TypeVar("Table", AssociationTable, VolunteerTable)


@dataclass(frozen=True)
class MentoringChange:
    """What one batch of changes says about the mentoring side, by key; parties not named stay as they are."""

    associations: AssociationTable | None = None  # new or changed, as they are now
    volunteers: VolunteerTable | None = None
    removed_associations: tuple[str, ...] = ()
    removed_volunteers: tuple[str, ...] = ()
    mentors: dict[str, int] = field(default_factory=dict)  # association -> mentorships it has now
    mentees: dict[str, int] = field(default_factory=dict)  # volunteer -> associations it mentors now
    excluded: tuple[tuple[str, str], ...] = ()  # (association, volunteer) no longer to be proposed
    included: tuple[tuple[str, str], ...] = ()  # an exclusion lifted


@dataclass(frozen=True)
class Repair:
    pairs: frozenset[tuple[str, str]]  # (association, volunteer) whose proposal appeared, went or changed
    local: int  # associations the repair re-solved
    edges: int  # edges of that local problem


class LiveMentoring:
    """The assignment over the candidate edges, kept in step with the parties (see the module doc)."""

    def __init__(
        self,
        assocs: AssociationTable,
        vols: VolunteerTable,
        edges: MentoringEdges,
        chosen: npt.NDArray[np.int64],
        mentors: np.ndarray,
        mentees: np.ndarray,
        excluded: Iterable[tuple[int, int]] = (),
        *,
        keep: int = KEEP,
        max_local: int = MAX_LOCAL,
        weights: MentorWeights = MENTOR_WEIGHTS,
    ) -> None:
        """`edges` without the excluded pairs, `chosen` the indices of the assigned edges (an `Assignment`'s),
        `mentors`/`mentees` per row the mentorships that exist, `excluded` (association row, volunteer row)."""
        self.assocs, self.vols = assocs, vols
        self.keep, self.max_local, self.weights = keep, max_local, weights
        self.a_row = {key: i for i, key in enumerate(assocs.keys)}
        self.v_row = {key: i for i, key in enumerate(vols.keys)}
        self.a_gone = np.zeros(assocs.n, bool)
        self.v_gone = np.zeros(vols.m, bool)
        self.mentors = np.asarray(mentors, np.int64).copy()
        self.mentees = np.asarray(mentees, np.int64).copy()
        self.excluded: set[tuple[int, int]] = set()
        self._excluded_by_a: dict[int, set[int]] = {}  # the same pairs by association and by volunteer
        self._excluded_by_v: dict[int, set[int]] = {}
        for a, v in excluded:
            self._exclude(a, v)
        self.packed = PackedVolunteers.of(vols, weights)  # what the fit derives from the volunteers, kept
        bounds = np.searchsorted(edges.association, np.arange(assocs.n + 1))
        self.cands = [edges.volunteer[bounds[a] : bounds[a + 1]].copy() for a in range(assocs.n)]
        self.fits = [edges.fit[bounds[a] : bounds[a + 1]].copy() for a in range(assocs.n)]
        self.size = np.diff(bounds).astype(np.int64)  # per association: candidates, and the weakest one's fit
        self.weakest = np.array([int(f.min()) if len(f) else 0 for f in self.fits], np.int64)
        # who may hold a volunteer as a candidate: the full run's edges by volunteer, plus those added since (a
        # superset: an entry is checked against the association's list when read)
        by_volunteer = np.argsort(edges.volunteer, kind="stable")
        self._rev = edges.association[by_volunteer].astype(np.int32)
        self._rev_start = np.searchsorted(edges.volunteer[by_volunteer], np.arange(vols.m + 1))
        self._rev_added: dict[int, set[int]] = {}
        self.mentor = np.full(assocs.n, _NONE, np.int64)
        self.mentor[edges.association[chosen]] = edges.volunteer[chosen]
        self.load = np.bincount(edges.volunteer[chosen], minlength=vols.m).astype(np.int64)
        self.holders: dict[int, set[int]] = {}  # volunteer -> the associations it is assigned to
        self._before: dict[int, int] = {}  # in a batch: association -> its mentor before, for every one noted
        for a, v in zip(edges.association[chosen].tolist(), edges.volunteer[chosen].tolist(), strict=True):
            self.holders.setdefault(v, set()).add(a)

    # capacities as the full run sets them (proposals/mentoring.py)
    def cap_a(self, a: int) -> int:
        return 0 if self.a_gone[a] else max(1 - int(self.mentors[a]), 0)

    def cap_v(self, v: int) -> int:
        return 0 if self.v_gone[v] else max(int(self.vols.max_mentees[v]) - int(self.mentees[v]), 0)

    def capacity_a(self, rows: np.ndarray) -> npt.NDArray[np.int64]:
        """`cap_a` of many rows at once."""
        return np.where(self.a_gone[rows], 0, np.maximum(1 - self.mentors[rows], 0)).astype(np.int64)

    def capacity_v(self, rows: np.ndarray) -> npt.NDArray[np.int64]:
        """`cap_v` of many rows at once."""
        spare = self.vols.max_mentees[rows].astype(np.int64) - self.mentees[rows]
        return np.where(self.v_gone[rows], 0, np.maximum(spare, 0)).astype(np.int64)

    def assignment(self) -> list[tuple[str, str, int]]:
        """(association, volunteer, fit) of every assigned pair."""
        return [self.assigned(a) for a in np.flatnonzero(self.mentor >= 0).tolist()]

    def assigned(self, a: int) -> tuple[str, str, int]:
        v = int(self.mentor[a])
        return self.assocs.keys[a], self.vols.keys[v], self.fit_of(a, v)

    def fit_of(self, a: int, v: int) -> int:
        at = np.flatnonzero(self.cands[a] == v)
        return int(self.fits[a][at[0]]) if len(at) else _NONE

    def _exclude(self, a: int, v: int, excluded: bool = True) -> None:
        if excluded:
            self.excluded.add((a, v))
            self._excluded_by_a.setdefault(a, set()).add(v)
            self._excluded_by_v.setdefault(v, set()).add(a)
        else:
            self.excluded.discard((a, v))
            self._excluded_by_a.get(a, set()).discard(v)
            self._excluded_by_v.get(v, set()).discard(a)

    def excluded_keys(self) -> set[tuple[str, str]]:
        return {(self.assocs.keys[a], self.vols.keys[v]) for a, v in self.excluded}

    def total_fit(self) -> int:
        return sum(fit for _, _, fit in self.assignment())

    def current_edges(self) -> MentoringEdges:
        """Every candidate edge the state holds, sorted by association (for a full solve over the same edges)."""
        sizes = np.array([len(c) for c in self.cands], np.int64)
        a = np.repeat(np.arange(len(self.cands)), sizes)
        v = np.concatenate(self.cands) if len(self.cands) else np.zeros(0, np.int64)
        fit = np.concatenate(self.fits) if len(self.fits) else np.zeros(0, np.int64)
        return MentoringEdges(a, v.astype(np.int64), fit.astype(np.int64), self.assocs.n, self.vols.m)

    def capacities(self) -> tuple[np.ndarray, np.ndarray]:
        """Volunteer and association capacities as the full run sets them."""
        return self.capacity_v(np.arange(self.vols.m)), self.capacity_a(np.arange(self.assocs.n))

    def nbytes(self) -> int:
        tables = sum(
            value.nbytes
            for table in (self.assocs, self.vols)
            for value in vars(table).values()
            if isinstance(value, np.ndarray)
        )
        lists = sum(c.nbytes + f.nbytes for c, f in zip(self.cands, self.fits, strict=True))
        packed = sum(int(getattr(self.packed, f.name).nbytes) for f in dataclasses.fields(self.packed))
        index = self._rev.nbytes + self._rev_start.nbytes + self.mentor.nbytes + self.load.nbytes
        return tables + lists + packed + index

    # -- changes

    def apply(self, change: MentoringChange) -> Repair:
        """Applies one batch of changes and repairs the assignment around them."""
        self._before = {}
        first: list[int] = []  # the changed associations and those that lost their mentor: re-solved first
        then: list[int] = []  # associations that may take a freed slot or a changed volunteer
        volunteers: set[int] = set()  # whose capacity may have fallen
        if change.associations is not None and change.associations.n:
            first += self._upsert_associations(change.associations, then)
        if change.volunteers is not None and change.volunteers.m:
            volunteers |= self._upsert_volunteers(change.volunteers, first, then)
        for key in change.removed_associations:
            a = self.a_row.get(key)
            if a is not None and not self.a_gone[a]:
                self.a_gone[a] = True
                self._release(a, then)
        for key in change.removed_volunteers:
            v = self.v_row.get(key)
            if v is not None and not self.v_gone[v]:
                self.v_gone[v] = True
                volunteers.add(v)
        for key, count in change.mentors.items():
            a = self.a_row.get(key)
            if a is not None and self.mentors[a] != count:
                self.mentors[a] = count
                if self.cap_a(a) == 0:
                    self._release(a, then)
                first.append(a)
        for key, count in change.mentees.items():
            v = self.v_row.get(key)
            if v is not None and self.mentees[v] != count:
                self.mentees[v] = count
                volunteers.add(v)
                then += self._adjacent(v)
        for a, v in self._rows_of(change.excluded):
            if (a, v) not in self.excluded:
                self._exclude(a, v)
                self._drop_edge(a, v, then)
                first.append(a)
        included = [pair for pair in self._rows_of(change.included) if pair in self.excluded]
        for a, v in included:
            self._exclude(a, v, excluded=False)
        lifted = sorted({a for a, _ in included})
        for a in lifted:
            self._set_edges(a, then)
        first += lifted
        for v in sorted(volunteers):
            first += self._over_capacity(v, then)
        local, size = self._resolve(first, then)
        pairs = set()
        for a, old in self._before.items():
            if old >= 0:
                pairs.add((self.assocs.keys[a], self.vols.keys[old]))
            if self.mentor[a] >= 0:
                pairs.add((self.assocs.keys[a], self.vols.keys[int(self.mentor[a])]))
        return Repair(pairs=frozenset(pairs), local=local, edges=size)

    def _rows_of(self, pairs: Iterable[tuple[str, str]]) -> list[tuple[int, int]]:
        found = ((self.a_row.get(a), self.v_row.get(v)) for a, v in pairs)
        return [(a, v) for a, v in found if a is not None and v is not None]

    def _note(self, a: int) -> None:
        """`a`'s proposal may change in this batch: its pairs are rewritten (a difference write)."""
        self._before.setdefault(a, int(self.mentor[a]))

    def _set_mentor(self, a: int, v: int) -> None:
        self._note(a)
        old = int(self.mentor[a])
        if old >= 0:
            self.load[old] -= 1
            self.holders[old].discard(a)
        self.mentor[a] = v
        if v >= 0:
            self.load[v] += 1
            self.holders.setdefault(v, set()).add(a)

    def _release(self, a: int, then: list[int]) -> None:
        """`a` loses its mentor; the associations that could take the freed slot are re-solved too."""
        v = int(self.mentor[a])
        if v >= 0:
            self._set_mentor(a, _NONE)
            then += self._adjacent(v)

    def _over_capacity(self, v: int, then: list[int]) -> list[int]:
        """Releases `v`'s weakest mentees until its load fits its capacity; returns them."""
        released = []
        while self.load[v] > self.cap_v(v):
            a = min(self.holders[v], key=lambda b: (self.fit_of(b, v), b))
            self._release(a, then)
            released.append(a)
        return released

    def _adjacent(self, v: int, limit: int = 200) -> list[int]:
        """Associations holding `v` as a candidate that could use it: without a mentor first, best fit first."""
        found = {a for a in self._may_hold(v) if not self.a_gone[a] and self.cap_a(a) > 0}
        ranked = []
        for a in found:
            fit = self.fit_of(a, v)
            if fit > 0:
                ranked.append((self.mentor[a] >= 0, -fit, a))
        return [a for _, _, a in sorted(ranked)[:limit]]

    def _set_list(self, a: int, cands: np.ndarray, fits: np.ndarray) -> None:
        """`a`'s candidates; a list grown to twice `keep` by volunteers entering is cut back to its best `keep` and
        its mentor."""
        if len(fits) >= 2 * self.keep:
            kept = np.argpartition(-fits, self.keep - 1)[: self.keep]
            mentor = np.flatnonzero(cands == self.mentor[a])
            if len(mentor) and mentor[0] not in kept:
                kept = np.append(kept, mentor[0])
            cands, fits = cands[kept], fits[kept]
        self.cands[a], self.fits[a] = cands, fits
        self.size[a] = len(fits)
        self.weakest[a] = int(fits.min()) if len(fits) else 0

    def _may_hold(self, v: int) -> list[int]:
        """Associations that may hold `v` as a candidate: a superset, checked against their lists by the caller."""
        return [*self._rev[self._rev_start[v] : self._rev_start[v + 1]].tolist(), *self._rev_added.get(v, ())]

    def _drop_edge(self, a: int, v: int, then: list[int]) -> None:
        keep = self.cands[a] != v
        if not keep.all():
            self._note(a)
            self._set_list(a, self.cands[a][keep], self.fits[a][keep])
            if self.mentor[a] == v:
                self._release(a, then)

    # -- associations

    def _upsert_associations(self, changed: AssociationTable, then: list[int]) -> list[int]:
        """Writes the rows; an association whose mentoring inputs did not change (say, its fields) keeps its
        candidates and needs no repair, the others get theirs afresh; returns those."""
        known = [self.a_row.get(key) for key in changed.keys]
        before = {a: self._mentoring_inputs(a) for a in known if a is not None and not self.a_gone[a]}
        moved = [a for a in self._upsert_association_rows(changed) if before.get(a) != self._mentoring_inputs(a)]
        for a in moved:
            self._set_edges(a, then)
        return moved

    def _mentoring_inputs(self, a: int) -> bytes:
        """What of association `a` the fit and the hard constraints read (edge_fit): needs, district, languages and
        the tools it uses or considers (not how well: a volunteer's tool points do not depend on it)."""
        t = self.assocs
        tools = (t.proficiency[a] > 0) | t.considers[a]
        parts = (t.need_level[a], t.need_priority[a], t.district[a : a + 1], t.languages[a], t.main_language[a : a + 1])
        return b"|".join(np.ascontiguousarray(part).tobytes() for part in (*parts, tools))

    def _set_edges(self, a: int, then: list[int]) -> None:
        """`a`'s candidates afresh: its `keep` best eligible volunteers by exact fit."""
        self._note(a)
        cands, fits = self._edges_of_association(a)
        self._set_list(a, cands, fits)
        for v in cands.tolist():
            self._rev_added.setdefault(v, set()).add(a)
        mentor = int(self.mentor[a])
        if mentor >= 0 and mentor not in set(cands.tolist()):
            self._release(a, then)

    def _edges_of_association(self, a: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        assocs, vols = self.assocs, self.vols
        needs = np.flatnonzero(assocs.need_level[a] > 0)
        if self.a_gone[a] or not len(needs):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        # the hard constraints first, cheaply, on whole columns; the exact fit only for the volunteers they keep
        ok = (vols.level[:, needs] >= assocs.need_level[a, needs]).any(axis=1)
        home = int(assocs.district[a])
        ok &= vols.remote | ((vols.district == home) & (home >= 0))
        ok &= vols.languages[:, np.flatnonzero(assocs.languages[a])].any(axis=1)
        ok &= ~self.v_gone
        ok[list(self._excluded_by_a.get(a, ()))] = False
        found = np.flatnonzero(ok)
        if not len(found):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        fit = edge_fit(  # against the whole volunteer table and its packed bits: no row copied
            table_rows(assocs, np.array([a]), keyed=False),
            vols,
            np.zeros(len(found), np.int64),
            found,
            self.weights,
            self.packed,
        )
        usable = fit > 0
        found, fit = found[usable], fit[usable]
        best = np.lexsort((found, -fit))[: self.keep]
        return found[best], fit[best].astype(np.int64)

    # -- volunteers

    def _upsert_volunteers(self, changed: VolunteerTable, first: list[int], then: list[int]) -> set[int]:
        rows = self._upsert_volunteer_rows(changed)
        for v in rows:
            self._set_volunteer_edges(v, first, then)
        return set(rows)

    def _set_volunteer_edges(self, v: int, first: list[int], then: list[int]) -> None:
        """`v` in the lists of the associations it is eligible for where it beats the weakest candidate, with its
        fit as it is now; out of the others."""
        holding = {a for a in self._may_hold(v) if (self.cands[a] == v).any()}
        rows, fits = self._eligible_for(v)
        fit_of = dict(zip(rows.tolist(), fits.tolist(), strict=True))
        for a in sorted(holding):
            at = np.flatnonzero(self.cands[a] == v)
            if a not in fit_of:
                self._drop_edge(a, v, then)
                first.append(a)
            elif self.fits[a][at[0]] != fit_of[a]:
                self._note(a)
                fits_now = self.fits[a].copy()
                fits_now[at] = fit_of[a]
                self._set_list(a, self.cands[a], fits_now)
                first.append(a)
        # where v beats the weakest candidate (or the list is short), looked at for all eligible rows at once
        free = ~np.isin(rows, np.fromiter(holding, np.int64, len(holding))) & (self.capacity_a(rows) > 0)
        beats = free & ((self.size[rows] < self.keep) | (fits > self.weakest[rows]))
        entering = sorted(zip((-fits[beats]).tolist(), rows[beats].tolist(), strict=True))
        for minus_fit, a in entering:
            self._set_list(a, np.append(self.cands[a], v), np.append(self.fits[a], -minus_fit))
            self._rev_added.setdefault(v, set()).add(a)
        then += [a for _, a in sorted(entering)[:200]]
        then += self._adjacent(v)

    def _eligible_for(self, v: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """The associations `v` may mentor, with the fit of each."""
        assocs, vols = self.assocs, self.vols
        offered = np.flatnonzero(vols.level[v] > 0)
        if self.v_gone[v] or not len(offered):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        need = assocs.need_level[:, offered]
        ok = ((need > 0) & (need <= vols.level[v, offered])).any(axis=1)
        if not vols.remote[v]:
            ok &= (assocs.district == vols.district[v]) & (assocs.district >= 0)
        ok &= assocs.languages[:, np.flatnonzero(vols.languages[v])].any(axis=1)
        ok &= ~self.a_gone
        ok[list(self._excluded_by_v.get(v, ()))] = False
        found = np.flatnonzero(ok)
        if not len(found):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        fit = edge_fit(
            table_rows(assocs, found, keyed=False),
            vols,
            np.arange(len(found)),
            np.full(len(found), v, np.int64),
            self.weights,
            self.packed,
        )
        usable = fit > 0
        return found[usable], fit[usable].astype(np.int64)

    # -- rows

    def _upsert_association_rows(self, changed: AssociationTable) -> list[int]:
        """Writes the changed associations' rows (new ones at the end); returns their rows."""
        self.assocs, rows, grow = _upserted(self.assocs, self.a_row, changed)
        if grow:
            self.a_gone = np.concatenate([self.a_gone, np.zeros(grow, bool)])
            self.mentors = np.concatenate([self.mentors, np.zeros(grow, np.int64)])
            self.mentor = np.concatenate([self.mentor, np.full(grow, _NONE, np.int64)])
            self.cands += [np.zeros(0, np.int64) for _ in range(grow)]
            self.fits += [np.zeros(0, np.int64) for _ in range(grow)]
            self.size = np.concatenate([self.size, np.zeros(grow, np.int64)])
            self.weakest = np.concatenate([self.weakest, np.zeros(grow, np.int64)])
        self.a_gone[rows] = False
        return rows

    def _upsert_volunteer_rows(self, changed: VolunteerTable) -> list[int]:
        """Writes the changed volunteers' rows (new ones at the end); returns their rows."""
        self.vols, rows, grow = _upserted(self.vols, self.v_row, changed)
        now = PackedVolunteers.of(changed, self.weights)
        packed = {f.name: getattr(self.packed, f.name) for f in dataclasses.fields(self.packed)}
        if grow:
            packed = {name: _padded(values, grow) for name, values in packed.items()}
        for name, values in packed.items():
            values[rows] = getattr(now, name)
        self.packed = PackedVolunteers(**packed)
        if grow:
            self.v_gone = np.concatenate([self.v_gone, np.zeros(grow, bool)])
            self.mentees = np.concatenate([self.mentees, np.zeros(grow, np.int64)])
            self.load = np.concatenate([self.load, np.zeros(grow, np.int64)])
            self._rev_start = np.concatenate([self._rev_start, np.full(grow, self._rev_start[-1])])
        self.v_gone[rows] = False
        return rows

    # -- the local solve

    def _resolve(self, first: list[int], then: list[int]) -> tuple[int, int]:
        """Solves the assignment of the neighbourhood of `first` and `then` exactly, all else fixed; returns its
        size in associations and edges."""
        local: dict[int, None] = {}  # ordered: changed parties first, then what they free, then the rings

        def add(found: Iterable[int]) -> list[int]:
            added = []
            for a in found:
                if len(local) >= self.max_local:
                    break
                if a not in local and not self.a_gone[a] and self.cap_a(a) > 0:
                    local[a] = None
                    added.append(a)
            return added

        frontier = add(first) + add(then)
        for _ in range(RINGS):
            if not frontier or len(local) >= self.max_local:
                break
            shared = {v for a in frontier for v in self.cands[a].tolist()}
            frontier = add(b for v in sorted(shared) for b in sorted(self.holders.get(v, ())))
        if not local:
            return 0, 0
        rows = np.fromiter(local, np.int64, len(local))
        best = [self._best(a) for a in rows.tolist()]
        sizes = np.array([len(c) for c in best], np.int64)
        la = np.repeat(np.arange(len(rows)), sizes)
        v = np.concatenate([self.cands[a][c] for a, c in zip(rows.tolist(), best, strict=True)]).astype(np.int64)
        fit = np.concatenate([self.fits[a][c] for a, c in zip(rows.tolist(), best, strict=True)]).astype(np.int64)
        live = ~self.v_gone[v] & (fit > 0)
        la, v, fit = la[live], v[live], fit[live]
        vols, lv = np.unique(v, return_inverse=True)
        held = self.mentor[rows]
        held = held[np.isin(held, vols)]  # every mentor is among its association's candidates
        inside = np.bincount(np.searchsorted(vols, held), minlength=len(vols))
        cap_v = self.capacity_v(vols) - (self.load[vols] - inside)
        cap_a = self.capacity_a(rows)
        # among equally good solutions the one keeping most current mentors: fewer suggestions move
        current = self.mentor[rows][la] == vols[lv]
        weighted = fit * (len(rows) + 1) + current
        order = np.lexsort((-weighted, la))
        edges = MentoringEdges(la[order], lv[order].astype(np.int64), weighted[order], len(rows), len(vols))
        chosen = assign_mentors(edges, np.maximum(cap_v, 0), cap_a)
        new = np.full(len(rows), _NONE, np.int64)
        new[chosen.association] = vols[chosen.volunteer]
        for i in np.flatnonzero(new != self.mentor[rows]).tolist():  # leaving first: no load above capacity meanwhile
            if new[i] < 0:
                self._set_mentor(int(rows[i]), _NONE)
        for i in np.flatnonzero(new != self.mentor[rows]).tolist():
            self._set_mentor(int(rows[i]), int(new[i]))
        return len(rows), len(edges)

    def _best(self, a: int) -> npt.NDArray[np.intp]:
        """Where in `a`'s candidates its `keep` best and its mentor are: what a repair chooses from (the full run's
        lists hold every eligible volunteer in small worlds, hundreds per association)."""
        fits = self.fits[a]
        if len(fits) <= self.keep:
            return np.arange(len(fits))
        best = np.argpartition(-fits, self.keep - 1)[: self.keep]
        mentor = np.flatnonzero(self.cands[a] == self.mentor[a])
        return best if not len(mentor) or mentor[0] in best else np.append(best, mentor[0])


def _arrays(table: AssociationTable | VolunteerTable) -> list[str]:
    return [f.name for f in dataclasses.fields(table) if isinstance(getattr(table, f.name), np.ndarray)]


def table_rows(table: Table, rows: np.ndarray, *, keyed: bool = True) -> Table:
    """The table of these rows only (a copy); without their keys (blank) when not `keyed`: the fit reads no keys,
    and copying a key per row cost half of a changed party's scoring at 300k volunteers."""
    arrays: dict[str, Any] = {name: getattr(table, name)[rows] for name in _arrays(table)}
    keys = tuple(table.keys[i] for i in rows.tolist()) if keyed else ("",) * len(rows)
    return dataclasses.replace(table, keys=keys, **arrays)


def _upserted(table: Table, index: dict[str, int], changed: Table) -> tuple[Table, list[int], int]:
    """`table` with the rows of `changed` written (new keys appended, `index` extended), their rows, how many new."""
    if changed.vocab != table.vocab:
        raise ValueError("a change must use the state's vocabulary")
    added: list[str] = [key for key in changed.keys if key not in index]
    if added:
        arrays: dict[str, Any] = {name: _padded(getattr(table, name), len(added)) for name in _arrays(table)}
        table = dataclasses.replace(table, keys=(*table.keys, *added), **arrays)
        for key in added:
            index[key] = len(index)
    rows = [index[key] for key in changed.keys]
    for name in _arrays(table):
        getattr(table, name)[rows] = getattr(changed, name)
    return table, rows, len(added)


def _padded(values: np.ndarray, extra: int) -> np.ndarray:
    """`values` with `extra` empty rows at the end."""
    return np.concatenate([values, np.zeros((extra, *values.shape[1:]), values.dtype)])
