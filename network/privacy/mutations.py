"""`exportMyData` and `deleteMyAccount`."""

import strawberry
from strawberry.scalars import JSON

from network.kit import typed_strawberry as typed
from network.kit.context import Info
from network.kit.freshness import ACCOUNT, RefreshesSuggestions
from network.kit.graphql_errors import FieldError, attempt
from network.privacy import service


@strawberry.type
class ExportPayload:
    data: JSON | None = strawberry.field(description="Everything stored about you, as JSON.")
    errors: list[FieldError]


@strawberry.type
class ErasurePayload:
    deleted: bool
    profiles_deleted: int
    suggestions_deleted: int
    questions_deleted: int = strawberry.field(description="Technical questions you asked.")
    reports_deleted: int = strawberry.field(
        description="Experience reports you wrote, and those of the associations deleted with your account."
    )
    # What the change feed hears: the account, and the associations that stay but lost an approved report of it
    changed_parties: strawberry.Private[list[str]]
    notifications_deleted: int = strawberry.field(
        description="Notifications to you, and those to others about what was deleted with your account."
    )
    errors: list[FieldError]


@strawberry.type
class PrivacyMutation:
    @typed.mutation(description="A copy of everything stored about you (GDPR art. 15 and 20).")
    async def export_my_data(self, info: Info) -> ExportPayload:
        data, errors = await attempt(service.export_my_data(info.context.db, info.context.viewer))
        return ExportPayload(data=None if data is None else JSON(data), errors=errors)

    @typed.mutation(
        description="Erase your account, your volunteer profile, the associations only you act "
        "for, everything derived from them, the questions you asked, the experience reports you wrote and your "
        "notifications (GDPR art. 17). "
        "Cannot be undone.",
        extensions=[RefreshesSuggestions()],
    )
    async def delete_my_account(self, info: Info) -> ErasurePayload:
        context = info.context
        account = context.viewer.account_id  # read before: the deletion signs the viewer out
        erased, errors = await attempt(service.delete_my_account(context.db, context.queue, context.viewer))
        return ErasurePayload(
            deleted=erased is not None,
            profiles_deleted=(erased or {}).get("profiles", 0),
            suggestions_deleted=(erased or {}).get("suggestions", 0),
            questions_deleted=(erased or {}).get("questions", 0),
            reports_deleted=(erased or {}).get("reports", 0),
            notifications_deleted=(erased or {}).get("notifications", 0),
            errors=errors,
            changed_parties=[f"{ACCOUNT}{account}", *(erased or {}).get("reporting", [])] if account else [],
        )
