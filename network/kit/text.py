"""User text made safe for the full-text index: Lucene syntax characters are escaped, not interpreted."""

import re

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')


def lucene_terms(text: str) -> str:
    """Each word of `text` as a literal term; a caller cannot inject operators, wildcards or field names."""
    # AND, OR and NOT are operators only in capitals; the index lowercases every term, so lowercase finds the same.
    return " ".join(
        _LUCENE_SPECIAL.sub(r"\\\1", word.lower() if word in ("AND", "OR", "NOT") else word)
        for word in text.split()[:20]
    )
