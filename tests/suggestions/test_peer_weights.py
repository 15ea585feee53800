"""The peer weights: a run fits them, suggestions name their version, answers train them, staff see them."""

from network.kit.database import Database
from network.matching.weights import ALGORITHM_VERSION
from network.peer_model import service
from network.suggestions.recompute import recompute_all
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import crowd, import_parties, peer
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs

WEIGHTS = (
    "{ peerWeights { version algorithmVersion weights { signal weight } prior { signal weight } "
    "profileRows answers accepted createdAt } }"
)
DISTRICTS = ("pankow", "mitte")


def _associations(slugs: Slugs) -> list[str]:
    return [slugs(f"p{i}") for i in range(8)]


async def test_a_run_uses_the_latest_weights_and_its_suggestions_name_them(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b), *crowd(slugs)])
    counts = await recompute_all(db)
    model = await service.latest(db)
    assert model is not None and counts.peer_weights == model.version
    stored = await cypher(
        db,
        "MATCH (:Association {slug: $a})<-[:FOR|OF]-(s:Suggestion)-[:FOR|OF]->(:Association {slug: $b}) "
        "RETURN s.algorithmVersion AS version",
        a=a,
        b=b,
    )
    assert stored == [{"version": f"{ALGORITHM_VERSION}+w{model.version}"}]

    staff, member = await accounts.make("STAFF"), await accounts.make("MEMBER")
    shown = (await graphql(WEIGHTS, staff))["peerWeights"]
    assert shown["version"] == model.version and shown["algorithmVersion"] == model.algorithm_version
    signals = ["tools", "complementarity", "fields", "target_groups", "district"]
    assert [w["signal"] for w in shown["weights"]] == signals == [w["signal"] for w in shown["prior"]]
    assert {w["signal"]: w["weight"] for w in shown["weights"]} == model.weights.as_dict()
    assert shown["createdAt"] is not None
    assert (await graphql(WEIGHTS, member))["peerWeights"] is None
    assert (await graphql(WEIGHTS, None))["peerWeights"] is None


async def test_answers_train_a_new_version_on_a_refit_and_a_refresh_keeps_it(db: Database, slugs: Slugs) -> None:
    # eight associations sharing a rare tool, in two districts; the answers take up exactly the same-district pairs
    names = _associations(slugs)
    await import_parties(db, [peer(n, district=DISTRICTS[i % 2]) for i, n in enumerate(names)] + crowd(slugs, count=8))
    await recompute_all(db)
    pairs = await cypher(
        db,
        "MATCH (x:Association)<-[:FOR]-(s:Suggestion {kind: 'PEER'})-[:OF]->(y:Association) "
        "WHERE x.slug IN $names AND y.slug IN $names "
        "MATCH (x)-[:LOCATED_IN]->(dx:District), (y)-[:LOCATED_IN]->(dy:District) "
        "RETURN s.id AS id, x.id AS x, dx.slug AS dx, dy.slug AS dy",
        names=names,
    )
    assert len(pairs) == 28  # every pair of the eight
    for pair in pairs:
        same = pair["dx"] == pair["dy"]
        await cypher(
            db,
            "MATCH (s:Suggestion {id: $id}) SET s.status = $status, s.acceptedBy = $accepted",
            id=pair["id"],
            status="PROPOSED" if same else "DECLINED",
            accepted=[pair["x"]] if same else [],
        )
    before = await service.latest(db)
    assert before is not None

    await recompute_all(db, refit=False)  # a refresh: the weights stay
    kept = await service.latest(db)
    assert kept is not None and kept.version == before.version

    counts = await recompute_all(db, refit=True)  # the nightly run: trained on the answers
    trained = await service.latest(db)
    assert trained is not None and trained.version > before.version and counts.peer_weights == trained.version
    assert trained.answers >= 28 and trained.accepted >= 12
    assert trained.weights.district > before.weights.district  # the answers favoured the same district
