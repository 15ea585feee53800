"""The local stack: a Neo4j and a Redis that the project installs and starts itself for development and tests."""
