// The benchmark's peer: the official Neo4j GraphQL library over our graph, served by graphql-yoga.
// Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, PEER_PORT. Prints "peer ready on <url>" when it serves.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { createYoga } from "graphql-yoga";
import neo4j from "neo4j-driver";

const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const driver = neo4j.driver(
    process.env.NEO4J_URI,
    neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD ?? ""),
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
// Library defaults otherwise: no response cache, no persisted queries, the same as our API.
const yoga = createYoga({ schema, graphiql: false, logging: "error", maskedErrors: false });
const server = createServer(yoga);
const port = Number(process.env.PEER_PORT ?? 4000);
server.listen(port, "127.0.0.1", () => console.log(`peer ready on http://127.0.0.1:${port}/graphql`));
for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => server.close(() => driver.close().then(() => process.exit(0))));
}
