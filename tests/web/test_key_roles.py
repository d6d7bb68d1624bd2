"""Keys by role (issue 29, deliverable 3): the read key (the widget's, an API client's) asks and nothing else; the
admin key uploads, deletes and reads the upload records; the chat has a login of its own (the read key is not it);
the single ASSISTANT_API_KEY of earlier versions keeps meaning every role."""

from __future__ import annotations

import shutil
import time

import pytest
from starlette.testclient import TestClient

from assistant.config import Settings
from assistant.web.api import create_app

READ, ADMIN, CHAT = "r3ad-key", "adm1n-key", "chat-pass"
NOTICE = (
    "某县人民政府办公室关于印发窗口服务任务清单的通知\n某政办〔2026〕11号\n\n"
    "序号\t工作任务\t牵头单位\t完成时限\n"
    "1\t设立帮办代办窗口。\t县政务服务中心\t2026年底前\n"
).encode()
OPEN = {"rate_ask": 0, "rate_upload": 0, "rate_feedback": 0}


def make_app(server, tmp_path_factory, **settings):
    """The whole app (chat included) over a copy of the session server's index (uploads write to it)."""
    root = tmp_path_factory.mktemp("roles")
    shutil.copytree(server.settings.data_dir / "index", root / "index")
    app = create_app(Settings(data_dir=root, **{**OPEN, **settings}))
    app.state.web.assistant(wait=120)
    return app


@pytest.fixture(scope="module")
def roles_app(server, tmp_path_factory):
    return make_app(server, tmp_path_factory, read_key=READ, admin_key=ADMIN, chat_password=CHAT)


def upload(client: TestClient, key: str | None, name: str = "window.txt"):
    headers = {"X-API-Key": key} if key else {}
    return client.post("/api/upload", files={"file": (name, NOTICE, "text/plain")}, headers=headers)


def chat_upload(client: TestClient) -> int:
    return client.post("/gradio_api/upload", files={"files": ("w.txt", NOTICE, "text/plain")}).status_code


def test_the_read_key_asks_but_gets_403_on_upload_delete_and_records(roles_app):
    read = {"X-API-Key": READ}
    with TestClient(roles_app) as client:
        assert client.post("/api/ask", json={"question": "柞水县第17项由谁牵头"}, headers=read).status_code == 200
        assert client.get("/api/notices", headers=read).status_code == 200
        assert client.get("/v1/models", headers={"Authorization": f"Bearer {READ}"}).status_code == 200
        assert client.post("/api/ask", json={"question": "柞水县第17项由谁牵头"}).status_code == 401
        r = upload(client, READ)
        assert r.status_code == 403 and "admin key" in r.json()["error"]
        assert client.get("/api/uploads", headers=read).status_code == 403
        assert client.delete("/api/uploads/anything", headers=read).status_code == 403
        assert client.get("/api/uploads", headers={"X-API-Key": "wrong"}).status_code == 401


def test_the_admin_key_uploads_lists_and_deletes(roles_app):
    admin = {"X-API-Key": ADMIN}
    with TestClient(roles_app) as client:
        r = upload(client, ADMIN)
        assert r.status_code == 200, r.text
        doc_id = r.json()["doc_id"]
        [record] = [u for u in client.get("/api/uploads", headers=admin).json() if u["doc_id"] == doc_id]
        assert record["who"].endswith("(admin key)")
        assert client.post("/api/ask", json={"question": "柞水县第17项由谁牵头"}, headers=admin).status_code == 200
        assert client.delete(f"/api/uploads/{doc_id}", headers={"X-API-Key": READ}).status_code == 403
        assert client.delete(f"/api/uploads/{doc_id}", headers=admin).status_code == 200


