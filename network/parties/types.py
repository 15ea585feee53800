"""`Party`: an association or a volunteer, the two kinds of participant that suggestions and events link."""

from typing import Annotated, cast

import strawberry

from network.associations.repository import AssociationProfile
from network.associations.types import Association
from network.volunteers.repository import VolunteerProfile
from network.volunteers.types import Volunteer

Party = Annotated[Association | Volunteer, strawberry.union("Party", description="An association or a volunteer.")]
# The profile of either kind of party, as a query returns it beside the party's label
PartyProfile = AssociationProfile | VolunteerProfile


def party(kind: str, row: PartyProfile) -> Association | Volunteer:
    """The party of `kind` (its label, Association or Volunteer), which says which profile `row` is."""
    if kind == "Association":
        return Association(row=cast(AssociationProfile, row))
    return Volunteer(row=cast(VolunteerProfile, row))
