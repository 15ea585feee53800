"""A JSON object written section by section, one list item (or object member) per line, streamed as it goes."""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from network.synthetic.records import encode


@dataclass(frozen=True)
class Encoded:
    """List items that are JSON text already (written as they are)."""

    lines: Iterator[str]


def write_object(out: TextIO, sections: Iterable[tuple[str, Any]]) -> None:
    """Writes {"key": value, ...}; list values one item a line, mappings of objects one member a line.

    The same sections always give the same bytes, and an iterator is consumed as it is written.
    """
    out.write("{")
    for index, (key, value) in enumerate(sections):
        out.write(("," if index else "") + f"\n{encode(key)}:")
        if isinstance(value, Mapping) and value and all(isinstance(v, Mapping) for v in value.values()):
            out.write("{")
            for i, (k, v) in enumerate(value.items()):
                out.write(("," if i else "") + f"\n{encode(k)}:{encode(v)}")
            out.write("\n}")
        elif isinstance(value, (str, int, float, bool, Mapping)) or value is None:
            out.write(encode(value))
        else:
            lines = value.lines if isinstance(value, Encoded) else map(encode, value)
            out.write("[")
            for i, line in enumerate(lines):
                out.write(("," if i else "") + "\n" + line)
            out.write("\n]")
    out.write("\n}\n")
