"""Cypher for `Account` nodes and for what an account may act for."""

from typing import NotRequired, TypedDict, cast

from neo4j import AsyncManagedTransaction
from neo4j.time import DateTime

from network.associations.repository import PROFILE as ASSOCIATION_PROFILE
from network.associations.repository import AssociationProfile
from network.volunteers.repository import PROFILE as VOLUNTEER_PROFILE
from network.volunteers.repository import VolunteerProfile

# What the API shows of an account; the password hash never leaves the repository except for `credentials`.
# An account without `verified` (made before verification existed) counts as not verified: access is granted, never
# assumed.
_PUBLIC = "a {.id, .email, .role, .tokenVersion, .createdAt, verified: coalesce(a.verified, false)}"


class AccountRow(TypedDict):
    """`_PUBLIC`: what the API shows of an account."""

    id: str
    email: str
    role: str  # a Role value
    tokenVersion: int
    createdAt: DateTime
    verified: bool  # staff verified the account (later: its owner followed an e-mail link)


class Credentials(AccountRow):
    # Read with the account, and taken out of the row (`service.log_in`) before the row goes anywhere else.
    passwordHash: NotRequired[str]


class ViewerRow(TypedDict):
    role: str  # a Role value
    tokenVersion: int
    verified: bool
    actsFor: list[str]  # ids of the associations and volunteers the account acts for
    introducedTo: list[str]  # ids of the parties those were introduced to


class ActsForRow(TypedDict):
    """What an account acts for, with the profiles the API shows of them (`AccountRepository.acts_for`)."""

    associations: list[AssociationProfile]  # by slug
    volunteer: VolunteerProfile | None  # a volunteer account has at most one


class AccountRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def create(
        self, account_id: str, email: str, password_hash: str, role: str, verified: bool, language: str = "de"
    ) -> AccountRow:
        """Creates the account; the `account_email` constraint raises ConstraintError when the e-mail is taken.
        `language`: of the mails it gets (network/mail)."""
        result = await self.tx.run(
            "CREATE (a:Account {id: $id, email: $email, passwordHash: $hash, role: $role, tokenVersion: 0, "
            "createdAt: datetime(), verified: $verified, language: $language}) "
            "SET a.verifiedAt = CASE WHEN $verified THEN datetime() END "
            f"RETURN {_PUBLIC} AS account",
            id=account_id,
            email=email,
            hash=password_hash,
            role=role,
            verified=verified,
            language=language,
        )
        record = await result.single(strict=True)
        return cast(AccountRow, dict(record["account"]))

    async def credentials(self, email: str) -> Credentials | None:
        """The account with this e-mail address and its password hash, for logging in."""
        result = await self.tx.run(
            f"MATCH (a:Account {{email: $email}}) RETURN {_PUBLIC} AS account, a.passwordHash AS passwordHash",
            email=email,
        )
        record = await result.single()
        if record is None:
            return None
        return cast(Credentials, {**record["account"], "passwordHash": record["passwordHash"]})

    async def credentials_of(self, account_id: str) -> Credentials | None:
        """The account with this id and its password hash, for changing the password."""
        result = await self.tx.run(
            f"MATCH (a:Account {{id: $id}}) RETURN {_PUBLIC} AS account, a.passwordHash AS passwordHash", id=account_id
        )
        record = await result.single()
        if record is None:
            return None
        return cast(Credentials, {**record["account"], "passwordHash": record["passwordHash"]})

    async def set_password(self, match: str, value: str, password_hash: str) -> AccountRow | None:
        """A new password hash, and a new token version so that every older token is refused; `match` is `id` or
        `email`."""
        if match not in ("id", "email"):
            raise ValueError(f"an account is found by id or email, not {match!r}")
        result = await self.tx.run(
            f"MATCH (a:Account {{{match}: $value}}) "
            "SET a.passwordHash = $hash, a.tokenVersion = a.tokenVersion + 1, a.passwordChangedAt = datetime() "
            f"RETURN {_PUBLIC} AS account",
            value=value,
            hash=password_hash,
        )
        record = await result.single()
        return None if record is None else cast(AccountRow, dict(record["account"]))

    async def revoke_tokens(self, account_id: str) -> AccountRow | None:
        """A new token version: every token issued so far is refused from now on."""
        result = await self.tx.run(
            f"MATCH (a:Account {{id: $id}}) SET a.tokenVersion = a.tokenVersion + 1 RETURN {_PUBLIC} AS account",
            id=account_id,
        )
        record = await result.single()
        return None if record is None else cast(AccountRow, dict(record["account"]))

    async def verify(self, email: str) -> AccountRow | None:
        """Marks the account verified (once: a second verification keeps the first time)."""
        result = await self.tx.run(
            "MATCH (a:Account {email: $email}) "
            "SET a.verified = true, a.verifiedAt = coalesce(a.verifiedAt, datetime()) "
            f"RETURN {_PUBLIC} AS account",
            email=email,
        )
        record = await result.single()
        return None if record is None else cast(AccountRow, dict(record["account"]))

    async def get(self, account_id: str) -> AccountRow | None:
        record = await (
            await self.tx.run(f"MATCH (a:Account {{id: $id}}) RETURN {_PUBLIC} AS account", id=account_id)
        ).single()
        return None if record is None else cast(AccountRow, dict(record["account"]))

    async def viewer(self, account_id: str) -> ViewerRow | None:
        """Role, token version, what the account acts for, and who those were introduced to (double opt-in)."""
        result = await self.tx.run(
            "MATCH (a:Account {id: $id}) "
            "RETURN a.role AS role, a.tokenVersion AS tokenVersion, coalesce(a.verified, false) AS verified, "
            "COLLECT { MATCH (a)-[:ACTS_FOR]->(s) WHERE s:Association OR s:Volunteer RETURN DISTINCT s.id } "
            "AS actsFor, "
            "COLLECT { MATCH (a)-[:ACTS_FOR]->(s)-[r:CONNECTED_WITH|MENTORS]-(o) "
            "WHERE (type(r) = 'CONNECTED_WITH' AND s:Association AND o:Association) "
            "OR (type(r) = 'MENTORS' AND ((s:Volunteer AND o:Association) OR (s:Association AND o:Volunteer))) "
            "RETURN DISTINCT o.id } AS introducedTo",
            id=account_id,
        )
        record = await result.single()
        return None if record is None else cast(ViewerRow, record.data())

    async def acts_for(self, account_ids: list[str]) -> dict[str, ActsForRow]:
        """Per account id: the associations it acts for, by slug, and its volunteer profile."""
        result = await self.tx.run(
            "UNWIND $ids AS aid MATCH (a:Account {id: aid}) "
            "RETURN aid, COLLECT { MATCH (a)-[:ACTS_FOR]->(n:Association) WITH n ORDER BY n.slug "
            f"RETURN {ASSOCIATION_PROFILE} }} AS associations, "
            "COLLECT { MATCH (a)-[:ACTS_FOR]->(n:Volunteer) WITH n ORDER BY n.slug "
            f"RETURN {VOLUNTEER_PROFILE} }}[0] AS volunteer",
            ids=account_ids,
        )
        return {
            record["aid"]: {"associations": record["associations"], "volunteer": record["volunteer"]}
            async for record in result
        }
