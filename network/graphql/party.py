"""`Party`: an association or a volunteer, the two kinds of participant that suggestions and events link."""

from typing import Annotated, Any

import strawberry

from network.associations.types import Association
from network.volunteers.types import Volunteer

Party = Annotated[Association | Volunteer, strawberry.union("Party", description="An association or a volunteer.")]


def party(kind: str, row: dict[str, Any]) -> Association | Volunteer:
    return Association(row=row) if kind == "Association" else Volunteer(row=row)
