"""What a query selects below a field, read from its document: so a resolver fetches what is asked and no more."""

from collections.abc import Collection, Iterable
from typing import Any

from strawberry import Info
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection


def selected(selections: Iterable[Selection], not_on: Collection[str] = ()) -> dict[str, list[Selection]]:
    """The fields selected, by name (the aliases of one field merged), each with the selections below it.

    Fragments are read through, except those on a type in `not_on` (the other members of a union). Reading more
    than is asked only costs a little; so a fragment on an interface or union counts, and a field under
    `@skip`/`@include` counts as selected.
    """
    found: dict[str, list[Selection]] = {}
    for selection in selections:
        if isinstance(selection, SelectedField):
            found.setdefault(selection.name, []).extend(selection.selections)
        elif isinstance(selection, (InlineFragment, FragmentSpread)) and selection.type_condition not in not_on:
            for name, below in selected(selection.selections, not_on).items():
                found.setdefault(name, []).extend(below)
    return found


def below(info: Info[Any, Any]) -> list[Selection]:
    """The selections below the field being resolved (of every node of it, when a query names it more than once)."""
    return [node for field in info.selected_fields if isinstance(field, SelectedField) for node in field.selections]


def connection_nodes(selections: Iterable[Selection], not_on: Collection[str] = ()) -> dict[str, list[Selection]]:
    """The fields selected on the nodes of a Connection, whether through `edges { node }` or `nodes`."""
    fields = selected(selections)
    nodes = [*selected(fields.get("edges", [])).get("node", []), *fields.get("nodes", [])]
    return selected(nodes, not_on)
