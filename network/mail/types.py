"""GraphQL types of mail preferences."""

import strawberry

from network.kit.graphql_errors import FieldError
from network.mail.repository import Preferences
from network.outbox.models import MailFrequency, MailLanguage

strawberry.enum(
    MailFrequency,
    description="How often an account gets mail: IMMEDIATE (each notification when it happens), a DAILY or WEEKLY "
    "digest of what is pending, or NEVER (an event's cancellation still comes).",
)


@strawberry.type(description="How often the signed-in account gets mail, and in which language.")
class MailPreferences:
    frequency: MailFrequency
    language: MailLanguage

    @classmethod
    def of(cls, row: Preferences) -> "MailPreferences":
        return cls(frequency=MailFrequency(row["frequency"]), language=MailLanguage(row["language"]))


@strawberry.input(description="What to change; a preference left out stays as it is.")
class MailPreferencesInput:
    frequency: MailFrequency | None = None
    language: MailLanguage | None = None


@strawberry.type(description="The preferences after the change, or the errors that prevented it.")
class SetMailPreferencesPayload:
    mail_preferences: MailPreferences | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
