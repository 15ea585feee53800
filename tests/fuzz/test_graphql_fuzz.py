"""Schema-driven fuzzing (schemathesis, GraphQL mode) of every query and mutation over real HTTP, anonymously and
signed in: whatever the input, the API never answers with a 5xx, a masked "Unexpected error" or a body that is not
JSON, nor leaves a coroutine it never awaited. Bounded by FUZZ_CASES, repeatable with FUZZ_SEED (both printed in the
report header and summary); every distinct failure is reported with its document, answer and log lines."""

from pathlib import Path
from typing import Any

import graphql
import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode
from schemathesis.generation.case import Case
from schemathesis.specs.graphql.schemas import GraphQLSchema

from tests.fuzz import budget
from tests.fuzz.server_log import server_log
from tests.fuzz.verdict import Finding, problem

pytestmark = [pytest.mark.fuzz, pytest.mark.usefixtures("graph_left_as_found")]

SDL = Path(__file__).resolve().parents[2] / "schema.graphql"


def _operations() -> list[tuple[str, str]]:
    """Every root field of the committed schema (tests/graphql keeps it equal to the served one)."""
    schema = graphql.build_schema(SDL.read_text())
    roots = [root for root in (schema.query_type, schema.mutation_type) if root is not None]
    return [(root.name, field) for root in roots for field in root.fields]


OPERATIONS = _operations()
# One test per operation and caller: each gets its share of FUZZ_CASES and its own seed.
CASES = budget.cases_per_test(len(OPERATIONS) * 3)


@pytest.fixture(scope="module")
def live_schema(api: str) -> GraphQLSchema:
    """The schema as the running API introspects it: cases are generated from what it really serves."""
    return schemathesis.graphql.from_url(f"{api}/graphql", timeout=30)


def _strategy(schema: GraphQLSchema, root: str, field: str) -> st.SearchStrategy[Case[Any]]:
    operation = schema[root][field]
    # Valid documents reach the resolvers; invalid ones (wrong types, missing arguments) test the validation.
    return st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))


@pytest.mark.parametrize(("root", "field"), OPERATIONS, ids=[f"{root}.{field}" for root, field in OPERATIONS])
def test_no_generated_document_makes_the_api_fail(
    live_schema: GraphQLSchema,
    http: httpx.Client,
    caller: tuple[str, dict[str, str]],
    root: str,
    field: str,
    request: pytest.FixtureRequest,
) -> None:
    who, headers = caller
    findings: dict[tuple[str, str, str], Finding] = {}
    sent: list[int] = []

    @settings(
        max_examples=CASES,
        phases=[Phase.generate],  # no shrinking: every distinct failure is collected and reported as sent
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @seed(budget.seed_of(request.node.nodeid))
    @given(case=_strategy(live_schema, root, field))
    def send(case: Case[Any]) -> None:
        document = str(case.body)
        response = http.post("/graphql", json={"query": document}, headers=headers)
        sent.append(1)
        lines = log.take()
        found = problem(response, lines)
        if found is None:
            return
        finding = Finding(f"{root}.{field}", who, found, document, response.text, tuple(lines))
        findings.setdefault(finding.key, finding)

    with server_log() as log:
        send()
    budget.RUNS.append(len(sent))
    assert sent, "no case was generated"
    reports = "\n\n".join(finding.report() for finding in findings.values())
    assert not findings, (
        f"{len(findings)} distinct failure(s) in {len(sent)} cases; repeat with FUZZ_SEED={budget.SEED} "
        f"FUZZ_CASES={budget.CASES}\n\n{reports}"
    )
