"""Cypher lives only in `repository.py` files and in `graph_schema/`: a statement anywhere else fails this test.

A string counts as Cypher when it starts a clause the way a statement does (`MATCH (`, `MERGE (`, `UNWIND $`, ...).
Docstrings are prose and are skipped. The test reads the source; it imports nothing of it.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("network", "jobs", "bench")
CYPHER = re.compile(
    r"(?:^|\s)(?:OPTIONAL MATCH|MATCH|MERGE|CREATE|UNWIND|DETACH DELETE|CALL|WITH|RETURN)\s+[\(\$\{\[a-z0-9]"
    r"|(?:^|\s)(?:SET|REMOVE)\s+[a-z]\w*[.:]"
    r"|\bSHOW (?:INDEXES|CONSTRAINTS|DATABASES)\b",
)


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef))]
    found = set()
    for node in nodes:
        body = getattr(node, "body", [])
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            found.add(id(body[0].value))
    return found


def cypher_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string in `source` that holds a Cypher clause."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    hits = []
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        if is_text and CYPHER.search(node.value):
            hits.append((node.lineno, node.value.strip()[:80]))
    return sorted(hits)


def _allowed(path: Path) -> bool:
    return path.name == "repository.py" or path.relative_to(ROOT).parts[0] == "graph_schema"


def test_cypher_appears_only_in_repositories() -> None:
    misplaced = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for folder in CHECKED
        for path in sorted((ROOT / folder).rglob("*.py"))
        if not _allowed(path)
        for line, text in cypher_strings(path.read_text(encoding="utf-8"))
    ]
    assert not misplaced, "Cypher outside repository.py files:\n" + "\n".join(misplaced)


def test_the_check_finds_cypher_and_leaves_prose_alone() -> None:
    source = '''
"""MATCH (n) in a module docstring is prose."""
QUERY = "MATCH (a:Association {slug: $slug}) RETURN a"
PARTS = f"UNWIND $rows AS row " "MERGE (t:Tool {slug: row.slug})"
MESSAGE = "Sign in first: send a bearer token."
UPDATE = "SET n.name = $name"
'''
    assert [line for line, _ in cypher_strings(source)] == [3, 4, 6]
