"""The API serves the built web client at / (files where they exist, the index page for client routes) and
GraphiQL from the same build, while /graphql and /health keep their own routes."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from network.settings import Settings
from tests.support.server import running_api


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>client</title>", encoding="utf-8")
    (tmp_path / "assets" / "app-1234.js").write_text("console.log('app')", encoding="utf-8")
    (tmp_path / "graphiql.html").write_text("<!doctype html><title>offline graphiql</title>", encoding="utf-8")
    (tmp_path.parent / "secret.txt").write_text("outside the build", encoding="utf-8")
    return tmp_path


@pytest.fixture
def site(live_stack: Settings, dist: Path) -> Iterator[str]:
    with running_api(live_stack.model_copy(update={"web_dist_dir": dist})) as base_url:
        yield base_url


def test_files_are_served_and_client_routes_fall_back_to_the_index(site: str) -> None:
    with httpx.Client(base_url=site) as client:
        index = client.get("/")
        assert index.status_code == 200 and "<title>client</title>" in index.text
        assert index.headers["cache-control"] == "no-cache"
        assert index.headers["content-type"].startswith("text/html")  # shown, not downloaded
        asset = client.get("/assets/app-1234.js")
        assert asset.status_code == 200 and asset.text == "console.log('app')"
        assert "immutable" in asset.headers["cache-control"]
        assert "javascript" in asset.headers["content-type"]
        for route in ("/inbox", "/associations/some-slug/edit", "/staff/events/x"):
            page = client.get(route)
            assert page.status_code == 200 and "<title>client</title>" in page.text, route


def test_paths_outside_the_build_are_never_served(site: str) -> None:
    with httpx.Client(base_url=site) as client:
        for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"):
            response = client.get(path)
            assert "outside the build" not in response.text, path


def test_the_api_keeps_its_routes_and_graphiql_comes_from_the_build(site: str) -> None:
    with httpx.Client(base_url=site) as client:
        assert client.get("/health/live").json() == {"status": "ok"}
        answer = client.post("/graphql", json={"query": "{ districts { slug } }"})
        assert answer.status_code == 200 and answer.json()["data"]["districts"]
        ide = client.get("/graphql", headers={"Accept": "text/html"})
        assert ide.status_code == 200 and "offline graphiql" in ide.text


def test_without_a_build_the_root_says_how_to_make_one(live_stack: Settings, tmp_path: Path) -> None:
    with running_api(live_stack.model_copy(update={"web_dist_dir": tmp_path / "missing"})) as base_url:
        response = httpx.get(f"{base_url}/inbox")
    assert response.status_code == 404 and "make web" in response.text
