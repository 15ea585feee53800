"""Token signing: the claims, the secret from the settings, and the random one when none is set."""

import datetime as dt

import jwt
import pytest
from pydantic import SecretStr
from structlog.testing import capture_logs

from network.accounts.errors import InvalidToken
from network.accounts.tokens import TokenSigner
from network.kit.authorisation import Role
from network.settings import Settings
from tests.accounts.conftest import SECRET


def test_a_token_carries_account_role_version_and_lifetime(auth_settings: Settings) -> None:
    signer = TokenSigner.from_settings(auth_settings.model_copy(update={"token_ttl_minutes": 90}))
    now = dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    issued = signer.issue("account-1", Role.VOLUNTEER, 7, now=now)
    claims = jwt.decode(issued.token, SECRET, algorithms=["HS256"], options={"verify_exp": False})
    assert claims == {
        "sub": "account-1",
        "role": "VOLUNTEER",
        "ver": 7,
        "iat": int(now.timestamp()),
        "exp": int(now.timestamp()) + 90 * 60,
    }
    assert jwt.get_unverified_header(issued.token)["alg"] == "HS256"
    assert issued.expires_at == now + dt.timedelta(minutes=90)


def test_without_a_secret_each_app_signs_with_its_own_and_says_so(settings: Settings) -> None:
    assert settings.token_secret is None
    with capture_logs() as logs:
        first, second = TokenSigner.from_settings(settings), TokenSigner.from_settings(settings)
    warnings = [log for log in logs if log["log_level"] == "warning"]
    assert len(warnings) == 2 and "TOKEN_SECRET" in warnings[0]["event"] and "restart" in warnings[0]["event"]
    token = first.issue("account-1", Role.MEMBER, 0).token
    assert first.verify(token).account_id == "account-1"
    with pytest.raises(InvalidToken, match="signature"):
        second.verify(token)


def test_a_set_secret_survives_a_restart(auth_settings: Settings) -> None:
    with capture_logs() as logs:
        token = TokenSigner.from_settings(auth_settings).issue("account-2", Role.STAFF, 3).token
        claims = TokenSigner.from_settings(auth_settings).verify(token)
    assert (claims.account_id, claims.role, claims.version) == ("account-2", Role.STAFF, 3)
    assert logs == []


def test_a_short_secret_is_refused(settings: Settings) -> None:
    with pytest.raises(ValueError, match="TOKEN_SECRET must be at least 32 bytes"):
        TokenSigner.from_settings(settings.model_copy(update={"token_secret": SecretStr("short-secret")}))


def test_a_token_without_the_required_claims_is_malformed(auth_settings: Settings) -> None:
    signer = TokenSigner.from_settings(auth_settings)
    incomplete = jwt.encode({"sub": "account-3", "exp": dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)}, SECRET)
    with pytest.raises(InvalidToken, match="malformed"):
        signer.verify(incomplete)
