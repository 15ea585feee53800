"""Volunteer profile mutations."""

import strawberry

from network.kit import typed_strawberry as typed
from network.kit.authorisation import Role
from network.kit.context import Info
from network.kit.freshness import RefreshesSuggestions
from network.kit.graphql_errors import FieldError, attempt
from network.kit.inputs import as_data
from network.volunteers import editing, models
from network.volunteers.types import Volunteer

UNSET = strawberry.UNSET


# The nested inputs are the validated models' own shape, derived rather than written twice.
@strawberry.experimental.pydantic.input(model=models.SkillOfferInput, all_fields=True)
class SkillOfferInput:
    pass


@strawberry.experimental.pydantic.input(model=models.ToolKnowledgeInput, all_fields=True)
class ToolKnowledgeInput:
    pass


@strawberry.input(description="A new volunteer profile; catalogue references are slugs.")
class CreateVolunteerProfileInput:
    slug: str
    display_name: str
    bio: str | None = None
    languages: list[str] = strawberry.field(default_factory=list)
    district: str | None = None
    remote: bool = False
    hours_per_month: int | None = None
    max_mentees: int = 2
    skills: list[SkillOfferInput] = strawberry.field(default_factory=list)
    tools: list[ToolKnowledgeInput] = strawberry.field(default_factory=list)
    contact_email: str | None = None


@strawberry.input(description="Fields to change; a field left out stays as it is, null clears it.")
class UpdateVolunteerProfileInput:
    display_name: str | None = UNSET
    bio: str | None = UNSET
    languages: list[str] | None = UNSET
    district: str | None = UNSET
    remote: bool | None = UNSET
    hours_per_month: int | None = UNSET
    max_mentees: int | None = UNSET
    skills: list[SkillOfferInput] | None = UNSET
    tools: list[ToolKnowledgeInput] | None = UNSET
    contact_email: str | None = UNSET


@strawberry.type
class VolunteerPayload:
    volunteer: Volunteer | None
    errors: list[FieldError]


@strawberry.type
class VolunteerMutation:
    @typed.mutation(
        description="Create your volunteer profile (one per volunteer account).", extensions=[RefreshesSuggestions()]
    )
    async def create_volunteer_profile(self, info: Info, input: CreateVolunteerProfileInput) -> VolunteerPayload:
        viewer = info.context.viewer
        row, errors = await attempt(editing.create(info.context.db, viewer, as_data(input)))
        if row is not None and viewer.role is Role.VOLUNTEER:
            info.context.viewer = viewer.acting_for(row["id"])
        return VolunteerPayload(volunteer=Volunteer(row=row) if row else None, errors=errors)

    @typed.mutation(
        description="Change a volunteer profile: skills, tools, languages, district, remote, "
        "hours per month, maximum mentees, ...",
        extensions=[RefreshesSuggestions()],
    )
    async def update_volunteer_profile(
        self, info: Info, slug: str, input: UpdateVolunteerProfileInput
    ) -> VolunteerPayload:
        row, errors = await attempt(editing.change(info.context.db, info.context.viewer, slug, as_data(input)))
        return VolunteerPayload(volunteer=Volunteer(row=row) if row else None, errors=errors)
