"""APOC core is loaded in the local Neo4j, with its procedures allowed (the GraphQL benchmark peer calls them)."""

from neo4j import AsyncGraphDatabase

from network.settings import Settings


async def test_apoc_core_functions_and_procedures_answer(live_stack: Settings) -> None:
    auth = (live_stack.neo4j_user, live_stack.neo4j_password.get_secret_value())
    async with AsyncGraphDatabase.driver(live_stack.neo4j_uri, auth=auth) as driver:
        records, _, _ = await driver.execute_query("RETURN apoc.version() AS version")
        assert records[0]["version"].startswith("5.26.")
        # A procedure the GraphQL library calls to reject a request; false means "valid", so it yields nothing.
        records, _, _ = await driver.execute_query("CALL apoc.util.validate(false, 'never', []) RETURN 1 AS ok")
        assert [record["ok"] for record in records] == [1]
        records, _, _ = await driver.execute_query(
            "RETURN apoc.cypher.runFirstColumnSingle('RETURN $x * 2', {x: 21}) AS doubled"
        )
        assert records[0]["doubled"] == 42
