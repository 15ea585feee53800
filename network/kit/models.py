"""Building blocks of input models: camelCase fields, slugs, language codes, e-mail addresses."""

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic.alias_generators import to_camel

_EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


class InputModel(BaseModel):
    """Input as clients and files write it: camelCase names, unknown fields refused (nothing is silently dropped)."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="forbid", str_strip_whitespace=True, frozen=True
    )


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
Text = Annotated[str, StringConstraints(max_length=5000)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]


def _email(value: str) -> str:
    if len(value) > 254 or not _EMAIL.match(value):
        raise ValueError("is not an e-mail address")
    return value.lower()


Email = Annotated[str, AfterValidator(_email)]


def _level(value: int) -> int:
    if not 1 <= value <= 8:
        raise ValueError(f"must be a DigComp 2.2 level from 1 to 8, got {value}")
    return value


Level = Annotated[int, AfterValidator(_level), Field(description="DigComp 2.2 proficiency level, 1 to 8")]


def unique(values: list[str]) -> list[str]:
    """Keeps the first of each value, in order (a repeated slug is one fact, not two)."""
    return list(dict.fromkeys(values))


def with_cleared_lists(model: type[BaseModel], patch: dict[str, Any]) -> dict[str, Any]:
    """A partial update's `null` for a list field means 'none' (an empty list), as for every other field."""
    lists = {info.alias or name for name, info in model.model_fields.items() if info.default_factory is list}
    return {key: [] if value is None and key in lists else value for key, value in patch.items()}
