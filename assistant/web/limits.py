"""The gate before any body is read (credentials, then size: declared, or counted as a chunked body arrives); the
origin check of state-changing requests; per-client rate limits; the security headers and cookie attributes every
response carries."""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

Refusal = Callable[[Scope, int, str], JSONResponse]  # (request scope, status, message) -> the error response


class Gate:
    """One gate in front of every route (the JSON API, /v1 and the mounted Gradio chat), before anything reads the
    body: a request `admitted` refuses gets 401 unread; a body over `limit_for(path)` bytes gets 413, by its declared
    Content-Length before reading, else by counting the chunks as the app reads them. Past the limit the 413 is sent
    at once, the app is told the client left (nothing it answers is sent) and the rest of the body is never read.
    `forbidden` names why an admitted caller's role may not use the route (403, unread); `guesses` counts each wrong
    key (a 401 with X-API-Key or Authorization) against the caller's address, never against callers there that send a
    good one, and past its free failures answers a wrong key 429 until its back-off has passed."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        admitted: Callable[[HTTPConnection], bool],
        limit_for: Callable[[str], int],
        refusal: Refusal,
        forbidden: Callable[[HTTPConnection], str | None] = lambda conn: None,
        guesses: Guesses | None = None,
    ) -> None:
        self.app = app
        self.admitted = admitted
        self.limit_for = limit_for
        self.refusal = refusal
        self.forbidden = forbidden
        self.guesses = guesses

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        if not self.admitted(conn):
            if self.guesses is not None and offers_key(conn):
                client = client_address(scope)
                wait = self.guesses.wait(client)
                if wait:
                    await too_many(send, f"too many wrong credentials from this client; retry in {wait} s", wait)
                    return
                self.guesses.failed(client)
            await self.refuse(scope, send, 401, "missing or wrong credentials (X-API-Key, or the chat's login)")
            return
        if (why := self.forbidden(conn)) is not None:
            await self.refuse(scope, send, 403, why)
            return
        limit = self.limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self.refuse(scope, send, 413, f"request body over {limit:,} bytes")
            return
        await self.counted(scope, receive, send, limit)

    async def counted(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        seen, over, started = 0, False, False

        async def receive_counted() -> Message:
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    over = True
                    if not started:
                        await self.refuse(scope, send, 413, f"request body over {limit:,} bytes")
                    return {"type": "http.disconnect"}
            return message

        async def send_unless_over(message: Message) -> None:
            nonlocal started
            if over:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive_counted, send_unless_over)
        except Exception:
            if not over:  # the app failing on the cut body is expected; the 413 has been sent
                raise

    async def refuse(self, scope: Scope, send: Send, status: int, message: str) -> None:
        await refuse_unread(self.refusal(scope, status, message), send)


def offers_key(conn: HTTPConnection) -> bool:
    """Whether a request offers a key (a refused one is a guess; a request without any is not)."""
    return "x-api-key" in conn.headers or "authorization" in conn.headers


async def refuse_unread(response: JSONResponse, send: Send) -> None:
    """A refusal sent before the body was read: the connection closes after it (the unread body is never read)."""
    headers = [(k, v) for k, v in response.raw_headers if k != b"connection"]
    start = {
        "type": "http.response.start",
        "status": response.status_code,
        "headers": [*headers, (b"connection", b"close")],
    }
    await send(start)
    await send({"type": "http.response.body", "body": response.body})


FOREIGN = "cross-origin request refused: the page's origin is neither this server nor on ASSISTANT_CORS_ORIGINS"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
DEFAULT_PORTS = {"http": "80", "https": "443"}


def request_origin(headers: Headers) -> str | None:
    """The site a browser says a request comes from: its Origin, else the scheme and host of its Referer (a Referer
    that names none counts as the opaque "null"); None when the request carries neither (not a browser's post)."""
    origin = headers.get("origin")
    if origin is not None:
        return origin
    referer = headers.get("referer")
    if referer is None:
        return None
    parts = urlsplit(referer)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "null"


def site(origin: str) -> str:
    """scheme://host[:port] lower-cased, the scheme's default port dropped: how two spellings of an origin compare."""
    parts = urlsplit(origin.strip().lower())
    netloc = parts.netloc
    if netloc.endswith(f":{DEFAULT_PORTS.get(parts.scheme, '')}"):
        netloc = netloc.rsplit(":", 1)[0]
    return f"{parts.scheme}://{netloc}" if parts.scheme and netloc else "null"


def origin_allowed(scope: Scope, allowed: list[str]) -> bool:
    """Whether a request comes from this server's own pages or an allow-listed origin (or from no browser page at
    all). The own origin is the Host the request was sent to, under either scheme: behind a TLS proxy that uvicorn
    does not trust, the scheme it sees is http while the page's is https."""
    headers = Headers(scope=scope)
    origin = request_origin(headers)
    if origin is None:
        return True
    seen = site(origin)
    if seen != "null" and seen in {site(a) for a in allowed}:
        return True
    host = headers.get("host", "").strip().lower()
    return bool(host) and seen in {site(f"http://{host}"), site(f"https://{host}")}


class OriginCheck:
    """A state-changing request (any method but GET, HEAD, OPTIONS) that a browser sent from a page on another site
    is refused with 403 before it runs: its Origin (or, without one, its Referer) must be this server's own or on the
    allow-list. Without this, a page anywhere could post with the chat's login cookie (the browser attaches it)."""

    def __init__(self, app: ASGIApp, *, allowed: Callable[[], list[str]], refusal: Refusal) -> None:
        self.app = app
        self.allowed = allowed
        self.refusal = refusal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] not in SAFE_METHODS
            and not origin_allowed(scope, self.allowed())
        ):
            await refuse_unread(self.refusal(scope, 403, FOREIGN), send)
            return
        await self.app(scope, receive, send)


