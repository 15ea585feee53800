"""Builds the one GraphQL schema from the domains' root types."""

from collections.abc import Iterable, Iterator
from typing import Any

import strawberry
import structlog
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import AddValidationRules, SchemaExtension
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES, StreamResult
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.graphql import OperationType

from network.accounts.resolvers import AccountMutation, AccountQuery
from network.associations.mutations import AssociationMutation
from network.associations.resolvers import AssociationQuery
from network.catalogue.resolvers import CatalogueQuery
from network.event_groups.mutations import EventGroupMutation
from network.events.mutations import EventMutation
from network.events.resolvers import EventQuery
from network.graphql.node_query import NodeQuery
from network.help.mutations import HelpMutation
from network.help.resolvers import HelpQuery
from network.inbox.mutations import InboxMutation
from network.insights.resolvers import InsightsQuery
from network.job_runs.resolvers import JobRunMutation, JobRunQuery
from network.kit.limits import limit_extensions
from network.kit.masking import MaskUnexpectedErrors
from network.mail.resolvers import MailMutation, MailQuery
from network.metrics.operations import CountOperations
from network.peer_model.resolvers import PeerWeightsQuery
from network.privacy.mutations import PrivacyMutation
from network.reports.mutations import ReportMutation
from network.reports.resolvers import ReportQuery
from network.search.resolvers import SearchQuery
from network.settings import Settings
from network.suggestions.resolvers import SuggestionSubscription
from network.volunteers.mutations import VolunteerMutation
from network.volunteers.resolvers import VolunteerQuery

log = structlog.get_logger("network.graphql")

Query = merge_types(
    "Query",
    (
        CatalogueQuery,
        AccountQuery,
        AssociationQuery,
        VolunteerQuery,
        EventQuery,
        SearchQuery,
        NodeQuery,
        JobRunQuery,
        PeerWeightsQuery,
        HelpQuery,
        MailQuery,
        ReportQuery,
        InsightsQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        AccountMutation,
        AssociationMutation,
        VolunteerMutation,
        EventMutation,
        EventGroupMutation,
        PrivacyMutation,
        InboxMutation,
        JobRunMutation,
        HelpMutation,
        MailMutation,
        ReportMutation,
    ),
)

Subscription = merge_types("Subscription", (SuggestionSubscription,))


class NetworkSchema(strawberry.Schema):
    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        # A subscription streams (over the WebSocket); run once, as a plain POST would, it could only fail unexpectedly
        given = DEFAULT_ALLOWED_OPERATION_TYPES if allowed_operation_types is None else allowed_operation_types
        allowed = set(given) - {OperationType.SUBSCRIPTION}
        return await super().execute(
            query, variable_values, context_value, root_value, operation_name, allowed, operation_extensions
        )

    async def stream(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        operation_extensions: dict[str, Any] | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
    ) -> StreamResult:
        # The WebSocket carries subscriptions only: queries and mutations go over HTTP, where the request limits,
        # the response size cap and a fresh context (no loader cache kept for a connection's lifetime) apply
        return await super().stream(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            operation_extensions,
            {OperationType.SUBSCRIPTION},
        )

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        # A refused query or a bad argument is an answer, not a fault: no ERROR line with a traceback for it.
        # Unexpected errors are logged with the request id by MaskUnexpectedErrors.
        for error in errors:
            log.info("graphql request refused", message=error.message, path=error.path)


class ForgetViewersAfterMutations(SchemaExtension):
    """A mutation may change what a token stands for (a log-out, a role, a membership, an introduction): after one,
    this process verifies every token and reads its account again (`ViewerCache`)."""

    def on_operation(self) -> Iterator[None]:
        yield
        viewers = getattr(self.execution_context.context, "viewers", None)
        if viewers is None:
            return
        try:
            changed = self.execution_context.operation_type == OperationType.MUTATION
        except RuntimeError:  # not parsed, or no such operation: nothing ran, and forgetting costs one read
            changed = True
        if changed:
            viewers.clear()


def build_schema(settings: Settings) -> strawberry.Schema:
    # CountOperations after the masking: it runs inside it, so it still sees the original errors.
    extensions = [*limit_extensions(settings), MaskUnexpectedErrors, CountOperations, ForgetViewersAfterMutations]
    if not settings.introspection:
        extensions.append(lambda: AddValidationRules([NoSchemaIntrospectionCustomRule]))
    return NetworkSchema(query=Query, mutation=Mutation, subscription=Subscription, extensions=extensions)
