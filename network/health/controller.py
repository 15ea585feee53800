"""`/health/live` says the process is up; `/health/ready` says whether Neo4j and Redis answer."""

from litestar import Controller, Response, get
from litestar.datastructures import State
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE

from network.health.checks import down_services


class HealthController(Controller):
    path = "/health"

    @get("/live", sync_to_thread=False)
    def live(self) -> dict[str, str]:
        return {"status": "ok"}

    @get("/ready")
    async def ready(self, state: State) -> Response[dict[str, object]]:
        down = await down_services(state.db, state.queue)
        if down:
            return Response({"status": "unavailable", "down": down}, status_code=HTTP_503_SERVICE_UNAVAILABLE)
        return Response({"status": "ok", "down": {}}, status_code=HTTP_200_OK)
