"""Mail preferences over GraphQL: read and changed by the signed-in account for itself only."""

import strawberry

from network.kit import typed_strawberry as typed
from network.kit.authorisation import require_signed_in
from network.kit.context import Info
from network.kit.graphql_errors import attempt
from network.mail import preferences
from network.mail.types import MailPreferences, MailPreferencesInput, SetMailPreferencesPayload


@strawberry.type
class MailQuery:
    @typed.field(
        description="How often the caller's account gets mail and in which language; null for anonymous callers."
    )
    async def mail_preferences(self, info: Info) -> MailPreferences | None:
        account_id = info.context.viewer.account_id
        if account_id is None:
            return None
        return MailPreferences.of(await preferences.preferences(info.context.db, account_id))


@strawberry.type
class MailMutation:
    @typed.mutation(description="Change how often the caller's account gets mail, or its language.")
    async def set_mail_preferences(self, info: Info, input: MailPreferencesInput) -> SetMailPreferencesPayload:
        async def work() -> MailPreferences:
            account_id = require_signed_in(info.context.viewer)
            changed = await preferences.set_preferences(info.context.db, account_id, input.frequency, input.language)
            return MailPreferences.of(changed)

        found, errors = await attempt(work())
        return SetMailPreferencesPayload(mail_preferences=found, errors=errors)
