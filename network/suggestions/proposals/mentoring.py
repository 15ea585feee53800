"""Mentoring proposals: the optimal assignment of volunteers to associations over the eligible edges."""

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from network.matching.assignment import FLOW, Assignment, assign_mentors
from network.matching.inputs import AssociationTable, VolunteerTable
from network.matching.mentoring import EdgeReasons, MentoringEdges, edge_reasons, mentoring_edges
from network.matching.weights import POINTS
from network.suggestions.models import Proposal, SuggestionKind, mentoring_key
from network.suggestions.proposals.reasons_json import reason_lists_json


@dataclass(frozen=True)
class MentoringSolution:
    """The full run's mentoring: the candidate edges without the excluded pairs, and the optimal assignment."""

    edges: MentoringEdges
    assignment: Assignment


def solve_mentoring(
    assocs: AssociationTable, vols: VolunteerTable, excluded_keys: set[str], mentors: np.ndarray, mentees: np.ndarray
) -> MentoringSolution:
    """The optimal assignment over the eligible edges, with capacity already used by mentorships subtracted."""
    if not (assocs.n and vols.m):  # nothing to pair (and no language vocabulary to group by)
        none = np.zeros(0, np.int64)
        return MentoringSolution(
            MentoringEdges(none, none, none, assocs.n, vols.m), Assignment(none, none, none, none, 0, FLOW)
        )
    edges = mentoring_edges(assocs, vols)
    keep = ~np.isin(edges.association * max(vols.m, 1) + edges.volunteer, excluded_pairs(assocs, vols, excluded_keys))
    edges = MentoringEdges(
        association=edges.association[keep],
        volunteer=edges.volunteer[keep],
        fit=edges.fit[keep],
        n_associations=edges.n_associations,
        n_volunteers=edges.n_volunteers,
    )
    cap_v = np.maximum(vols.max_mentees.astype(np.int64) - mentees, 0)
    cap_a = np.maximum(1 - mentors, 0)  # one mentor per association; one already mentored needs no suggestion
    return MentoringSolution(edges, assign_mentors(edges, cap_v, cap_a))


def mentoring_proposals(
    assocs: AssociationTable, vols: VolunteerTable, excluded_keys: set[str], mentors: np.ndarray, mentees: np.ndarray
) -> list[Proposal]:
    """The proposals of `solve_mentoring`."""
    chosen = solve_mentoring(assocs, vols, excluded_keys, mentors, mentees).assignment
    return proposals_of(assocs, vols, chosen.association, chosen.volunteer, chosen.fit)


def proposals_of(
    assocs: AssociationTable, vols: VolunteerTable, a: np.ndarray, v: np.ndarray, fit: np.ndarray
) -> list[Proposal]:
    """Proposals of the assigned pairs (a[i], v[i]) of fit[i] points, with their reasons."""
    if not len(a):
        return []
    reasons = edge_reasons_json(edge_reasons(assocs, vols, a, v))
    out = []
    for row, col, points, text in zip(a.tolist(), v.tolist(), fit.tolist(), reasons, strict=True):
        association, volunteer = assocs.keys[row], vols.keys[col]
        out.append(
            Proposal(
                SuggestionKind.MENTORING,
                mentoring_key(association, volunteer),
                association,
                volunteer,
                points / POINTS,
                text,
            )
        )
    return out


def excluded_pairs(assocs: AssociationTable, vols: VolunteerTable, excluded_keys: set[str]) -> np.ndarray:
    """The excluded pair keys as ints a * m + v (rows of the tables); keys of unknown parties drop out. Comparing ints
    spares building a key string for each of the ~2M candidate edges."""
    association_row = {key: row for row, key in enumerate(assocs.keys)}
    volunteer_row = {key: row for row, key in enumerate(vols.keys)}
    span = max(vols.m, 1)
    return np.array(
        [a * span + v for key in excluded_keys for a, v in pair_rows(key, association_row, volunteer_row)], np.int64
    )


def pair_rows(key: str, association_row: Mapping[str, int], volunteer_row: Mapping[str, int]) -> list[tuple[int, int]]:
    """The (association, volunteer) rows a mentoring pair key names; none when a side is unknown. The key is split at
    every '|', so ids that contain '|' themselves still find their pair (each reading of an ambiguous key counts)."""
    parts = key.split("|")
    found = []
    for cut in range(1, len(parts)):
        a, v = association_row.get("|".join(parts[:cut])), volunteer_row.get("|".join(parts[cut:]))
        if a is not None and v is not None:
            found.append((a, v))
    return found


def edge_reasons_json(reasons: EdgeReasons) -> list[str]:
    """Each edge's reasons as the JSON `reasons_json` writes (the peers' bulk writer, fed edge by edge)."""
    edges = len(reasons.start) - 1
    owner = np.repeat(np.arange(edges), np.diff(reasons.start))
    return reason_lists_json(reasons.reasons, reasons.ids, owner, edges)
