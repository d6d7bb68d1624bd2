"""One access model: with ASSISTANT_API_KEY set, the Gradio chat's own routes (answer, upload, table, config) are
behind a login whose password is the key, as the JSON API is behind the key; without a key both are open."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

GRADIO_ROUTES = [
    ("post", "/gradio_api/call/respond", {"json": {"data": ["柞水县第17项由谁牵头", []]}}),
    ("post", "/gradio_api/queue/join", {"json": {"data": ["柞水县第17项由谁牵头"], "fn_index": 0}}),
    ("post", "/gradio_api/upload", {"files": {"files": ("x.txt", b"forged notice", "text/plain")}}),
    ("get", "/gradio_api/info", {}),
    ("get", "/config", {}),
]


@pytest.fixture(scope="module")
def keyed(server):
    """A second app with the chat over the same (already built) index, the key set."""
    from assistant.config import Settings
    from assistant.web.api import create_app

    app = create_app(Settings(data_dir=server.settings.data_dir, api_key="s3cret"))
    app.state.web.assistant(wait=120)
    return app


@pytest.mark.parametrize("method,path,kw", GRADIO_ROUTES, ids=[p for _, p, _ in GRADIO_ROUTES])
def test_with_a_key_every_gradio_route_needs_the_login(keyed, method, path, kw):
    with TestClient(keyed) as client:
        assert getattr(client, method)(path, **kw).status_code == 401
        assert client.post("/login", data={"username": "staff", "password": "wrong"}).status_code >= 400
        assert getattr(client, method)(path, **kw).status_code == 401, "a wrong password let the route in"
        assert client.post("/login", data={"username": "staff", "password": "s3cret"}).status_code == 200
        assert getattr(client, method)(path, **kw).status_code != 401  # in (the payload is the route's own concern)


def test_with_a_key_the_chat_answers_after_login(keyed):
    with TestClient(keyed) as client:
        client.post("/login", data={"username": "staff", "password": "s3cret"})
        r = client.post("/gradio_api/call/respond", json={"data": ["柞水县第17项由谁牵头", []]})
        assert r.status_code == 200 and r.json()["event_id"]
        assert client.post("/api/ask", json={"question": "柞水县第17项由谁牵头"}).status_code == 401, (
            "the chat's login is not the API's key: a JSON client still sends X-API-Key"
        )


def test_without_a_key_the_chat_routes_are_open(server):
    import httpx

    assert httpx.get(server.url + "/config", timeout=30).status_code == 200
    assert httpx.get(server.url + "/gradio_api/info", timeout=30).status_code == 200
