"""The web chat, the JSON API and the help widget, served by one process: python app.py [--host H] [--port P]."""

from __future__ import annotations

import argparse
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def joins_children_on_stop(app: FastAPI) -> None:
    """Children die with the server however it ends (index/lifeline.py); on a graceful stop they are also told to
    exit at once and joined, after the app's own shutdown."""
    from index.embedchild import stop

    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[Any]:
        try:
            async with inner(app) as state:
                yield state
        finally:
            stop()

    app.router.lifespan_context = lifespan


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Notice Assistant web chat, JSON API (/api/*) and widget (/widget.js)."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 for all; default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    import uvicorn

    from assistant.config import Settings
    from assistant.web.api import create_app

    settings = Settings()
    if args.host in LOOPBACK and "uploads" not in settings.model_fields_set and not settings.api_key:
        # one person on their own machine: the chat's upload tab works out of the box (cross-origin posts stay
        # refused); on any other address uploads need the key, or ASSISTANT_UPLOADS=all
        settings = settings.model_copy(update={"uploads": "all"})
    print(
        f"Notice Assistant on http://{args.host}:{args.port}/  (API: /api/ask, OpenAI-compatible: /v1, "
        f"widget: /widget.js; "
        f"the index is built in the background on first start)",
        flush=True,
    )
    # proxy headers are the app's to trust (ASSISTANT_TRUSTED_PROXIES), not uvicorn's loopback default: else anyone
    # on the machine could name any client in X-Forwarded-For and pass the rate limits
    app = create_app(settings)
    joins_children_on_stop(app)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", proxy_headers=False)


if __name__ == "__main__":
    main()
