"""Per-client rate limits; a size limit on request bodies, counted as they arrive (a chunked body has no
Content-Length to check first); the security headers every response carries."""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class RateRule:
    """`per_minute` requests of one kind (`name`) per client address, on the requests `applies` selects; 0: none."""

    name: str
    per_minute: int
    applies: Callable[[str, str], bool]  # (method, path) -> whether the request counts


class RateLimit:
    """A token bucket per client address and rule: a full minute's allowance at once, refilled evenly. A request
    past it gets 429 in the `{"error": …}` shape with Retry-After (seconds until one more is allowed)."""

    def __init__(self, app: ASGIApp, *, rules: list[RateRule], clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.rules = [r for r in rules if r.per_minute > 0]
        self.clock = clock
        self.buckets: dict[tuple[str, str], tuple[float, float]] = {}  # (rule, client) -> (tokens, at)
        self.lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") != "OPTIONS":
            rule = next((r for r in self.rules if r.applies(scope.get("method", ""), scope["path"])), None)
            if rule is not None:
                client = (scope.get("client") or ("unknown", 0))[0]
                wait = self.take(rule, client)
                if wait:
                    await self.refuse(send, rule, wait)
                    return
        await self.app(scope, receive, send)

    def take(self, rule: RateRule, client: str) -> int:
        """0 when the request may go ahead (one token taken), else the seconds until it may."""
        now, rate = self.clock(), rule.per_minute / 60.0
        with self.lock:
            if len(self.buckets) > 100_000:  # forget idle clients rather than grow without bound
                self.buckets.clear()
            tokens, at = self.buckets.get((rule.name, client), (float(rule.per_minute), now))
            tokens = min(float(rule.per_minute), tokens + (now - at) * rate)
            if tokens >= 1.0:
                self.buckets[(rule.name, client)] = (tokens - 1.0, now)
                return 0
            self.buckets[(rule.name, client)] = (tokens, now)
            return max(1, math.ceil((1.0 - tokens) / rate))

    @staticmethod
    async def refuse(send: Send, rule: RateRule, wait: int) -> None:
        limit = f"limit {rule.per_minute} a minute"
        message = f"too many {rule.name} requests from this client ({limit}); retry in {wait} s"
        body = json.dumps({"error": message}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(wait).encode()),
        ]
        await send({"type": "http.response.start", "status": 429, "headers": headers})
        await send({"type": "http.response.body", "body": body})
