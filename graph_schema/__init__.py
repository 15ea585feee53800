"""The graph's shape: versioned Cypher migrations and the reference catalogue."""
