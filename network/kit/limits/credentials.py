"""At most one credential mutation per request: each checks or changes a password or a token, and a request that
carried many would multiply the password hashing it costs and the failed attempts it counts against an address."""

from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    ValidationRule,
)

# Root mutation fields that touch credentials. Names that the schema does not (yet) have are harmless here:
# a document using one is refused by graphql's own rules anyway.
CREDENTIAL_MUTATIONS = frozenset(
    {"logIn", "signUp", "changePassword", "logOut", "requestPasswordReset", "resetPassword", "verifyEmail"}
)


class OneCredentialMutation(ValidationRule):
    """Refuses a mutation that asks for more than one credential field, aliases and fragments included."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        if node.operation is not OperationType.MUTATION:
            return
        fragments = {
            d.name.value: d for d in self.context.document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        found = _credential_fields(node.selection_set, fragments, set())
        if len(found) > 1:
            names = ", ".join(sorted({field.name.value for field in found}))
            self.report_error(
                GraphQLError(
                    f"a request may carry only one credential mutation ({names} asked {len(found)} times); "
                    "send them one by one",
                    found[1:],
                )
            )


def _credential_fields(
    selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode], seen: set[str]
) -> list[FieldNode]:
    """The credential fields among the root fields, through inline fragments and (each once) named ones."""
    found: list[FieldNode] = []
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            if node.name.value in CREDENTIAL_MUTATIONS:
                found.append(node)
        elif isinstance(node, InlineFragmentNode):
            found += _credential_fields(node.selection_set, fragments, seen)
        elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
            fragment = fragments.get(node.name.value)
            if fragment is not None:
                # a fragment spread twice is two fields, not a cycle: only a fragment inside itself is skipped
                found += _credential_fields(fragment.selection_set, fragments, seen | {node.name.value})
    return found
