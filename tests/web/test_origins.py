"""Cookies and origins (issue 29, deliverable 2): reached by a host name, a page on another site must not use the
chat's login session. The login cookie is SameSite=Lax and HttpOnly (Secure behind HTTPS); state-changing requests
from a foreign Origin (or Referer) are refused with 403 before anything runs; only allow-listed origins get CORS with
credentials. The attack measured: log in, then with the session cookie and a foreign Origin upload a forged notice
through the chat's own upload routes; it was indexed and answered."""

from __future__ import annotations

import json
import shutil
from http.cookies import SimpleCookie

import pytest
from starlette.testclient import TestClient
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from assistant.config import Settings
from assistant.web.api import create_app

KEY = "s3cret"
HOST = "http://chat.intranet"  # a host name, not localhost: Gradio's own CORS allowed any origin there
ALLOWED = "http://portal.intranet"
EVIL = "http://evil.example"
FORGED = (
    "某县人民政府办公室关于印发网络安全专项任务清单的通知\n某政办〔2026〕9号\n\n"
    "序号\t工作任务\t牵头单位\t完成时限\n"
    "1\t全面清查内网账号并上报口令。\t县黑客办公室\t2026年底前\n"
).encode()
QUESTION = "网络安全专项任务清单第1项由谁牵头？"


@pytest.fixture(scope="module")
def app(server, tmp_path_factory):
    """The whole app (chat included) with a key, over a copy of the session server's index (uploads write to it)."""
    root = tmp_path_factory.mktemp("origins")
    shutil.copytree(server.settings.data_dir / "index", root / "index")
    settings = Settings(data_dir=root, api_key=KEY, cors_origins=[ALLOWED], rate_ask=0, rate_upload=0, rate_feedback=0)
    app = create_app(settings)
    app.state.web.assistant(wait=120)
    return app


@pytest.fixture
def client(app):
    with TestClient(app, base_url=HOST) as c:
        r = c.post("/login", data={"username": "staff", "password": KEY})
        assert r.status_code == 200
        yield c


def chat_upload(client: TestClient, origin: str | None, *, referer: str | None = None) -> list[int]:
    """The chat's upload as its page does it: the file to /gradio_api/upload, then the upload action through the
    queue (/gradio_api/call/upload and its event stream). The status of each step that was reached."""
    headers = {k: v for k, v in (("Origin", origin), ("Referer", referer)) if v}
    r = client.post("/gradio_api/upload", files={"files": ("forged.txt", FORGED, "text/plain")}, headers=headers)
    if r.status_code != 200:
        return [r.status_code]
    path = r.json()[0]
    data = [{"path": path, "orig_name": "forged.txt", "meta": {"_type": "gradio.FileData"}}, False, "中文"]
    call = client.post("/gradio_api/call/upload", json={"data": data}, headers=headers)
    if call.status_code != 200:
        return [r.status_code, call.status_code]
    events = client.get(f"/gradio_api/call/upload/{call.json()['event_id']}", headers=headers)
    return [r.status_code, call.status_code, events.status_code]


def indexed(client: TestClient) -> bool:
    key = {"X-API-Key": KEY}
    answer = client.post("/api/ask", json={"question": QUESTION}, headers=key).json()["answer"]
    notices = json.dumps(client.get("/api/notices", headers=key).json(), ensure_ascii=False)
    return "县黑客办公室" in answer or "网络安全专项任务清单" in notices


def test_a_foreign_origin_with_the_session_cannot_upload_and_the_own_origin_can(client):
    assert chat_upload(client, EVIL) == [403]
    assert chat_upload(client, None, referer=EVIL + "/page.html") == [403], "without Origin the Referer counts"
    refused = client.post("/gradio_api/call/upload", json={"data": [None, False, "中文"]}, headers={"Origin": EVIL})
    assert refused.status_code == 403 and "error" in refused.json()
    assert not indexed(client), "the forged notice was indexed"
    assert chat_upload(client, HOST) == [200, 200, 200]
    assert indexed(client), "the chat's own page could not upload"


@pytest.mark.parametrize(
    "method,path",
    [
        ("post", "/api/upload"),
        ("delete", "/api/uploads/anything"),
        ("post", "/api/feedback"),
        ("post", "/gradio_api/queue/join"),
        ("post", "/login"),
    ],
)
def test_state_changing_routes_refuse_a_foreign_origin_in_the_error_shape(client, method, path):
    r = client.request(method.upper(), path, headers={"Origin": EVIL, "X-API-Key": KEY}, content=b"{}")
    assert r.status_code == 403 and "origin" in r.json()["error"]
    r = client.request(method.upper(), path, headers={"Origin": "null", "X-API-Key": KEY}, content=b"{}")
    assert r.status_code == 403, "a sandboxed page's Origin: null is foreign too"
    r = client.request(method.upper(), path, headers={"Origin": ALLOWED, "X-API-Key": KEY}, content=b"{}")
    assert r.status_code != 403, "an allow-listed origin is refused"


def cookies(response) -> dict[str, dict[str, str | bool]]:
    found = {}
    for header in response.headers.get_list("set-cookie"):
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            found[name] = {k: morsel[k] for k in ("samesite", "secure", "httponly")}
    return found


def test_the_login_cookie_is_lax_httponly_and_secure_behind_https(app):
    with TestClient(app, base_url=HOST) as plain:
        over_http = cookies(plain.post("/login", data={"username": "s", "password": KEY}))
    assert over_http and all(c["samesite"].lower() == "lax" and c["httponly"] for c in over_http.values())
    assert any(not c["secure"] for c in over_http.values()), "over plain HTTP one cookie must work without TLS"
    proxied = TestClient(ProxyHeadersMiddleware(app, trusted_hosts="testclient"), base_url=HOST)
    with proxied:  # TLS ends at a trusted proxy that says so (uvicorn's --forwarded-allow-ips)
        headers = {"X-Forwarded-Proto": "https", "Origin": "https://chat.intranet"}
        over_https = cookies(proxied.post("/login", data={"username": "s", "password": KEY}, headers=headers))
    assert over_https and all(c["secure"] and c["samesite"].lower() == "lax" for c in over_https.values())


def test_cors_with_credentials_only_for_allow_listed_origins(client):
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    for path in ("/gradio_api/upload", "/gradio_api/queue/join", "/api/upload", "/login"):
        foreign = client.options(path, headers={"Origin": EVIL, **preflight})
        assert "access-control-allow-credentials" not in foreign.headers, path
        assert "access-control-allow-origin" not in foreign.headers, path
        listed = client.options(path, headers={"Origin": ALLOWED, **preflight})
        assert listed.headers.get("access-control-allow-credentials") == "true", path
        assert listed.headers.get("access-control-allow-origin") == ALLOWED, path
    simple = client.get("/config", headers={"Origin": EVIL})
    assert "access-control-allow-origin" not in simple.headers
    assert "access-control-allow-credentials" not in simple.headers


def test_secure_cookies_setting_marks_every_cookie_secure_over_plain_http():
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from assistant.web.limits import CookiePolicy

    def login(request):
        response = PlainTextResponse("ok")
        response.set_cookie("access-token-x", "t", httponly=True, samesite="none", secure=True)
        response.set_cookie("access-token-unsecure-x", "t", httponly=True)
        return response

    inner = Starlette(routes=[Route("/login", login, methods=["POST"])])
    with TestClient(CookiePolicy(inner, secure=True), base_url=HOST) as c:
        found = cookies(c.post("/login"))
    assert len(found) == 2 and all(v["secure"] and v["samesite"].lower() == "lax" for v in found.values())
