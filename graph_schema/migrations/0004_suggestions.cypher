// One suggestion per pair and kind: a recompute MERGEs on (kind, pairKey), which this constraint indexes and guards.
CREATE CONSTRAINT suggestion_pair IF NOT EXISTS FOR (n:Suggestion) REQUIRE (n.kind, n.pairKey) IS UNIQUE;
