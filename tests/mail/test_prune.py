"""The hourly cleanup of the outbox: settled notifications past their retention go, pending ones stay."""

from network.kit.database import Database
from network.mail.delivery import prune_settled
from network.outbox.models import NotificationKind
from tests.mail.conftest import World


async def test_old_settled_notifications_go_and_pending_ones_stay(db: Database, world: World) -> None:
    ids = await world.notify(
        NotificationKind.PEER_SUGGESTED, "Suggestion", world.suggestion_id, to_parties=[world.a_id, world.b_id]
    )
    old_sent, old_pending = ids
    await world.run(
        "MATCH (n:Notification) WHERE n.id IN $ids SET n.createdAt = datetime() - duration({days: 100})",
        ids=ids,
    )
    await world.run("MATCH (n:Notification {id: $id}) SET n.status = 'SENT', n.sentAt = datetime()", id=old_sent)
    [recent] = await world.notify(
        NotificationKind.SUGGESTION_REMINDER, "Suggestion", world.suggestion_id, to_parties=[world.a_id]
    )
    await world.run("MATCH (n:Notification {id: $id}) SET n.status = 'SKIPPED'", id=recent)

    deleted = await prune_settled(db, days=90)

    left = {
        r["id"]
        for r in await world.run("MATCH (n:Notification) WHERE n.id IN $ids RETURN n.id AS id", ids=[*ids, recent])
    }
    assert left == {old_pending, recent}
    assert deleted >= 1
    assert await prune_settled(db, days=90) == 0  # nothing old is left to delete
