"""Uploads on real apps over a real index (a copy of the session server's, so nothing is embedded twice): who may
upload, the records, removal, duplicates and claimed 文号, stable doc_ids across uploads and restarts, atomicity,
a slow upload beside other requests, a read-only data dir, rate limits and the OpenAPI document."""

from __future__ import annotations

import hashlib
import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from assistant.config import Settings
from assistant.web.api import create_app
from tests.conftest import read_only

ZH = "示例县人民政府办公室关于印发{title}的通知\n示政办〔2025〕{n}号\n\n{body}\n"


def notice(title: str, n: int, body: str) -> bytes:
    return ZH.format(title=title, n=n, body=body).encode("utf-8")


@pytest.fixture(scope="module")
def base(server, tmp_path_factory) -> Path:
    """A data dir holding the bundled notices' committed index and nothing else."""
    root = tmp_path_factory.mktemp("uploads-base")
    shutil.copytree(server.settings.data_dir / "index", root / "index")
    app = create_app(Settings(data_dir=root), ui=False)  # syncs the copy down to the bundled notices
    app.state.web.assistant(wait=120)
    return root


@pytest.fixture
def data_dir(base, tmp_path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(base, root)
    return root


def make(data_dir: Path, **kw) -> TestClient:
    kw.setdefault("uploads", "all")
    app = create_app(Settings(data_dir=data_dir, **kw), ui=False)
    app.state.web.assistant(wait=120)
    return TestClient(app)


def upload(client: TestClient, name: str, data: bytes, **params) -> httpx.Response:
    return client.post("/api/upload", files={"file": (name, data)}, params=params)


def test_who_may_upload(data_dir):
    """One app, its settings changed between requests: the routes read who may upload at each request."""
    doc = notice("测试", 1, "示例县测试窗口设在县政务服务中心。")
    client = make(data_dir, uploads="off")
    settings = client.app.state.web.settings
    r = upload(client, "a.txt", doc)
    assert r.status_code == 403 and "ASSISTANT_UPLOADS=off" in r.json()["error"]
    settings.uploads = "admin"
    r = upload(client, "a.txt", doc)
    assert r.status_code == 403 and "API key" in r.json()["error"], "admin with no key set is no uploads"
    assert client.get("/api/uploads").status_code == 403
    settings.api_key = "s3cret"
    assert upload(client, "a.txt", doc).status_code == 401
    assert (
        client.post("/api/upload", files={"file": ("a.txt", doc)}, headers={"X-API-Key": "s3cret"}).status_code == 200
    )
    evil = {"Origin": "http://evil.example", "X-API-Key": "s3cret"}
    r = client.post("/api/upload", files={"file": ("b.txt", doc + b"x")}, headers=evil)
    assert r.status_code == 403 and "cross-origin" in r.json()["error"]
    settings.uploads = "off"
    listed = client.get("/api/uploads", headers={"X-API-Key": "s3cret"}).json()
    assert [u["file"] for u in listed] == ["a.txt"], "an admin still sees (and may remove) uploads when adding is off"


def test_an_upload_is_recorded_listed_and_removed(data_dir):
    client = make(data_dir)
    data = notice("窗口公告", 7, "示例县行政复议窗口设在县政务服务中心三楼。")
    before = {n["doc_id"] for n in client.get("/api/notices").json()}
    body = upload(client, "窗口.txt", data).json()
    doc_id = body["doc_id"]
    [record] = client.get("/api/uploads").json()
    assert (record["doc_id"], record["file"], record["sha256"]) == (
        doc_id,
        "窗口.txt",
        hashlib.sha256(data).hexdigest(),
    )
    assert (
        record["who"].startswith("api ")
        and record["time"].endswith("Z")
        and record["doc_number"] == "示政办〔2025〕7号"
    )
    answer = client.post("/api/ask", json={"question": "示例县行政复议窗口设在哪里？"}).json()
    assert "三楼" in answer["answer"] and {c["doc_id"] for c in answer["citations"]} == {doc_id}

    r = client.delete(f"/api/uploads/{doc_id}")
    assert r.status_code == 200 and r.json()["removed"] == doc_id
    assert {n["doc_id"] for n in client.get("/api/notices").json()} == before
    assert client.get("/api/uploads").json() == [] and not list((data_dir / "uploads").iterdir())
    assert client.delete(f"/api/uploads/{doc_id}").status_code == 404
    answer = client.post("/api/ask", json={"question": "示例县行政复议窗口设在哪里？"}).json()
    assert doc_id not in {c["doc_id"] for c in answer["citations"]}, "a removed notice is still cited"


def test_a_copy_of_a_loaded_notice_is_reported_not_added(data_dir, bundled):
    client = make(data_dir)
    text = (bundled / "zhashui-2024-task-list.txt").read_text("utf-8")
    for name, data in (("copy.txt", text.encode("utf-8")), ("copy-gbk.txt", text.encode("gb18030"))):
        r = upload(client, name, data)
        assert r.status_code == 409 and "zhashui-2024" in r.json()["error"] and "duplicate" in r.json()["error"]
    first = upload(client, "mine.txt", notice("公告", 3, "示例县窗口设在三楼。"))
    r = upload(client, "again.txt", notice("公告", 3, "示例县窗口设在三楼。"))
    assert r.status_code == 409 and first.json()["doc_id"] in r.json()["error"]
    assert [u["file"] for u in client.get("/api/uploads").json()] == ["mine.txt"]


def test_a_claimed_doc_number_needs_replace_and_then_stands_in(data_dir):
    client = make(data_dir)
    forged = (
        "昌江区人民政府办公室关于印发任务清单的通知\n昌府办字〔2024〕45号\n\n"
        "昌江区行政复议窗口设在区政务服务大厅五楼。\n"
    )
    r = upload(client, "forged.txt", forged.encode("utf-8"))
    assert r.status_code == 409 and "changjiang-2024" in r.json()["error"] and "replace" in r.json()["error"]
    assert client.get("/api/uploads").json() == []
    r = upload(client, "newer.txt", forged.encode("utf-8"), replace="true")
    assert r.status_code == 200 and (r.json()["doc_id"], r.json()["replaced"]) == ("changjiang-2024", "changjiang-2024")
    notices = {n["doc_id"]: n for n in client.get("/api/notices").json()}
    assert len(notices) == 5 and notices["changjiang-2024"]["tasks"] == 0, "the upload is in the old one's place"
    assert client.delete("/api/uploads/changjiang-2024").status_code == 200
    notices = {n["doc_id"]: n for n in client.get("/api/notices").json()}
    assert notices["changjiang-2024"]["tasks"] == 41, "the bundled notice is back once its stand-in is removed"


def test_doc_ids_and_citations_stay_put_across_an_upload_and_a_restart(data_dir):
    """Two notices of one region and year: the later upload's file name sorts first, yet the earlier keeps its id."""
    client = make(data_dir)
    first = upload(client, "z-first.txt", notice("甲", 1, "示例县档案查阅室设在县档案馆二楼。")).json()["doc_id"]
    question = {"question": "示例县档案查阅室设在哪里？"}
    cited = client.post("/api/ask", json=question).json()["citations"]
    second = upload(client, "a-second.txt", notice("乙", 2, "示例县婚姻登记处设在县民政局一楼。")).json()["doc_id"]
    assert second != first and second.startswith(first.split("-")[0])
    assert client.post("/api/ask", json=question).json()["citations"] == cited
    restarted = make(data_dir)
    ids = {u["file"]: u["doc_id"] for u in restarted.get("/api/uploads").json()}
    assert ids == {"z-first.txt": first, "a-second.txt": second}
    assert restarted.post("/api/ask", json=question).json()["citations"] == cited
    assert restarted.get(f"/api/tasks?doc={first}").status_code == 200


def test_an_upload_whose_index_cannot_commit_leaves_nothing(data_dir):
    client = make(data_dir)
    (data_dir / "uploads").mkdir(exist_ok=True)
    model_dir = next((data_dir / "index").iterdir())
    with read_only(model_dir):
        r = upload(client, "late.txt", notice("丙", 4, "示例县档案查阅室设在县档案馆三楼。"))
    assert r.status_code == 503 and "not added" in r.json()["error"]
    assert not list((data_dir / "uploads").iterdir()) and not list((data_dir / "staging").iterdir())
    assert client.get("/api/uploads").json() == []
    assert len(client.get("/api/notices").json()) == 5
    assert "县司法局" in client.post("/api/ask", json={"question": "柞水县第17项由谁牵头"}).json()["answer"]


def test_staging_left_by_a_dead_process_is_cleared_at_start(data_dir):
    left = data_dir / "staging" / "999999-abc" / "half.txt"
    left.parent.mkdir(parents=True)
    left.write_bytes(notice("丁", 5, "示例县未完成的上传。"))
    client = make(data_dir)
    assert not left.parent.exists()
    assert len(client.get("/api/notices").json()) == 5


def test_plain_word_errors_for_broken_files(data_dir):
    client = make(data_dir)
    r = upload(client, "scan.pdf", b"%PDF-1.4 this is not really a pdf")
    assert r.status_code == 400 and "文件不是有效的 PDF / not a valid PDF file" in r.json()["error"]
    r = upload(client, "memo.docx", b"plain words, not a zip")
    assert r.status_code == 400 and "not a valid Word (.docx) file" in r.json()["error"]
    assert "Error" not in r.json()["error"], "a library exception's name reached the user"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_slow_upload_does_not_hold_other_requests(data_dir):
    """While a large notice is being indexed, /healthz and /api/ask still answer at once."""
    import uvicorn

    app = create_app(Settings(data_dir=data_dir, uploads="all", max_upload_bytes=2_000_000), ui=False)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    app.state.web.assistant(wait=120)
    while not server.started:
        time.sleep(0.05)
    httpx.post(url + "/api/ask", json={"question": "柞水县第17项由谁牵头"}, timeout=60)  # the first ask opens Chroma
    rows = "\n".join(
        f"{i}\t示例县第{i}项工作：开展第{i}轮专项检查并形成报告。\t县{i}局\t2025年底前" for i in range(1, 200)
    )
    big = ZH.format(title="大任务清单", n=9, body="序号\t工作任务\t牵头单位\t完成时限\n" + rows).encode()
    result: dict = {}
    threading.Thread(
        target=lambda: result.update(r=httpx.post(url + "/api/upload", files={"file": ("big.txt", big)}, timeout=300))
    ).start()
    try:
        deadline = time.time() + 60
        while httpx.get(url + "/healthz").json().get("uploading") != "big.txt":
            assert time.time() < deadline and "r" not in result, "the upload never showed on /healthz"
            time.sleep(0.02)
        started = time.monotonic()
        health = httpx.get(url + "/healthz", timeout=10)
        answer = httpx.post(url + "/api/ask", json={"question": "柞水县第17项由谁牵头"}, timeout=10)
        took = time.monotonic() - started
        still = httpx.get(url + "/healthz").json().get("uploading")
        assert health.status_code == 200 and "县司法局" in answer.json()["answer"]
        assert still == "big.txt", "the upload finished before the other requests were timed: make it bigger"
        assert took < 3, f"/healthz and /api/ask took {took:.1f} s during an upload"
        while "r" not in result:
            time.sleep(0.1)
        assert result["r"].status_code == 200 and result["r"].json()["tasks"] == 199
    finally:
        server.should_exit = True


def test_a_read_only_data_dir_serves_its_index_and_recovers(data_dir):
    with read_only(data_dir):
        client = make(data_dir, writable_check_seconds=0.2)
        health = client.get("/healthz").json()
        assert health["status"] == "ready" and health["read_only"] is True
        assert "县司法局" in client.post("/api/ask", json={"question": "柞水县第17项由谁牵头"}).json()["answer"]
        r = upload(client, "new.txt", notice("戊", 6, "示例县窗口设在四楼。"))
        assert r.status_code == 503 and "read-only" in r.json()["error"]
        r = client.post("/api/feedback", json={"question": "q", "answer": "a", "rating": 1})
        assert r.status_code == 503 and "read-only" in r.json()["error"]
    deadline = time.time() + 60
    while client.get("/healthz").json()["read_only"]:
        assert time.time() < deadline, "the server did not notice the data dir became writable"
        time.sleep(0.2)
    assert upload(client, "new.txt", notice("戊", 6, "示例县窗口设在四楼。")).status_code == 200


def test_rate_limits_per_client_answer_429_with_retry_after(data_dir):
    client = make(data_dir, rate_ask=2, rate_feedback=1)
    ask = {"question": "柞水县第17项由谁牵头"}
    assert [client.post("/api/ask", json=ask).status_code for _ in range(2)] == [200, 200]
    r = client.post("/api/ask", json=ask)
    assert r.status_code == 429 and "limit 2 a minute" in r.json()["error"]
    assert 1 <= int(r.headers["retry-after"]) <= 30
    fb = {"question": "q", "answer": "a", "rating": 1}
    assert client.post("/api/feedback", json=fb).status_code == 200, "feedback has its own allowance"
    assert client.post("/api/feedback", json=fb).status_code == 429
    assert client.get("/healthz").status_code == 200 and client.get("/api/notices").status_code == 200


def test_openapi_documents_the_real_statuses_and_the_key(data_dir):
    schema = make(data_dir).get("/openapi.json").json()
    statuses = {path: set(ops[m]["responses"]) for path, ops in schema["paths"].items() for m in ops}
    assert statuses["/api/upload"] >= {"200", "400", "401", "403", "409", "413", "415", "429", "503"}
    assert statuses["/api/ask"] >= {"200", "400", "401", "404", "413", "429", "503"}
    assert not any("422" in s for s in statuses.values()), "the API never answers 422"
    assert schema["components"]["securitySchemes"]["APIKeyHeader"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
    }
    assert schema["paths"]["/api/ask"]["post"]["security"]


def test_cli_index_path_adds_beside_the_others(data_dir, tmp_path, monkeypatch):
    from assistant.cli import cli

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data_dir))
    monkeypatch.setenv("ASSISTANT_UPLOADS", "all")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "one.txt").write_bytes(notice("己", 8, "示例县档案查阅室设在县档案馆五楼。"))
    r = CliRunner().invoke(cli, ["index", str(extra)])
    assert r.exit_code == 0, r.output
    assert "1 added" in r.output and "6 notices in the index" in r.output
    again = CliRunner().invoke(cli, ["index", str(extra / "one.txt")])
    assert again.exit_code == 2 and "duplicate" in again.output
    listed = CliRunner().invoke(cli, ["notices", "--json"])
    assert len(__import__("json").loads(listed.output)) == 6


def test_the_upload_tab_names_the_file_lists_uploads_and_removes_them(data_dir, tmp_path):
    """The tab's handlers on a real state and index; the Gradio request is a stand-in carrying a user and address."""
    from types import SimpleNamespace

    from assistant.web.ui import Events

    client = make(data_dir)
    events = Events(client.app.state.web)
    path = tmp_path / "窗口.txt"
    path.write_bytes(notice("窗口", 11, "示例县社保窗口设在县政务服务中心二楼。"))
    request = SimpleNamespace(username="staff", client=SimpleNamespace(host="10.0.0.9"))
    steps: list[str] = []
    message, _, table, pick = events.upload(str(path), False, "中文", request, lambda f, desc: steps.append(desc))
    assert "已加入" in message and steps and all(s.startswith("窗口.txt: ") for s in steps)
    [row] = table["value"].values.tolist()
    assert row[1] == "窗口.txt" and row[3] == "chat staff@10.0.0.9" and pick["choices"] == [row[0]]
    message, _, table, pick = events.remove(row[0], "中文")
    assert row[0] in message and table["value"].empty and pick["choices"] == []
    assert client.get("/api/uploads").json() == []
