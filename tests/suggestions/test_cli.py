"""`network match`, run as a shell would run it, against the test stack."""

import asyncio

from click.testing import CliRunner

from network.cli.main import cli
from network.kit.database import Database
from network.settings import Settings
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import import_parties, peer
from tests.support.cleanup import Slugs


async def test_match_recomputes_in_the_foreground_and_exits_0(settings: Settings, db: Database, slugs: Slugs) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    env = {"NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
           "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(), "NEO4J_DATABASE": settings.neo4j_database,
           "REDIS_URL": settings.redis_url}
    # The command runs its own event loop, so it runs in a thread beside the test's.
    result = await asyncio.to_thread(CliRunner().invoke, cli, ["match"], env=env)
    assert result.exit_code == 0, result.output
    assert "peer and" in result.output
    found = await cypher(db, "MATCH (:Association {slug: $a})<-[:FOR|OF]-(s:Suggestion {kind: 'PEER'})-[:FOR|OF]->"
                         "(:Association {slug: $b}) RETURN s.status AS status, s.algorithmVersion AS version",
                         a=a, b=b)
    assert len(found) == 1 and found[0]["status"] == "PROPOSED" and found[0]["version"]
