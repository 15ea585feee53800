"""Validated input for mail preferences."""

from pydantic import model_validator

from network.kit.errors import InvalidInput
from network.kit.models import InputModel
from network.outbox.models import MailFrequency, MailLanguage


class MailPreferencesInput(InputModel):
    """What to change; a preference left out stays as it is."""

    frequency: MailFrequency | None = None
    language: MailLanguage | None = None

    @model_validator(mode="after")
    def _something(self) -> "MailPreferencesInput":
        if self.frequency is None and self.language is None:
            raise InvalidInput("give frequency, language or both", field="input")
        return self
