"""Search as a given viewer may: volunteers only for signed-in users, associations as visible."""

from network.kit.authorisation import Viewer
from network.kit.database import Database
from network.kit.errors import InvalidInput
from network.kit.text import lucene_terms
from network.search.repository import Match, SearchRepository


async def parties(db: Database, viewer: Viewer, text: str, first: int) -> list[Match]:
    terms = lucene_terms(text)
    if not terms:
        raise InvalidInput("text must contain at least one word", field="text")
    return await db.read(lambda tx: SearchRepository(tx).parties(terms, viewer.visibilities(), viewer.signed_in, first))
