"""Each side's answer in one shape, so the suite and its tests can check that all three return the same rows."""

import json
from collections.abc import Callable
from typing import Any, TypedDict

# Decoded JSON: the data of a GraphQL answer (ours, the peer's), or one record of the floor's statement as a dict.
Json = dict[str, Any]


class PageAnswer(TypedDict):
    slug: str
    name: str
    description: str | None
    members: int | None
    paidStaff: int | None
    languages: list[str]
    district: tuple[str, str] | None  # (slug, name)
    fields: list[tuple[str, str]]  # (slug, label)
    tools: list[tuple[str, str, bool, str, str | None]]  # (slug, name, open source, proficiency, since)
    needs: list[tuple[str, str, int, int]]  # (skill slug, label, minLevel, priority)
    suggestions: list[tuple[str, str, float, list[tuple[str, Any]]]]  # (slug, name, score, [(code, detail)])


class ListAnswer(TypedDict):
    hasNextPage: bool
    associations: list[tuple[str, str, list[tuple[str, str, str]]]]  # (slug, name, [(tool slug, name, proficiency)])


class SetToolsAnswer(TypedDict):
    slug: str
    tools: list[tuple[str, str]]  # (tool slug, proficiency)


def _date(value: Any) -> str | None:
    return None if value is None else (value.iso_format() if hasattr(value, "iso_format") else str(value))


def _reasons(value: Any) -> list[tuple[str, Any]]:
    items = json.loads(value or "[]") if isinstance(value, str) else value
    return [(reason["code"], _detail(reason)) for reason in items]


def _detail(reason: Json) -> Any:
    # NEARBY_DISTRICT names the reader's neighbour: our API turns it for the side the pair was not computed from,
    # while the floor and the peer return the stored JSON (the other side's view). The code and its place agree.
    return None if reason["code"] == "NEARBY_DISTRICT" else reason.get("detail")


def _page(
    slug: str,
    name: str,
    rest: Json,
    district: Json | None,
    fields: list[Json],
    tools: list[Json],
    needs: list[Json],
    suggestions: list[Json],
) -> PageAnswer:
    return {
        "slug": slug,
        "name": name,
        "description": rest.get("description"),
        "members": rest.get("members"),
        "paidStaff": rest.get("paidStaff"),
        "languages": sorted(rest.get("languages") or []),
        "district": (district["slug"], district["name"]) if district else None,
        "fields": sorted((f["slug"], f["label"]) for f in fields),
        "tools": sorted(
            (t["tool"]["slug"], t["tool"]["name"], t["tool"]["openSource"], t["proficiency"], _date(t.get("since")))
            for t in tools
        ),
        "needs": sorted((n["skill"]["slug"], n["skill"]["label"], n["minLevel"], n["priority"]) for n in needs),
        "suggestions": [
            (s["candidate"]["slug"], s["candidate"]["name"], round(s["score"], 6), _reasons(s["reasons"]))
            for s in suggestions
        ],
    }


def ours_page(data: Json) -> PageAnswer | None:
    a = data["association"]
    if a is None:
        return None
    return _page(a["slug"], a["name"], a, a["district"], a["fields"], a["tools"], a["needs"], a["peerSuggestions"])


def floor_page(rows: list[Json]) -> PageAnswer | None:
    if not rows:
        return None
    a = rows[0]["association"]
    return _page(a["slug"], a["name"], a, a["district"], a["fields"], a["tools"], a["needs"], a["peerSuggestions"])


def peer_page(data: Json) -> PageAnswer | None:
    if not data["associations"]:
        return None
    a = data["associations"][0]
    tools = [{**e["properties"], "tool": e["node"]} for e in a["toolsConnection"]["edges"]]
    needs = [
        {**e["properties"], "skill": {"slug": e["node"]["slug"], "label": e["node"]["labelDe"]}}
        for e in a["needsConnection"]["edges"]
    ]
    fields = [{"slug": f["slug"], "label": f["labelDe"]} for f in a["fields"]]
    # The suggestion node links FOR one side and OF the other: the candidate is the side that is not this one.
    suggestions = [
        {
            "score": s["score"],
            "reasons": s["reasons"],
            "candidate": next(p for p in s["for"] + s["of"] if p["slug"] != a["slug"]),
        }
        for s in a["peerSuggestions"]
    ]
    district = a["districts"][0] if a["districts"] else None
    return _page(a["slug"], a["name"], a, district, fields, tools, needs, suggestions)


def _listed(rows: list[tuple[str, str, list[Json]]], has_next: bool) -> ListAnswer:
    return {
        "hasNextPage": has_next,
        "associations": [
            (slug, name, sorted((t["tool"]["slug"], t["tool"]["name"], t["proficiency"]) for t in tools))
            for slug, name, tools in rows
        ],
    }


def ours_list(data: Json) -> ListAnswer:
    connection = data["associations"]
    return _listed(
        [(e["node"]["slug"], e["node"]["name"], e["node"]["tools"]) for e in connection["edges"]],
        connection["pageInfo"]["hasNextPage"],
    )


def floor_list(rows: list[Json], page: int = 20) -> ListAnswer:
    return _listed(
        [(r["association"]["slug"], r["association"]["name"], r["association"]["tools"]) for r in rows[:page]],
        len(rows) > page,
    )


def peer_list(data: Json) -> ListAnswer:
    connection = data["associationsConnection"]
    return _listed(
        [
            (
                e["node"]["slug"],
                e["node"]["name"],
                [{**t["properties"], "tool": t["node"]} for t in e["node"]["toolsConnection"]["edges"]],
            )
            for e in connection["edges"]
        ],
        connection["pageInfo"]["hasNextPage"],
    )


def ours_search(data: Json) -> list[tuple[str, float]]:
    return [(hit["party"]["slug"], round(hit["score"], 5)) for hit in data["search"] if hit["party"]]


def floor_search(rows: list[Json]) -> list[tuple[str, float]]:
    return [(row["association"]["slug"], round(row["score"], 5)) for row in rows]


def peer_search(data: Json) -> list[tuple[str, float]]:
    return [(edge["node"]["slug"], round(edge["score"], 5)) for edge in data["searchAssociations"]["edges"]]


def ours_set_tools(data: Json) -> SetToolsAnswer:
    a = data["setAssociationTools"]["association"]
    return {"slug": a["slug"], "tools": sorted((t["tool"]["slug"], t["proficiency"]) for t in a["tools"])}


def floor_set_tools(rows: list[Json]) -> SetToolsAnswer:
    a = rows[0]["association"]
    return {"slug": a["slug"], "tools": sorted((t["tool"]["slug"], t["proficiency"]) for t in a["tools"])}


OURS: dict[str, Callable[[Json], object]] = {
    "page": ours_page,
    "list": ours_list,
    "search": ours_search,
    "set_tools": ours_set_tools,
}
FLOOR: dict[str, Callable[[list[Json]], object]] = {
    "page": floor_page,
    "list": floor_list,
    "search": floor_search,
    "set_tools": floor_set_tools,
}
PEER: dict[str, Callable[[Json], object]] = {"page": peer_page, "list": peer_list, "search": peer_search}
