"""Validated input for an event, as the API and the import file give it."""

import datetime as dt
from enum import StrEnum
from typing import Annotated

import strawberry
from pydantic import AwareDatetime, Field, StringConstraints, field_validator, model_validator

from network.kit.models import InputModel, Name, Slug, Text, unique
from network.kit.vocabulary import Visibility


@strawberry.enum
class EventFormat(StrEnum):
    ONLINE = "ONLINE"
    IN_PERSON = "IN_PERSON"
    HYBRID = "HYBRID"


class EventTopicsInput(InputModel):
    tools: list[Slug] = Field(default_factory=list, max_length=50)
    skills: list[Slug] = Field(default_factory=list, max_length=50)
    fields: list[Slug] = Field(default_factory=list, max_length=18)

    _unique = field_validator("tools", "skills", "fields")(unique)


class EventMessageInput(InputModel):
    """What staff write to those who take part in an event."""

    subject: Name
    text: Annotated[str, StringConstraints(min_length=1, max_length=5000)]


class EventInput(InputModel):
    slug: Slug
    title: Name
    description: Text | None = None
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    format: EventFormat = EventFormat.IN_PERSON
    district: Slug | None = None
    capacity: int | None = Field(None, ge=1, le=100_000)
    visibility: Visibility = Visibility.PUBLIC
    outreach_share: float = Field(0.3, ge=0, le=1, description="Share of invitations reserved for outreach")
    about: EventTopicsInput = Field(default_factory=EventTopicsInput)

    @model_validator(mode="after")
    def _ends_after_start(self) -> "EventInput":
        if self.ends_at <= self.starts_at:
            raise ValueError("endsAt must be after startsAt")
        if self.ends_at - self.starts_at > dt.timedelta(days=14):
            raise ValueError("an event lasts at most 14 days (endsAt - startsAt)")
        return self
