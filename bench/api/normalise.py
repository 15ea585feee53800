"""Each side's answer in one shape, so the suite and its tests can check that all three return the same rows."""

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any, TypedDict

from network.kit.global_id import from_global_id
from network.suggestions.types import TOOL_REASONS, TURNED

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


# One suggestion card: (id, kind, score, status, youAccepted, computedAt, [(code, detail, share, direction)],
# candidate), the candidate as ("Association", id, slug, name, paidStaff, contactEmail, district, [(skill, minLevel)])
# or ("Volunteer", id, slug, displayName, remote, hoursPerMonth, contactEmail, district, [(skill, level)]).
Card = tuple[str, str, float, str, bool, str | None, list[tuple[str, Any, float | None, str | None]], tuple[Any, ...]]


class InboxAnswer(TypedDict):
    id: str
    slug: str
    name: str
    peers: list[Card]
    mentors: list[Card]


class MenteeAnswer(TypedDict):
    id: str
    slug: str
    displayName: str
    mentees: list[Card]


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


FRACTION = re.compile(r"(\.\d{6})\d+")  # an ISO time's digits beyond microseconds, which Python does not read


def _instant(value: Any) -> str | None:
    """A point in time as UTC ISO text to the millisecond (the peer's DateTime is a JavaScript Date, which has no
    finer), from the driver's DateTime or any side's ISO text."""
    if value is None:
        return None
    if hasattr(value, "to_native"):
        native: dt.datetime = value.to_native()
    else:
        native = dt.datetime.fromisoformat(FRACTION.sub(r"\1", str(value)).replace("Z", "+00:00"))
    return native.astimezone(dt.UTC).isoformat(timespec="milliseconds")


def _district(value: Json | None) -> tuple[str, str] | None:
    return (value["slug"], value["name"]) if value else None


def _candidate(label: str, c: Json) -> tuple[Any, ...]:
    """`c` with the district as {slug, name} and needs or skills as [{skill: slug, minLevel or level}]."""
    if label == "Association":
        needs = sorted((n["skill"], n["minLevel"]) for n in c["needs"])
        return (
            label,
            c["id"],
            c["slug"],
            c["name"],
            c.get("paidStaff"),
            c.get("contactEmail"),
            _district(c["district"]),
            needs,
        )
    skills = sorted((k["skill"], k["level"]) for k in c["skills"])
    return (
        label,
        c["id"],
        c["slug"],
        c["displayName"],
        bool(c.get("remote")),
        c.get("hoursPerMonth"),
        c.get("contactEmail"),
        _district(c["district"]),
        skills,
    )


def _stored_card(s: Json, label: str, candidate: Json, candidate_is_for: bool, shares: dict[str, float]) -> Card:
    """A suggestion as stored (reasons as JSON text, as its FOR side sees them) turned into the card its reader sees,
    as our API shows it: seen from the other side, a direction turns round and NEARBY_DISTRICT names the candidate's
    district; a tool reason carries the tool's share of associations."""
    reasons = []
    for reason in json.loads(s["reasons"] or "[]"):
        code, detail, direction = reason["code"], reason.get("detail"), reason.get("direction")
        if candidate_is_for:
            direction = TURNED.get(direction, direction) if direction else direction
            if code == "NEARBY_DISTRICT":
                detail = candidate["district"]["slug"] if candidate["district"] else None
        share = shares.get(detail) if code in TOOL_REASONS and detail is not None else None
        reasons.append((code, detail, None if share is None else round(share, 6), direction))
    return (
        s["id"],
        s["kind"],
        round(float(s["score"] or 0.0), 6),
        s["status"],
        any(side != candidate["id"] for side in s["acceptedBy"] or []),
        _instant(s["computedAt"]),
        reasons,
        _candidate(label, candidate),
    )


def _our_card(s: Json) -> Card:
    c = s["candidate"]
    district = c["district"]
    if c["__typename"] == "Association":
        links = [{"skill": n["skill"]["slug"], "minLevel": n["minLevel"]} for n in c["needs"]]
        candidate = {**c, "district": district, "needs": links}
    else:
        links = [{"skill": k["skill"]["slug"], "level": k["level"]} for k in c["skills"]]
        candidate = {**c, "district": district, "skills": links}
    candidate["id"] = from_global_id(c["id"])[1]
    reasons = [
        (r["code"], r["detail"], None if r["share"] is None else round(r["share"], 6), r["direction"])
        for r in s["reasons"]
    ]
    return (
        from_global_id(s["id"])[1],
        s["kind"],
        round(s["score"], 6),
        s["status"],
        s["youAccepted"],
        _instant(s["computedAt"]),
        reasons,
        _candidate(c["__typename"], candidate),
    )


