"""The catalogue queries of the GraphQL schema, executed in-process against the real graph."""

from typing import Any

import pytest
import strawberry

from graph_schema.catalogue.reference import read_catalogue
from network.app import open_queue
from network.catalogue.cache import CatalogueCache
from network.graphql.schema import build_schema
from network.kit.context import Context
from network.kit.database import Database
from network.settings import Settings


@pytest.fixture(scope="module")
def schema(settings: Settings) -> strawberry.Schema:
    return build_schema(settings)


async def run(schema: strawberry.Schema, db: Database, settings: Settings, query: str, **variables: Any) -> Any:
    queue = open_queue(settings)
    try:
        result = await schema.execute(
            query,
            variable_values=variables,
            context_value=Context(db=db, queue=queue, settings=settings, catalogue=CatalogueCache(db)),
        )
    finally:
        await queue.aclose()
    assert result.errors is None, result.errors
    return result.data


async def test_tools_list_the_whole_catalogue_with_alternatives(schema, db, settings) -> None:
    data = await run(schema, db, settings, "{ tools { slug name openSource alternatives { slug } replaces { slug } } }")
    catalogue = read_catalogue()
    assert sorted(t["slug"] for t in data["tools"]) == sorted(catalogue.slugs("tools"))
    zoom = next(t for t in data["tools"] if t["slug"] == "zoom")
    expected = sorted(a["alternative"] for a in catalogue.alternatives if a["to"] == "zoom")
    assert [a["slug"] for a in zoom["alternatives"]] == expected and expected
    bbb = next(t for t in data["tools"] if t["slug"] == "bigbluebutton")
    assert "zoom" in [r["slug"] for r in bbb["replaces"]]


async def test_tools_filter_by_category_and_open_source(schema, db, settings) -> None:
    query = (
        "query($c: String, $o: Boolean) { tools(category: $c, openSource: $o) { slug openSource category { slug } } }"
    )
    video = (await run(schema, db, settings, query, c="video-conferencing"))["tools"]
    expected = {t["slug"] for t in read_catalogue().tools if "video-conferencing" in t["categories"]}
    assert {t["slug"] for t in video} == expected and len(expected) > 1
    open_video = (await run(schema, db, settings, query, c="video-conferencing", o=True))["tools"]
    assert open_video and all(t["openSource"] is True for t in open_video)
    assert {t["slug"] for t in open_video} < expected
    closed = (await run(schema, db, settings, query, o=False))["tools"]
    assert closed and all(t["openSource"] is False for t in closed)


async def test_skills_carry_their_digcomp_competences_and_labels(schema, db, settings) -> None:
    data = await run(
        schema,
        db,
        settings,
        "{ skills { slug de: label en: label(language: EN) competences { code areaTitle } tools { slug } } }",
    )
    assert len(data["skills"]) == len(read_catalogue().skills)
    meetings = next(s for s in data["skills"] if s["slug"] == "hybrid-general-meetings")
    assert [c["code"] for c in meetings["competences"]] == ["2.1", "2.3", "2.4", "5.2"]
    assert meetings["de"] == "Digitale und hybride Mitgliederversammlungen"
    assert meetings["en"] == "Digital and hybrid general meetings"
    assert {"openslides", "bigbluebutton"} <= {t["slug"] for t in meetings["tools"]}


async def test_districts_fields_and_target_groups(schema, db, settings) -> None:
    data = await run(
        schema,
        db,
        settings,
        "{ districts { slug name number lat lon ringbahnPosition } "
        "fields { slug label(language: EN) } targetGroups { slug kind label } toolCategories { slug } }",
    )
    assert [d["number"] for d in data["districts"]] == [f"{n:02d}" for n in range(1, 13)]
    mitte = data["districts"][0]
    assert mitte["slug"] == "mitte" and 52.3 < mitte["lat"] < 52.7 and 13.0 < mitte["lon"] < 13.8
    assert {f["slug"] for f in data["fields"]} == read_catalogue().slugs("fields")
    assert {g["slug"] for g in data["targetGroups"]} == read_catalogue().slugs("target_groups")
    assert {g["kind"] for g in data["targetGroups"]} == {"person", "organisation"}
    assert len(data["toolCategories"]) == len(read_catalogue().tool_categories)
