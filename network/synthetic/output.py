"""A JSON object written section by section, one list item (or object member) per line, streamed as it goes."""

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # one encoder: json.dumps makes one a call


def write_object(out: TextIO, sections: Iterable[tuple[str, Any]]) -> None:
    """Writes {"key": value, ...}; list or iterator values one item a line, mappings one member a line.

    The same sections always give the same bytes, and an iterator is consumed as it is written.
    """
    out.write("{")
    for index, (key, value) in enumerate(sections):
        out.write(("," if index else "") + f"\n{_encode(key)}:")
        if isinstance(value, Mapping) and value and all(isinstance(v, Mapping) for v in value.values()):
            out.write("{")
            for i, (k, v) in enumerate(value.items()):
                out.write(("," if i else "") + f"\n{_encode(k)}:{_encode(v)}")
            out.write("\n}")
        elif isinstance(value, (str, int, float, bool, Mapping)) or value is None:
            out.write(_encode(value))
        else:
            out.write("[")
            for i, item in enumerate(value):
                out.write(("," if i else "") + "\n" + _encode(item))
            out.write("\n]")
    out.write("\n}\n")