def ours_inbox(data: Json) -> InboxAnswer | None:
    a = data["association"]
    if a is None:
        return None
    return {
        "id": from_global_id(a["id"])[1],
        "slug": a["slug"],
        "name": a["name"],
        "peers": [_our_card(s) for s in a["peerSuggestions"]],
        "mentors": [_our_card(s) for s in a["mentorSuggestions"]],
    }


def ours_mentee(data: Json) -> MenteeAnswer | None:
    v = data["volunteer"]
    if v is None:
        return None
    return {
        "id": from_global_id(v["id"])[1],
        "slug": v["slug"],
        "displayName": v["displayName"],
        "mentees": [_our_card(s) for s in v["menteeSuggestions"]],
    }


def _floor_cards(suggestions: list[Json], label: str, shares: list[Json]) -> list[Card]:
    by_slug = {row["slug"]: row["share"] for row in shares}
    return [_stored_card(s, label, s["candidate"], s["candidateIsFor"], by_slug) for s in suggestions]


def floor_inbox(rows: list[Json]) -> InboxAnswer | None:
    if not rows:
        return None
    row = rows[0]
    a = row["association"]
    return {
        "id": a["id"],
        "slug": a["slug"],
        "name": a["name"],
        "peers": _floor_cards(row["peers"], "Association", row["shares"]),
        "mentors": _floor_cards(row["mentors"], "Volunteer", row["shares"]),
    }


def floor_mentee(rows: list[Json]) -> MenteeAnswer | None:
    if not rows:
        return None
    row = rows[0]
    v = row["volunteer"]
    return {
        "id": v["id"],
        "slug": v["slug"],
        "displayName": v["displayName"],
        "mentees": _floor_cards(row["mentees"], "Association", row["shares"]),
    }


def _peer_association(a: Json) -> Json:
    needs = [{"skill": e["node"]["slug"], **e["properties"]} for e in a["needsConnection"]["edges"]]
    return {**a, "district": a["districts"][0] if a["districts"] else None, "needs": needs}


def _peer_volunteer(v: Json) -> Json:
    skills = [{"skill": e["node"]["slug"], **e["properties"]} for e in v["skillsConnection"]["edges"]]
    return {**v, "district": v["districts"][0] if v["districts"] else None, "skills": skills}


def _peer_card(s: Json, label: str, candidate: Json, candidate_is_for: bool) -> Card:
    shares = {t["slug"]: t["usageShare"] for t in s["namedTools"]}
    return _stored_card(s, label, candidate, candidate_is_for, shares)


def peer_inbox(data: Json) -> InboxAnswer | None:
    if not data["associations"]:
        return None
    a = data["associations"][0]
    # Both sides' lists leave out the reader: the candidate is the side left, and it is FOR when that list has it.
    peers = [
        _peer_card(s, "Association", _peer_association((s["for"] + s["of"])[0]), bool(s["for"]))
        for s in a["peerSuggestions"]
    ]
    mentors = [_peer_card(s, "Volunteer", _peer_volunteer(s["mentor"][0]), False) for s in a["suggestionsFor"]]
    return {"id": a["id"], "slug": a["slug"], "name": a["name"], "peers": peers, "mentors": mentors}


def peer_mentee(data: Json) -> MenteeAnswer | None:
    if not data["volunteers"]:
        return None
    v = data["volunteers"][0]
    mentees = [_peer_card(s, "Association", _peer_association(s["for"][0]), True) for s in v["suggestionsOf"]]
    return {"id": v["id"], "slug": v["slug"], "displayName": v["displayName"], "mentees": mentees}


def ours_respond(data: Json) -> tuple[str, str]:
    s = data["respondToSuggestion"]["suggestion"]
    return from_global_id(s["id"])[1], s["status"]


def floor_respond(rows: list[Json]) -> tuple[str, str] | None:
    return (rows[0]["suggestion"]["id"], rows[0]["suggestion"]["status"]) if rows else None


OURS: dict[str, Callable[[Json], object]] = {
    "page": ours_page,
    "list": ours_list,
    "search": ours_search,
    "inbox": ours_inbox,
    "mentee": ours_mentee,
    "set_tools": ours_set_tools,
    "respond": ours_respond,
}
FLOOR: dict[str, Callable[[list[Json]], object]] = {
    "page": floor_page,
    "list": floor_list,
    "search": floor_search,
    "inbox": floor_inbox,
    "mentee": floor_mentee,
    "set_tools": floor_set_tools,
    "respond": floor_respond,
}
PEER: dict[str, Callable[[Json], object]] = {
    "page": peer_page,
    "list": peer_list,
    "search": peer_search,
    "inbox": peer_inbox,
    "mentee": peer_mentee,
}
