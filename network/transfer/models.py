"""The import file: associations, volunteers, connections and events."""

from pydantic import Field, model_validator

from network.associations.models import AssociationInput
from network.events.models import EventInput
from network.kit.models import InputModel, Slug
from network.volunteers.models import VolunteerInput


class ConnectionInput(InputModel):
    a: Slug
    b: Slug

    @model_validator(mode="after")
    def _two_different(self) -> "ConnectionInput":
        if self.a == self.b:
            raise ValueError("an association cannot be connected with itself")
        return self


class ImportDocument(InputModel):
    """The top level; each record is validated on its own, so that every bad record can be reported."""

    associations: list[dict[str, object]] = Field(default_factory=list)
    volunteers: list[dict[str, object]] = Field(default_factory=list)
    connections: list[dict[str, object]] = Field(default_factory=list)
    events: list[dict[str, object]] = Field(default_factory=list)


RECORD_MODELS: dict[str, type[InputModel]] = {
    "associations": AssociationInput,
    "volunteers": VolunteerInput,
    "connections": ConnectionInput,
    "events": EventInput,
}
