"""Lucene's clause limit: the text bound keeps searches under it, and a query over it is still the caller's error."""

import pytest

from network.kit.authorisation import ANONYMOUS
from network.kit.database import Database
from network.kit.errors import InvalidInput
from network.search import service

# One word of many parts: the analyser splits it into 3,000 terms, three times Lucene's limit of 1,024 clauses.
MANY_PARTS = ",".join(f"w{i}" for i in range(3000))


async def test_the_longest_allowed_text_stays_under_the_clause_limit(db: Database) -> None:
    most = ",".join("ab" for _ in range(100))[: service.MAX_TEXT_LENGTH]
    assert isinstance(await service.parties(db, ANONYMOUS, most, 10), list)


async def test_a_query_over_the_clause_limit_is_an_invalid_text(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    # Past the length bound, as a future longer bound would let through: Neo4j refuses it with TooManyClauses.
    monkeypatch.setattr(service, "MAX_TEXT_LENGTH", len(MANY_PARTS))
    with pytest.raises(InvalidInput) as refused:
        await service.parties(db, ANONYMOUS, MANY_PARTS, 10)
    assert refused.value.field == "text"
    assert str(refused.value) == "text has too many words or word parts; search with fewer"
    assert "TooManyClauses" in str(refused.value.__cause__)
