"""Cypher for `Account` nodes and for what an account may act for."""

from typing import Any

from neo4j import AsyncManagedTransaction

Row = dict[str, Any]

# What the API shows of an account; the password hash never leaves the repository except for `credentials`.
_PUBLIC = "a {.id, .email, .role, .tokenVersion, .createdAt}"


class AccountRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def create(self, account_id: str, email: str, password_hash: str, role: str) -> Row:
        """Creates the account; the `account_email` constraint raises ConstraintError when the e-mail is taken."""
        result = await self.tx.run(
            "CREATE (a:Account {id: $id, email: $email, passwordHash: $hash, role: $role, tokenVersion: 0, "
            f"createdAt: datetime()}}) RETURN {_PUBLIC} AS account",
            id=account_id,
            email=email,
            hash=password_hash,
            role=role,
        )
        record = await result.single(strict=True)
        return dict(record["account"])

    async def credentials(self, email: str) -> Row | None:
        """The account with this e-mail address and its password hash, for logging in."""
        result = await self.tx.run(
            f"MATCH (a:Account {{email: $email}}) RETURN {_PUBLIC} AS account, a.passwordHash AS passwordHash",
            email=email,
        )
        record = await result.single()
        return None if record is None else {**record["account"], "passwordHash": record["passwordHash"]}

    async def get(self, account_id: str) -> Row | None:
        record = await (
            await self.tx.run(f"MATCH (a:Account {{id: $id}}) RETURN {_PUBLIC} AS account", id=account_id)
        ).single()
        return None if record is None else dict(record["account"])

    async def viewer(self, account_id: str) -> Row | None:
        """Role, token version, what the account acts for, and who those were introduced to (double opt-in)."""
        result = await self.tx.run(
            "MATCH (a:Account {id: $id}) "
            "RETURN a.role AS role, a.tokenVersion AS tokenVersion, "
            "COLLECT { MATCH (a)-[:ACTS_FOR]->(s) WHERE s:Association OR s:Volunteer RETURN DISTINCT s.id } "
            "AS actsFor, "
            "COLLECT { MATCH (a)-[:ACTS_FOR]->(s)-[r:CONNECTED_WITH|MENTORS]-(o) "
            "WHERE (type(r) = 'CONNECTED_WITH' AND s:Association AND o:Association) "
            "OR (type(r) = 'MENTORS' AND ((s:Volunteer AND o:Association) OR (s:Association AND o:Volunteer))) "
            "RETURN DISTINCT o.id } AS introducedTo",
            id=account_id,
        )
        record = await result.single()
        return None if record is None else record.data()
