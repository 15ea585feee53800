"""The built web client at `/`: its files where they exist, its index page for every client route.

Hashed assets (`/assets/...`) may be cached for good; the index page never is, so a new build shows at once.
`/graphql` and `/health/...` are routes of their own and win over the catch-all path.
"""

from pathlib import Path

from litestar import Response, Router, get
from litestar.params import FromPath
from litestar.response import File

NOT_BUILT = "The web client is not built. Run `make web` (or `make run`), or use the API at /graphql."
IMMUTABLE = "public, max-age=31536000, immutable"


def web_client_router(dist: Path) -> Router:
    """Routes that serve `dist` (the output of `npm run build`) with a fallback to its index.html."""
    root = dist.resolve()

    def respond(path: str) -> Response[str] | File:
        index = root / "index.html"
        if not index.is_file():
            return Response(NOT_BUILT, status_code=404, media_type="text/plain")
        wanted = (root / path.lstrip("/")).resolve()
        if path.strip("/") and wanted.is_file() and wanted.is_relative_to(root):
            cache = IMMUTABLE if wanted.parent.name == "assets" else "no-cache"
            return File(
                wanted, filename=wanted.name, content_disposition_type="inline", headers={"Cache-Control": cache}
            )
        return File(
            index, filename=index.name, content_disposition_type="inline", headers={"Cache-Control": "no-cache"}
        )

    @get("/", include_in_schema=False, sync_to_thread=False)
    def index() -> Response[str] | File:
        return respond("")

    @get("/{path:path}", include_in_schema=False, sync_to_thread=False)
    def anything(path: FromPath[str]) -> Response[str] | File:
        return respond(path)

    return Router(path="/", route_handlers=[index, anything])


def graphiql_page(dist: Path) -> str | None:
    """GraphiQL as the web client's build bundles it (no CDN, so it works offline); None when not built."""
    page = dist / "graphiql.html"
    return page.read_text(encoding="utf-8") if page.is_file() else None
