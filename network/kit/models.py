"""Building blocks of input models: camelCase fields, slugs, language codes, e-mail addresses."""

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic.alias_generators import to_camel

_EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


class InputModel(BaseModel):
    """Input as clients and files write it: camelCase names, unknown fields refused (nothing is silently dropped)."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid",
                              str_strip_whitespace=True, frozen=True)


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
Text = Annotated[str, StringConstraints(max_length=5000)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]


def _email(value: str) -> str:
    if len(value) > 254 or not _EMAIL.match(value):
        raise ValueError("is not an e-mail address")
    return value.lower()


Email = Annotated[str, AfterValidator(_email)]
Level = Annotated[int, Field(ge=1, le=8, description="DigComp 2.2 proficiency level, 1 to 8")]


def unique(values: list[str]) -> list[str]:
    """Keeps the first of each value, in order (a repeated slug is one fact, not two)."""
    return list(dict.fromkeys(values))
