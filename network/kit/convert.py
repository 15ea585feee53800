"""Values from the driver as the API shows them."""

import datetime as dt
from typing import Any

from neo4j.time import Date, DateTime


def native_datetime(value: Any) -> dt.datetime | None:
    return value.to_native() if isinstance(value, DateTime) else value


def native_date(value: Any) -> dt.date | None:
    return value.to_native() if isinstance(value, Date) else value
