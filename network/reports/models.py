"""Validated input of experience reports and of staff's tool tips, and the words both use.

How long a switch took is a range, not a number: people remember it roughly ("a few weeks"), a free number of weeks
invites false precision and unit mistakes ("0.5"? "3" meaning months?), and ranges read the same in every report, so
readers can compare them and the matching can count them. A report on a tool that replaced nothing leaves it out.
"""

from enum import StrEnum
from typing import Annotated, Literal

import strawberry
from pydantic import Field, StringConstraints, field_validator

from network.kit.models import InputModel, Slug

TEXT_MAX = 2000  # characters of each text of a report: enough for a paragraph, short enough to read many
REASON_MAX = 500  # characters of a moderation reason
TIP_MAX = 280  # characters of one staff tip: a tip is short, or it is a guide
TIPS_MAX = 10  # tips per tool


@strawberry.enum(description="How long the switch to the tool took, as a range.")
class SwitchDuration(StrEnum):
    LESS_THAN_A_WEEK = "LESS_THAN_A_WEEK"
    ONE_TO_FOUR_WEEKS = "ONE_TO_FOUR_WEEKS"
    ONE_TO_THREE_MONTHS = "ONE_TO_THREE_MONTHS"
    THREE_TO_TWELVE_MONTHS = "THREE_TO_TWELVE_MONTHS"
    MORE_THAN_A_YEAR = "MORE_THAN_A_YEAR"
    ONGOING = "ONGOING"  # still switching


@strawberry.enum(description="Where a report stands: shown to everyone only once staff approved it.")
class ReportStatus(StrEnum):
    PENDING = "PENDING"  # written or changed, waiting for staff
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"  # with staff's reason, which the authors read


ReportLanguage = Literal["de", "en"]
ReportText = Annotated[str, StringConstraints(max_length=TEXT_MAX)]


class ReportContent(InputModel):
    """What a report says; `usedFor` and the rating are required, the rest may stay empty."""

    rating: int = Field(ge=1, le=5)
    used_for: ReportText
    went_well: ReportText = ""
    went_badly: ReportText = ""
    switch_duration: SwitchDuration | None = None
    replaced: Slug | None = None  # a tool of the catalogue this one replaced
    tips: ReportText = ""
    language: ReportLanguage = "de"

    @field_validator("used_for")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value:
            raise ValueError("must not be empty: say what the association used the tool for")
        return value


class ReportInput(ReportContent):
    """A new report (or a new version of the association's report on the tool): who it is for and what about."""

    association: Slug
    tool: Slug


class RejectInput(InputModel):
    reason: Annotated[str, StringConstraints(min_length=1, max_length=REASON_MAX)]


class TipInput(InputModel):
    text: Annotated[str, StringConstraints(min_length=1, max_length=TIP_MAX)]
    language: ReportLanguage = "de"


class TipsInput(InputModel):
    tool: Slug
    tips: list[TipInput] = Field(max_length=TIPS_MAX)
