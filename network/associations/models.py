"""Validated input for an association's profile, as the API and the import file give it."""

import datetime as dt

from pydantic import Field, field_validator

from network.kit.models import Email, InputModel, LanguageCode, Level, Name, Slug, Text, unique
from network.kit.vocabulary import Proficiency, Visibility


class ToolUsageInput(InputModel):
    tool: Slug
    proficiency: Proficiency = Proficiency.INTERMEDIATE
    since: dt.date | None = None


class SkillNeedInput(InputModel):
    skill: Slug
    min_level: Level = 1
    priority: int = Field(2, ge=1, le=3, description="1 (most urgent) to 3")


class AssociationInput(InputModel):
    slug: Slug
    name: Name
    description: Text | None = None
    district: Slug | None = None
    members: int | None = Field(None, ge=0, le=10_000_000)
    paid_staff: int | None = Field(None, ge=0, le=1_000_000)
    languages: list[LanguageCode] = Field(default_factory=list, max_length=20)
    fields: list[Slug] = Field(default_factory=list, max_length=18)
    target_groups: list[Slug] = Field(default_factory=list, max_length=20)
    tools: list[ToolUsageInput] = Field(default_factory=list, max_length=100)
    considers: list[Slug] = Field(default_factory=list, max_length=100)
    needs: list[SkillNeedInput] = Field(default_factory=list, max_length=50)
    contact_email: Email | None = None
    visibility: Visibility = Visibility.PUBLIC

    _unique = field_validator("languages", "fields", "target_groups", "considers")(unique)

    @field_validator("tools")
    @classmethod
    def _one_usage_per_tool(cls, tools: list[ToolUsageInput]) -> list[ToolUsageInput]:
        if len({t.tool for t in tools}) != len(tools):
            raise ValueError("names a tool more than once")
        return tools

    @field_validator("needs")
    @classmethod
    def _one_need_per_skill(cls, needs: list[SkillNeedInput]) -> list[SkillNeedInput]:
        if len({n.skill for n in needs}) != len(needs):
            raise ValueError("names a skill more than once")
        return needs
