"""Community networking and matchmaking service: GraphQL over a Neo4j graph of associations and volunteers."""
