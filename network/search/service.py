"""Search as a given viewer may: volunteers only for signed-in users, associations as visible, experience reports
once approved and when their association is visible."""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ClientError

from network.kit.authorisation import Viewer
from network.kit.database import Database
from network.kit.errors import InvalidInput
from network.kit.text import lucene_terms
from network.search.repository import Match, ReportMatch, SearchRepository

# Names, descriptions and bios are searched by a few words; a long text only adds terms, and Lucene refuses a
# query of more than 1,024 clauses (one word such as `a,b,c,...` is many terms).
MAX_TEXT_LENGTH = 200
T = TypeVar("T")


def _terms(text: str) -> str:
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidInput(f"text must be at most {MAX_TEXT_LENGTH} characters, got {len(text)}", field="text")
    terms = lucene_terms(text)
    if not terms:
        raise InvalidInput("text must contain at least one word", field="text")
    return terms


async def _read(db: Database, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
    try:
        return await db.fetch(work)
    except ClientError as error:
        if "TooManyClauses" not in (error.message or ""):
            raise
        raise InvalidInput("text has too many words or word parts; search with fewer", field="text") from error


async def parties(db: Database, viewer: Viewer, text: str, first: int) -> list[Match]:
    terms = _terms(text)
    return await _read(
        db, lambda tx: SearchRepository(tx).parties(terms, viewer.visibilities(), viewer.signed_in, first)
    )


async def reports(db: Database, viewer: Viewer, text: str, first: int) -> list[ReportMatch]:
    """Approved experience reports whose texts match (what it was used for, went well and badly, tips)."""
    terms = _terms(text)
    return await _read(db, lambda tx: SearchRepository(tx).reports(terms, viewer.visibilities(), first))
