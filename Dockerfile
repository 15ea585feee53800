# Production image for the API and the worker: the same image runs `network api` (default) or `network worker`.

# The web client, built from its lock file and the API's schema; only its static files reach the image.
FROM node:20-slim AS web
WORKDIR /build/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY schema.graphql /build/schema.graphql
COPY web ./
RUN npm run build

FROM python:3.11-slim

# Bytecode is compiled once at build time (the app runs as a user that cannot write it), and uv must use the
# image's Python instead of downloading one.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_NO_CACHE=1

# Pinned to the uv that wrote uv.lock, so `--frozen` reads it the same way.
RUN pip install --no-cache-dir uv==0.13.8

WORKDIR /app

# Dependencies first: a change to the code then does not reinstall them.
# README.md is part of the project's metadata, so the build backend needs it.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-default-groups --no-install-project

COPY graph_schema ./graph_schema
COPY jobs ./jobs
COPY network ./network
COPY --from=web /build/web/dist ./web/dist
RUN uv sync --frozen --no-default-groups

# The code stays owned by root: the service user can read it but not change it.
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home --shell /usr/sbin/nologin network

# Inside a container the API has to listen on every interface to be reachable through a published port.
ENV PATH="/app/.venv/bin:${PATH}" \
    API_HOST=0.0.0.0 \
    API_PORT=8000 \
    LOG_FORMAT=json

USER network
EXPOSE 8000

# No HEALTHCHECK here: the worker runs from this image too and serves no HTTP; compose checks the API.
CMD ["network", "api"]
