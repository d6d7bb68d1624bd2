"""A size limit on request bodies, counted as they arrive (a chunked body has no Content-Length to check first), and
the security headers every response carries."""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyLimit:
    """Refuses with 413 (`{"error": …}`) a body over `limit` bytes on the paths `applies` selects: by the declared
    Content-Length before reading, else by counting the chunks as the app reads them: past the limit the app is told
    the body ended, and whatever it answers is replaced by the 413."""

    def __init__(self, app: ASGIApp, *, limit: int, applies: Callable[[str], bool]) -> None:
        self.app = app
        self.limit = limit
        self.applies = applies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.applies(scope["path"]):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self.refuse(send)
            return
        seen = 0
        over = False

        async def counted() -> Message:  # past the limit the app sees the body end (and answers it, unsent)
            nonlocal seen, over
            if over:
                return {"type": "http.request", "body": b"", "more_body": False}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    over = True
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        async def replaced(message: Message) -> None:
            if not over:
                await send(message)
            elif message["type"] == "http.response.start":
                await self.refuse(send)

        await self.app(scope, counted, replaced)

    async def refuse(self, send: Send) -> None:
        body = json.dumps({"error": f"request body over {self.limit:,} bytes"}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})


SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"content-security-policy", b"frame-ancestors 'self'"),  # the chat is not framed elsewhere; the widget is a script
)


class SecurityHeaders:
    """nosniff, a same-origin referrer policy and no framing by other sites, on every response (page, widget, API)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in have]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
