"""Validated input for signing up, logging in, changing a password and creating accounts from the command line."""

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, StringConstraints, model_validator

from network.kit.authorisation import Role
from network.kit.errors import InvalidInput
from network.kit.models import Email, InputModel
from network.outbox.models import MailLanguage

PASSWORD_MIN, PASSWORD_MAX = 10, 256


def _password_length(value: str) -> str:
    if not PASSWORD_MIN <= len(value) <= PASSWORD_MAX:
        raise ValueError(f"must be {PASSWORD_MIN} to {PASSWORD_MAX} characters long")
    return value


# Spaces are part of a password: never strip them, as InputModel does for other text.
Password = Annotated[str, StringConstraints(strip_whitespace=False), AfterValidator(_password_length)]
# Logging in checks only the upper bound, so tightening the rules later does not lock anyone out.
GivenPassword = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, max_length=PASSWORD_MAX)]


class SignUpRole(StrEnum):
    """The roles anyone may choose; STAFF accounts are made with `network accounts create` only."""

    MEMBER = "MEMBER"
    VOLUNTEER = "VOLUNTEER"


class _Credentials(InputModel):
    model_config = ConfigDict(hide_input_in_errors=True)  # a validation error must never carry a password to a log

    email: Email


class AccountEmailInput(_Credentials):
    """The address that names an account, for staff verifying it."""


class SignUpInput(_Credentials):
    password: Password
    role: SignUpRole = SignUpRole.MEMBER
    language: MailLanguage = MailLanguage.DE  # of the mails the account gets


class AccountInput(_Credentials):
    """An account of any role, as staff create it on the command line."""

    password: Password
    role: Role
    language: MailLanguage = MailLanguage.DE


class LogInInput(_Credentials):
    password: GivenPassword


class ChangePasswordInput(InputModel):
    model_config = ConfigDict(hide_input_in_errors=True)

    current_password: GivenPassword
    new_password: Password

    @model_validator(mode="after")
    def _changed(self) -> "ChangePasswordInput":
        if self.new_password == self.current_password:
            raise InvalidInput("must differ from the current password", field="newPassword")
        return self


class NewPasswordInput(_Credentials):
    """A password that staff set for an account (`network accounts reset-password`)."""

    password: Password
