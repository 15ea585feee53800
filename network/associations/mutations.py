"""Association mutations: each parses its input, makes one service call, and returns a payload with errors."""

import strawberry

from network.associations import editing, models
from network.associations.repository import AssociationProfile
from network.associations.types import Association
from network.kit import typed_strawberry as typed
from network.kit.authorisation import Role
from network.kit.context import Info
from network.kit.freshness import RefreshesSuggestions
from network.kit.global_id import to_global_id
from network.kit.graphql_errors import FieldError, attempt
from network.kit.inputs import as_data
from network.kit.vocabulary import Visibility

UNSET = strawberry.UNSET


# The nested inputs are the validated models' own shape, derived rather than written twice.
@strawberry.experimental.pydantic.input(model=models.ToolUsageInput, all_fields=True)
class ToolUsageInput:
    pass


@strawberry.experimental.pydantic.input(model=models.SkillNeedInput, all_fields=True)
class SkillNeedInput:
    pass


@strawberry.input(description="A new association; catalogue references are slugs.")
class CreateAssociationInput:
    slug: str
    name: str
    description: str | None = None
    district: str | None = None
    members: int | None = None
    paid_staff: int | None = None
    languages: list[str] = strawberry.field(default_factory=list)
    fields: list[str] = strawberry.field(default_factory=list)
    target_groups: list[str] = strawberry.field(default_factory=list)
    tools: list[ToolUsageInput] = strawberry.field(default_factory=list)
    considers: list[str] = strawberry.field(default_factory=list)
    needs: list[SkillNeedInput] = strawberry.field(default_factory=list)
    contact_email: str | None = None
    visibility: Visibility = Visibility.PUBLIC


@strawberry.input(description="Fields to change; a field left out stays as it is, null clears it.")
class UpdateAssociationInput:
    name: str | None = UNSET
    description: str | None = UNSET
    district: str | None = UNSET
    members: int | None = UNSET
    paid_staff: int | None = UNSET
    languages: list[str] | None = UNSET
    contact_email: str | None = UNSET
    visibility: Visibility | None = UNSET


@strawberry.type
class AssociationPayload:
    association: Association | None
    errors: list[FieldError]


@strawberry.type
class DeletePayload:
    deleted_id: strawberry.ID | None
    errors: list[FieldError]


def _payload(row: AssociationProfile | None, errors: list[FieldError]) -> AssociationPayload:
    return AssociationPayload(association=Association(row=row) if row else None, errors=errors)


@strawberry.type
class AssociationMutation:
    @typed.mutation(
        description="Create an association; as a member you then act for it.", extensions=[RefreshesSuggestions()]
    )
    async def create_association(self, info: Info, input: CreateAssociationInput) -> AssociationPayload:
        viewer = info.context.viewer
        row, errors = await attempt(editing.create(info.context.db, viewer, as_data(input)))
        if row is not None and viewer.role is Role.MEMBER:
            info.context.viewer = viewer.acting_for(row["id"])  # the creator sees its own private fields at once
        return _payload(row, errors)

    @typed.mutation(description="Change an association's profile.", extensions=[RefreshesSuggestions()])
    async def update_association(self, info: Info, slug: str, input: UpdateAssociationInput) -> AssociationPayload:
        row, errors = await attempt(editing.change(info.context.db, info.context.viewer, slug, as_data(input)))
        return _payload(row, errors)

    @typed.mutation(description="Replace the tools an association uses.", extensions=[RefreshesSuggestions()])
    async def set_association_tools(self, info: Info, slug: str, tools: list[ToolUsageInput]) -> AssociationPayload:
        row, errors = await attempt(
            editing.change(info.context.db, info.context.viewer, slug, {"tools": as_data(tools)})
        )
        return _payload(row, errors)

    @typed.mutation(
        description="Replace what an association needs and considers; lists left out stay.",
        extensions=[RefreshesSuggestions()],
    )
    async def set_association_needs(
        self,
        info: Info,
        slug: str,
        needs: list[SkillNeedInput] | None = UNSET,
        considers: list[str] | None = UNSET,
        fields: list[str] | None = UNSET,
        target_groups: list[str] | None = UNSET,
    ) -> AssociationPayload:
        given = {"needs": needs, "considers": considers, "fields": fields, "targetGroups": target_groups}
        patch = {name: as_data(value) or [] for name, value in given.items() if value is not UNSET}
        row, errors = await attempt(editing.change(info.context.db, info.context.viewer, slug, patch))
        return _payload(row, errors)

    @typed.mutation(
        description="Delete an association with everything linked to it.", extensions=[RefreshesSuggestions()]
    )
    async def delete_association(self, info: Info, slug: str) -> DeletePayload:
        node_id, errors = await attempt(editing.delete(info.context.db, info.context.viewer, slug))
        return DeletePayload(
            deleted_id=strawberry.ID(to_global_id("Association", node_id)) if node_id else None, errors=errors
        )
