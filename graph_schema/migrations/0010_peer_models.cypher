// Every set of peer weights a run used is kept, numbered: a Suggestion's algorithmVersion names the one that made it.
CREATE CONSTRAINT peer_model_version IF NOT EXISTS FOR (m:PeerModel) REQUIRE m.version IS UNIQUE;