class CookiePolicy:
    """Every cookie the app sets (the chat's login session, by Gradio, as SameSite=None) is SameSite=Lax, so another
    site's page cannot send it on a post, and Secure when the request came over HTTPS (the scheme uvicorn takes from
    a trusted proxy's X-Forwarded-Proto) or `secure` says the server is only reached over HTTPS. Also: a CORS
    response names credentials only beside an allowed origin (Starlette's preflight refusal carries them bare)."""

    def __init__(self, app: ASGIApp, *, secure: bool = False) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        secure = self.secure or scope.get("scheme") == "https"

        async def rewritten(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                cookies = headers.getlist("set-cookie")
                if cookies:
                    del headers["set-cookie"]
                    for cookie in cookies:
                        headers.append("set-cookie", lax(cookie, secure=secure))
                if "access-control-allow-origin" not in headers and "access-control-allow-credentials" in headers:
                    del headers["access-control-allow-credentials"]
            await send(message)

        await self.app(scope, receive, rewritten)


def lax(cookie: str, *, secure: bool) -> str:
    """A Set-Cookie value with SameSite=Lax, and Secure when it had it or `secure`."""
    value, *attributes = [part.strip() for part in cookie.split(";")]
    had_secure = any(a.lower() == "secure" for a in attributes)
    kept = [a for a in attributes if a and a.lower() != "secure" and not a.lower().startswith("samesite")]
    return "; ".join([value, *kept, "SameSite=lax", *(["Secure"] if secure or had_secure else [])])


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
                wait = self.take(rule, client_address(scope))
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
        await too_many(send, f"too many {rule.name} requests from this client ({limit}); retry in {wait} s", wait)


async def too_many(send: Send, message: str, wait: int) -> None:
    """A 429 in the `{"error": …}` shape with Retry-After, sent before anything read the body."""
    body = json.dumps({"error": message}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(wait).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def client_address(scope: Scope) -> str:
    """The client's address as the connection gives it: the peer, or the client a configured proxy names in
    X-Forwarded-For (uvicorn's ProxyHeadersMiddleware, trusting only ASSISTANT_TRUSTED_PROXIES, has set it)."""
    return (scope.get("client") or ("unknown", 0))[0]


class Guesses:
    """Wrong keys or passwords per client address, with back-off: `free` failures cost nothing, then each further try
    must wait twice as long after the last failure as the one before (1 s, 2 s, 4 s, … at most `cap`). A client's
    count is forgotten after `forget` seconds without a failure; free=0: no back-off."""

    def __init__(
        self, free: int, *, cap: int = 900, forget: int = 3600, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.free, self.cap, self.forget, self.clock = free, cap, forget, clock
        self.failures: dict[str, tuple[int, float]] = {}  # client -> (failures, time of the last)
        self.lock = threading.Lock()

    def wait(self, client: str) -> int:
        """Seconds before this client may try again (0: now)."""
        if self.free <= 0:
            return 0
        with self.lock:
            n, last = self.failures.get(client, (0, 0.0))
        if n < self.free:
            return 0
        left = last + min(self.cap, 2 ** (n - self.free)) - self.clock()
        return math.ceil(left) if left > 0 else 0

    def failed(self, client: str) -> None:
        if self.free <= 0:
            return
        now = self.clock()
        with self.lock:
            if len(self.failures) > 100_000:
                self.failures = {c: v for c, v in self.failures.items() if now - v[1] < self.forget}
            n, last = self.failures.get(client, (0, now))
            self.failures[client] = (1 if now - last > self.forget else n + 1, now)


class LoginThrottle:
    """The chat's login form (POST /login) with back-off per client address: a login that fails (4xx) counts as a
    wrong guess; past the free ones, a try before its back-off has passed is a 429 that never reaches the form."""

    def __init__(self, app: ASGIApp, *, paths: tuple[str, ...], guesses: Guesses) -> None:
        self.app = app
        self.paths = paths
        self.guesses = guesses

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        client = client_address(scope)
        wait = self.guesses.wait(client)
        if wait:
            await too_many(send, f"too many failed logins from this client; retry in {wait} s", wait)
            return

        async def watched(message: Message) -> None:
            if message["type"] == "http.response.start" and 400 <= message["status"] < 500:
                self.guesses.failed(client)
            await send(message)

        await self.app(scope, receive, watched)
