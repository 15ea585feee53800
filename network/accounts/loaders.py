"""Batch loader of what an account acts for: `Account.associations` and `Account.volunteer` share one query."""

from strawberry.dataloader import DataLoader

from network.accounts import service
from network.accounts.repository import ActsForRow
from network.kit.context import Context


async def acts_for(context: Context, account_id: str) -> ActsForRow:
    async def load(ids: list[str]) -> list[ActsForRow]:
        return await service.acts_for(context.db, ids)

    return await context.loader("account.actsFor", lambda: DataLoader(load_fn=load)).load(account_id)