def test_the_chat_login_is_its_own_and_only_the_admin_uploads_there(roles_app):
    with TestClient(roles_app) as client:
        assert client.post("/login", data={"username": "staff", "password": READ}).status_code == 400, (
            "the widget's read key, printed into intranet pages, is not the chat's password"
        )
        assert client.post("/login", data={"username": "admin", "password": CHAT}).status_code == 400
        assert client.post("/login", data={"username": "staff", "password": CHAT}).status_code == 200
        asked = client.post("/gradio_api/call/respond", json={"data": ["柞水县第17项由谁牵头", []]})
        assert asked.status_code == 200
        assert chat_upload(client) == 403, "a chat user (asks only) uploaded"
        assert client.post("/api/ask", json={"question": "柞水县第17项由谁牵头"}).status_code == 401
    with TestClient(roles_app) as client:
        assert client.post("/login", data={"username": "staff", "password": ADMIN}).status_code == 400
        assert client.post("/login", data={"username": "admin", "password": ADMIN}).status_code == 200
        assert chat_upload(client) == 200


def test_a_single_api_key_keeps_meaning_every_role(server, tmp_path_factory):
    app = make_app(server, tmp_path_factory, api_key="s3cret")
    with TestClient(app) as client:
        r = upload(client, "s3cret")
        assert r.status_code == 200, r.text
        assert client.get("/api/uploads", headers={"X-API-Key": "s3cret"}).status_code == 200
        assert client.post("/login", data={"username": "anyone", "password": "s3cret"}).status_code == 200
        assert chat_upload(client) == 200


def test_login_backs_off_after_repeated_failures(server, tmp_path_factory):
    app = make_app(server, tmp_path_factory, chat_password=CHAT, guess_limit=3)
    wrong = {"username": "staff", "password": "guess"}
    with TestClient(app) as client, TestClient(app, client=("10.1.1.2", 4000)) as other:
        assert [client.post("/login", data=wrong).status_code for _ in range(3)] == [400, 400, 400]
        r = client.post("/login", data={"username": "staff", "password": CHAT})
        assert r.status_code == 429 and r.headers["retry-after"] == "1", "the 4th try came before its back-off"
        assert other.post("/login", data={"username": "staff", "password": CHAT}).status_code == 200, (
            "another address was throttled"
        )
        time.sleep(1.1)
        assert client.post("/login", data=wrong).status_code == 400
        r = client.post("/login", data=wrong)
        assert r.status_code == 429 and r.headers["retry-after"] == "2", "the wait did not double"
        time.sleep(2.1)
        assert client.post("/login", data={"username": "staff", "password": CHAT}).status_code == 200


def test_wrong_keys_count_against_the_unauthenticated_caller_only(server, tmp_path_factory):
    app = make_app(server, tmp_path_factory, read_key=READ, guess_limit=2, rate_ask=3)
    question = {"question": "柞水县第17项由谁牵头"}
    with TestClient(app) as client:
        statuses = [client.post("/api/ask", json=question, headers={"X-API-Key": "x"}).status_code for _ in range(5)]
        assert statuses == [401, 401, 429, 429, 429]
        asked = [client.post("/api/ask", json=question, headers={"X-API-Key": READ}).status_code for _ in range(4)]
        assert asked == [200, 200, 200, 429], "the guesses used up the allowance of the key holder at that address"


def test_x_forwarded_for_is_believed_only_from_a_configured_proxy(server, tmp_path_factory):
    app = make_app(server, tmp_path_factory, rate_ask=2, trusted_proxies=["10.0.0.1"])
    question = {"question": "柞水县第17项由谁牵头"}

    def rotated(client: TestClient) -> list[int]:
        return [
            client.post("/api/ask", json=question, headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code
            for n in range(6)
        ]

    with TestClient(app, client=("10.0.0.1", 5000)) as proxy:
        assert rotated(proxy) == [200] * 6, "the proxy's clients share its allowance"
        same = [proxy.post("/api/ask", json=question, headers={"X-Forwarded-For": "192.0.2.77"}) for _ in range(3)]
        assert [r.status_code for r in same] == [200, 200, 429], "one client behind the proxy was not limited"
    with TestClient(app, client=("10.0.0.9", 5000)) as anyone:
        assert rotated(anyone) == [200, 200, 429, 429, 429, 429], "a rotated X-Forwarded-For passed the limit"
