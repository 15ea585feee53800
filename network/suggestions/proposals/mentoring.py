"""Mentoring proposals: the optimal assignment of volunteers to associations over the eligible edges."""

import numpy as np

from network.matching.assignment import assign_mentors
from network.matching.inputs import AssociationTable, VolunteerTable
from network.matching.mentoring import EdgeReasons, MentoringEdges, edge_reasons, mentoring_edges
from network.matching.weights import POINTS
from network.suggestions.models import Proposal, SuggestionKind, mentoring_key
from network.suggestions.proposals.reasons_json import reason_lists_json


def mentoring_proposals(
    assocs: AssociationTable, vols: VolunteerTable, excluded_keys: set[str], mentors: np.ndarray, mentees: np.ndarray
) -> list[Proposal]:
    """The optimal assignment over the eligible edges, with capacity already used by mentorships subtracted."""
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
    chosen = assign_mentors(edges, cap_v, cap_a)
    reasons = edge_reasons_json(edge_reasons(assocs, vols, chosen.association, chosen.volunteer))
    out = []
    for a, v, fit, text in zip(
        chosen.association.tolist(), chosen.volunteer.tolist(), chosen.fit.tolist(), reasons, strict=True
    ):
        association, volunteer = assocs.keys[a], vols.keys[v]
        out.append(
            Proposal(
                SuggestionKind.MENTORING,
                mentoring_key(association, volunteer),
                association,
                volunteer,
                fit / POINTS,
                text,
            )
        )
    return out


def excluded_pairs(assocs: AssociationTable, vols: VolunteerTable, excluded_keys: set[str]) -> np.ndarray:
    """The excluded pair keys as ints a * m + v (rows of the tables); keys of unknown parties drop out.

    A key is split at every '|', so keys that contain '|' themselves still find their pair; comparing ints spares
    building a key string for each of the ~2M candidate edges.
    """
    association_row = {key: row for row, key in enumerate(assocs.keys)}
    volunteer_row = {key: row for row, key in enumerate(vols.keys)}
    found = []
    for pair in excluded_keys:
        parts = pair.split("|")
        for cut in range(1, len(parts)):
            a, v = association_row.get("|".join(parts[:cut])), volunteer_row.get("|".join(parts[cut:]))
            if a is not None and v is not None:
                found.append(a * max(vols.m, 1) + v)
    return np.array(found, np.int64)


def edge_reasons_json(reasons: EdgeReasons) -> list[str]:
    """Each edge's reasons as the JSON `reasons_json` writes (the peers' bulk writer, fed edge by edge)."""
    edges = len(reasons.start) - 1
    owner = np.repeat(np.arange(edges), np.diff(reasons.start))
    return reason_lists_json(reasons.reasons, reasons.ids, owner, edges)
