"""An independent recheck of the mentoring assignment against the input records (not the core's tables).

Every chosen pair is checked with plain Python on the validated import records: the volunteer offers a skill the
association needs at a level >= its minLevel, they share a language, the volunteer is remote or in the association's
district; and the capacities hold (maxMentees per volunteer, `association_capacity` per association, a pair once).
"""

from collections import Counter
from dataclasses import dataclass

from network.associations.models import AssociationInput
from network.volunteers.models import VolunteerInput


@dataclass(frozen=True)
class Violations:
    skill: int
    language: int
    place: int
    volunteer_capacity: int
    association_capacity: int
    duplicate_pairs: int

    @property
    def total(self) -> int:
        return (
            self.skill
            + self.language
            + self.place
            + self.volunteer_capacity
            + self.association_capacity
            + self.duplicate_pairs
        )


def mentoring_violations(
    associations: list[AssociationInput],
    volunteers: list[VolunteerInput],
    pairs: list[tuple[int, int]],
    association_capacity: int = 1,
) -> Violations:
    """`pairs`: (association index, volunteer index) of the chosen assignment."""
    skill = language = place = 0
    for a_index, v_index in pairs:
        a, v = associations[a_index], volunteers[v_index]
        offered = {s.skill: s.level for s in v.skills}
        skill += not any(offered.get(n.skill, 0) >= n.min_level for n in a.needs)
        language += not set(a.languages) & set(v.languages)
        place += not (v.remote or (a.district is not None and a.district == v.district))
    per_volunteer = Counter(v for _, v in pairs)
    per_association = Counter(a for a, _ in pairs)
    return Violations(
        skill=skill,
        language=language,
        place=place,
        volunteer_capacity=sum(
            count - volunteers[v].max_mentees for v, count in per_volunteer.items() if count > volunteers[v].max_mentees
        ),
        association_capacity=sum(
            count - association_capacity for count in per_association.values() if count > association_capacity
        ),
        duplicate_pairs=len(pairs) - len(set(pairs)),
    )
