"""Validated input for a volunteer's profile, as the API and the import file give it."""

from pydantic import Field, field_validator

from network.kit.models import Email, InputModel, LanguageCode, Level, Name, Slug, Text, unique
from network.kit.vocabulary import Proficiency


class SkillOfferInput(InputModel):
    skill: Slug
    level: Level


class ToolKnowledgeInput(InputModel):
    tool: Slug
    proficiency: Proficiency = Proficiency.INTERMEDIATE


class VolunteerInput(InputModel):
    slug: Slug
    display_name: Name
    bio: Text | None = None
    languages: list[LanguageCode] = Field(default_factory=list, max_length=20)
    district: Slug | None = None
    remote: bool = False
    hours_per_month: int | None = Field(None, ge=0, le=200)
    max_mentees: int = Field(2, ge=0, le=20)
    skills: list[SkillOfferInput] = Field(default_factory=list, max_length=50)
    tools: list[ToolKnowledgeInput] = Field(default_factory=list, max_length=100)
    contact_email: Email | None = None

    _unique = field_validator("languages")(unique)

    @field_validator("skills")
    @classmethod
    def _one_offer_per_skill(cls, skills: list[SkillOfferInput]) -> list[SkillOfferInput]:
        if len({s.skill for s in skills}) != len(skills):
            raise ValueError("names a skill more than once")
        return skills

    @field_validator("tools")
    @classmethod
    def _one_entry_per_tool(cls, tools: list[ToolKnowledgeInput]) -> list[ToolKnowledgeInput]:
        if len({t.tool for t in tools}) != len(tools):
            raise ValueError("names a tool more than once")
        return tools
