"""GraphQL types of accounts: the account itself, the roles, and the payload of signing up or logging in."""

import datetime as dt

import strawberry

from network.accounts.loaders import acts_for
from network.accounts.models import SignUpRole
from network.accounts.repository import AccountRow
from network.accounts.service import Session

# A plain downward import: accounts sit in the domain layer beside associations and volunteers, which never import
# accounts, so an account may show the profiles it acts for without a back-link.
from network.associations.types import Association
from network.kit import typed_strawberry as typed
from network.kit.authorisation import Role
from network.kit.context import Info
from network.kit.global_id import to_global_id
from network.kit.graphql_errors import FieldError
from network.outbox.models import MailLanguage
from network.volunteers.types import Volunteer

# The GraphQL enums are the Python ones, registered here once; other domains annotate with `Role` directly.
strawberry.enum(
    Role,
    description="What an account may do: STAFF sees and changes everything, MEMBER acts for "
    "associations, VOLUNTEER for a volunteer profile.",
)
strawberry.enum(SignUpRole, description="The roles one can sign up for; STAFF accounts are made by staff.")
strawberry.enum(MailLanguage, description="The language of the mails an account gets: DE (German) or EN (English).")


@strawberry.type(description="A person's log-in, with the role that decides what they may see and change.")
class Account:
    row: strawberry.Private[AccountRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Account", self.row["id"]))

    @strawberry.field
    def email(self) -> str:
        return str(self.row["email"])

    @strawberry.field
    def role(self) -> Role:
        return Role(self.row["role"])

    @strawberry.field
    def created_at(self) -> dt.datetime:
        return self.row["createdAt"].to_native()

    @typed.field(
        description="Whether staff verified the account. Until then it sees volunteer profiles and MEMBERS content "
        "as an anonymous caller does, and cannot create profiles."
    )
    def verified(self) -> bool:
        return bool(self.row["verified"])

    # An account is shown only to its holder (`me`, the payload of logging in) and staff, so what it acts
    # for needs no reading rule of its own.
    @typed.field(description="The associations this account acts for, by slug.")
    async def associations(self, info: Info) -> list[Association]:
        found = await acts_for(info.context, self.row["id"])
        return [Association(row=row) for row in found["associations"]]

    @typed.field(description="The volunteer profile this account acts for; null when it has none.")
    async def volunteer(self, info: Info) -> Volunteer | None:
        found = await acts_for(info.context, self.row["id"])
        return Volunteer(row=found["volunteer"]) if found["volunteer"] else None


_RETRY_AFTER = "With RATE_LIMITED or BUSY: seconds until the same request is considered again."


@strawberry.type(description="A bearer token and its account, or the errors that prevented them.")
class AuthPayload:
    token: str | None = strawberry.field(default=None, description="Send as 'Authorization: Bearer <token>'.")
    expires_at: dt.datetime | None = None
    account: Account | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
    retry_after_seconds: int | None = strawberry.field(default=None, description=_RETRY_AFTER)

    @classmethod
    def of(cls, session: Session) -> "AuthPayload":
        issued = session.issued
        return cls(token=issued.token, expires_at=issued.expires_at, account=Account(row=session.account))


@strawberry.type(
    description="The answer to signing up: the same whether or not the address had an account, so it reveals "
    "nothing about who has one. Log in next."
)
class SignUpPayload:
    ok: bool = strawberry.field(description="The sign-up was taken; log in with the address and password.")
    errors: list[FieldError] = strawberry.field(default_factory=list)
    retry_after_seconds: int | None = strawberry.field(default=None, description=_RETRY_AFTER)


@strawberry.type(description="Whether every token of the account was revoked.")
class LogOutPayload:
    ok: bool
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type(description="The account staff verified, or the errors that prevented it.")
class VerifyAccountPayload:
    account: Account | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)
