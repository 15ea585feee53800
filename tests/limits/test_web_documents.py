"""Every operation the web client sends fits the default limits, measured as a request's would be."""

import json
import re
from pathlib import Path

import pytest
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    NameNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Visitor,
    parse,
    print_ast,
    visit,
)
from graphql.execution.values import VariableValues

from network.graphql.schema import build_schema
from network.kit.limits import QueryLimits
from network.kit.limits.measures import Measure
from network.kit.limits.pages import DEFAULT_PAGE_SIZE
from network.settings import Settings
from tests.support.settings import ROOT, make_settings

# The documents graphql-codegen collected from the web client's sources, each as a JSON string key.
GENERATED = ROOT / "web" / "src" / "gql" / "gql.ts"
_DOCUMENT = re.compile(r'^\s*("(?:[^"\\]|\\.)*"): typeof types\.', re.MULTILINE)


class _AddTypenames(Visitor):
    """Adds `__typename` to every selection set below an operation's root, as the client's cache (urql) does before
    it sends a document: the measure must see what the server gets."""

    def leave_selection_set(self, node: SelectionSetNode, _key: object, parent: object, *_: object) -> object:
        has = any(isinstance(s, FieldNode) and s.name.value == "__typename" for s in node.selections)
        if isinstance(parent, OperationDefinitionNode) or has:
            return None  # unchanged
        return SelectionSetNode(selections=(*node.selections, FieldNode(name=NameNode(value="__typename"))))


def web_definitions(path: Path) -> list[object]:
    text = path.read_text(encoding="utf-8")
    documents = {json.loads(found.group(1)) for found in _DOCUMENT.finditer(text)}
    sent = [visit(parse(document), _AddTypenames()) for document in documents]
    return [definition for document in sent for definition in document.definitions]


DEFINITIONS = web_definitions(GENERATED)
OPERATIONS = [d for d in DEFINITIONS if isinstance(d, OperationDefinitionNode)]
FRAGMENTS = {d.name.value: d for d in DEFINITIONS if isinstance(d, FragmentDefinitionNode)}
SCHEMA = build_schema(make_settings())._schema


def test_the_web_client_documents_are_found() -> None:
    names = {op.name.value for op in OPERATIONS if op.name}
    assert len(OPERATIONS) > 30 and {"ToolPage", "StaffEvent", "EventPage"} <= names


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.name.value if op.name else "anonymous")
def test_each_operation_fits_the_default_limits(operation: OperationDefinitionNode) -> None:
    # Every Int variable (page sizes) at the default page size, as large as the pages the web client asks for
    # (PAGE = 20 in AssociationList.tsx, FIRST = 10 in Inbox.tsx). The other variables do not change the cost.
    largest = {
        d.variable.name.value: DEFAULT_PAGE_SIZE
        for d in operation.variable_definitions or ()
        if print_ast(d.type).rstrip("!") == "Int"
    }
    coerced = VariableValues(sources={}, coerced=largest)
    limits = QueryLimits.from_settings(Settings(_env_file=None))  # type: ignore[call-arg]
    assert limits.exceeded(Measure(SCHEMA, FRAGMENTS, operation, coerced)) is None
