"""How often a person gets mail and in which language: read and changed by the account's holder, or turned off
through the unsubscribe link of any mail (no log-in: the link's token is the proof)."""

import re

from network.kit.database import Database
from network.kit.errors import NotFound
from network.mail.models import MailPreferencesInput
from network.mail.repository import Preferences, PreferencesRepository
from network.outbox.models import MailFrequency, MailLanguage

# Tokens are made by DeliveryRepository (64 hex digits); anything else is unknown without asking the database.
_TOKEN = re.compile(r"^[0-9a-f]{32,128}$")


async def preferences(db: Database, account_id: str) -> Preferences:
    found = await db.read(lambda tx: PreferencesRepository(tx).get(account_id))
    if found is None:
        raise NotFound("The account no longer exists.")
    return found


async def set_preferences(
    db: Database, account_id: str, frequency: MailFrequency | None, language: MailLanguage | None
) -> Preferences:
    """Changes what is given; at least one of the two."""
    data = MailPreferencesInput(frequency=frequency, language=language)
    new_frequency = data.frequency.value if data.frequency else None
    new_language = data.language.value if data.language else None
    changed = await db.write(lambda tx: PreferencesRepository(tx).set(account_id, new_frequency, new_language))
    if changed is None:
        raise NotFound("The account no longer exists.")
    return changed


def plausible_token(token: str) -> bool:
    return bool(_TOKEN.match(token))


async def token_known(db: Database, token: str) -> bool:
    return plausible_token(token) and await db.read(lambda tx: PreferencesRepository(tx).token_known(token))


async def unsubscribe(db: Database, token: str) -> bool:
    """Sets the account of `token` to NEVER; False for an unknown token."""
    return plausible_token(token) and await db.write(lambda tx: PreferencesRepository(tx).unsubscribe(token))
