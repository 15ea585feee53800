"""Validated input of technical questions and answers, and what their notifications carry.

What the mail of a help notification says travels in the notification's `data` (a JSON object), written when the
question is routed or answered, so the mail shows the question as it was asked:

HELP_ROUTED (to each account of a volunteer the question was routed to)::

    {"question": str,                      # the question's text
     "questionId": str,                    # its global id (HelpQuestion:...), for a link into the web client
     "language": str,                      # 'de' or another two-letter code: the question's language
     "about": {"kind": "tool" | "skill", "slug": str, "name": str} | null,
     "reasons": [{"code": str, "detail": str | null, "weight": float}],   # why this volunteer, strongest first
     "askerName": str | null}              # the asker's association (or volunteer) name; never an address

Reason codes: SKILL_MATCH (detail: the skill's slug and level as "slug:level"), KNOWS_TOOL (detail: the tool's
slug and proficiency as "slug:EXPERT"), COMMON_LANGUAGE (detail: the language), HOURS_AVAILABLE (detail: hours per
month), FEW_OPEN_QUESTIONS (detail: how many questions the volunteer has claimed and not answered yet).

HELP_ANSWERED (to the asker's account)::

    {"question": str, "questionId": str, "language": str, "about": {...} | null,
     "answer": str,                        # the answer's text
     "answeredBy": str}                    # the volunteer's display name
"""

from enum import StrEnum

from pydantic import Field, ValidationInfo, field_validator

from network.kit.models import InputModel, LanguageCode, Slug

QUESTION_MAX = 5000  # characters of a question (a mail's subject and body together)
ANSWER_MAX = 10000  # characters of an answer


class QuestionStatus(StrEnum):
    OPEN = "OPEN"  # asked, maybe routed; nobody claimed it yet
    CLAIMED = "CLAIMED"  # a routed volunteer took it on
    ANSWERED = "ANSWERED"
    CLOSED = "CLOSED"  # withdrawn by the asker or closed by staff without an answer


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


class AskInput(InputModel):
    """A question about a tool, a skill or neither (slugs of the catalogue), in a language ('de' unless given)."""

    text: str = Field(max_length=QUESTION_MAX)
    tool: Slug | None = None
    skill: Slug | None = None
    language: LanguageCode = "de"

    _text = field_validator("text")(_not_blank)

    @field_validator("skill")
    @classmethod
    def _one_topic(cls, skill: str | None, info: ValidationInfo) -> str | None:
        if skill is not None and info.data.get("tool") is not None:
            raise ValueError("a question is about one tool or one skill, not both")
        return skill


class AnswerInput(InputModel):
    text: str = Field(max_length=ANSWER_MAX)

    _text = field_validator("text")(_not_blank)
