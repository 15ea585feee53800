"""Builds the one GraphQL schema from the domains' root types."""

import strawberry
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import AddValidationRules
from strawberry.tools import merge_types

from network.accounts.resolvers import AccountMutation, AccountQuery
from network.associations.mutations import AssociationMutation
from network.associations.resolvers import AssociationQuery
from network.catalogue.resolvers import CatalogueQuery
from network.events.mutations import EventMutation
from network.events.resolvers import EventQuery
from network.graphql.node_query import NodeQuery
from network.kit.limits import limit_extensions
from network.kit.masking import MaskUnexpectedErrors
from network.privacy.mutations import PrivacyMutation
from network.search.resolvers import SearchQuery
from network.settings import Settings
from network.volunteers.mutations import VolunteerMutation
from network.volunteers.resolvers import VolunteerQuery

Query = merge_types(
    "Query",
    (CatalogueQuery, AccountQuery, AssociationQuery, VolunteerQuery, EventQuery, SearchQuery, NodeQuery),
)
Mutation = merge_types(
    "Mutation", (AccountMutation, AssociationMutation, VolunteerMutation, EventMutation, PrivacyMutation)
)


def build_schema(settings: Settings) -> strawberry.Schema:
    extensions = [*limit_extensions(settings), MaskUnexpectedErrors]
    if not settings.introspection:
        extensions.append(lambda: AddValidationRules([NoSchemaIntrospectionCustomRule]))
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions)
