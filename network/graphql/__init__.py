"""The GraphQL schema: the root types of every domain, merged, and the request context."""
