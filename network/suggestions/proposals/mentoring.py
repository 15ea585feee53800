"""Mentoring proposals: the optimal assignment of volunteers to associations over the eligible edges."""

import numpy as np

from network.matching.assignment import assign_mentors
from network.matching.inputs import AssociationTable, VolunteerTable
from network.matching.mentoring import MentoringEdges, mentoring_edges, mentoring_reasons
from network.matching.weights import POINTS
from network.suggestions.models import Proposal, SuggestionKind, mentoring_key
from network.suggestions.proposals.reasons_json import reasons_json


def mentoring_proposals(assocs: AssociationTable, vols: VolunteerTable, excluded_keys: set[str],
                        mentors: np.ndarray, mentees: np.ndarray) -> list[Proposal]:
    """The optimal assignment over the eligible edges, with capacity already used by mentorships subtracted."""
    edges = mentoring_edges(assocs, vols)
    keep = np.array([mentoring_key(assocs.keys[a], vols.keys[v]) not in excluded_keys
                     for a, v in zip(edges.association.tolist(), edges.volunteer.tolist(), strict=True)], bool)
    edges = MentoringEdges(association=edges.association[keep], volunteer=edges.volunteer[keep],
                           fit=edges.fit[keep], n_associations=edges.n_associations, n_volunteers=edges.n_volunteers)
    cap_v = np.maximum(vols.max_mentees.astype(np.int64) - mentees, 0)
    cap_a = np.maximum(1 - mentors, 0)  # one mentor per association; one already mentored needs no suggestion
    chosen = assign_mentors(edges, cap_v, cap_a)
    out = []
    for a, v, fit in zip(chosen.association.tolist(), chosen.volunteer.tolist(), chosen.fit.tolist(), strict=True):
        association, volunteer = assocs.keys[a], vols.keys[v]
        out.append(Proposal(SuggestionKind.MENTORING, mentoring_key(association, volunteer), association, volunteer,
                            fit / POINTS, reasons_json(mentoring_reasons(assocs, vols, a, v))))
    return out
