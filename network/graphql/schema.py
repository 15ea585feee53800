"""Builds the one GraphQL schema from the domains' root types."""

import strawberry
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import AddValidationRules
from strawberry.tools import merge_types

from network.catalogue.resolvers import CatalogueQuery
from network.settings import Settings

Query = merge_types("Query", (CatalogueQuery,))


def build_schema(settings: Settings) -> strawberry.Schema:
    extensions = [] if settings.introspection else [lambda: AddValidationRules([NoSchemaIntrospectionCustomRule])]
    return strawberry.Schema(query=Query, extensions=extensions)
