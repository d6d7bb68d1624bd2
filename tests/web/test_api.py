"""The JSON API on the real server: answers, errors as JSON with status codes, CORS allow-list, API key, uploads,
feedback."""

from __future__ import annotations

import json

import httpx
import pytest
from starlette.testclient import TestClient


def post(server, path, **kw):
    return httpx.post(server.url + path, timeout=120, **kw)


def test_ask_returns_answer_citations_tasks_and_lang(server):
    r = post(server, "/api/ask", json={"question": "Who leads task 17 in the Zhashui list and by when?"})
    body = r.json()
    assert r.status_code == 200
    assert {"answer", "citations", "tasks", "lang", "found", "mode", "notes"} <= set(body)
    assert "县司法局" in body["answer"] and "长期" in body["answer"] and body["lang"] == "en"
    assert body["citations"][0]["doc_number"] == "柞政办函〔2024〕54号" and body["tasks"][0]["number"] == 17


def test_ask_with_a_notice_filter(server):
    body = post(server, "/api/ask", json={"question": "第17项由谁牵头？", "doc": "宜阳"}).json()
    assert not body["found"], "宜阳 has 16 problems: item 17 must not be answered from another notice"


@pytest.mark.parametrize(
    "payload, status, words",
    [
        ({"question": ""}, 400, "empty"),
        ({"question": "  \n "}, 400, "empty"),
        ({"question": "问" * 2001}, 400, "2000"),
        ({"question": "第17项由谁牵头？", "doc": "北京"}, 404, "No notice matches"),
        ({}, 400, "question"),
    ],
)
def test_bad_requests_get_json_errors(server, payload, status, words):
    r = post(server, "/api/ask", json=payload)
    assert r.status_code == status and words in r.json()["error"]


def test_notices_tasks_and_health(server):
    notices = httpx.get(server.url + "/api/notices").json()
    assert {n["doc_id"] for n in notices} >= {
        "zhashui-2024",
        "weinan-2024",
        "changjiang-2024",
        "yiyang-2024",
        "lingchuan-2022",
    }
    tasks = httpx.get(server.url + "/api/tasks", params={"doc": "Zhashui"}).json()
    assert len(tasks) == 22 and tasks[16]["lead"] == ["县司法局"]
    assert httpx.get(server.url + "/api/tasks", params={"doc": "nowhere"}).status_code == 404
    assert httpx.get(server.url + "/healthz").json()["status"] == "ready"
    assert "/api/ask" in httpx.get(server.url + "/openapi.json").json()["paths"]


def test_cors_allows_only_listed_origins(server, host_port):
    allowed = f"http://127.0.0.1:{host_port}"
    pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    ok = httpx.options(server.url + "/api/ask", headers={"Origin": allowed, **pre})
    assert ok.headers.get("access-control-allow-origin") == allowed
    bad = httpx.options(server.url + "/api/ask", headers={"Origin": "http://evil.example", **pre})
    assert "access-control-allow-origin" not in bad.headers


def test_upload_limits_and_errors(server):
    big = b"x" * (server.settings.max_upload_bytes + 1)
    assert post(server, "/api/upload", files={"file": ("big.txt", big)}).status_code == 413
    r = post(server, "/api/upload", files={"file": ("tool.exe", b"MZ...")})
    assert r.status_code == 415 and "error" in r.json()
    r = post(server, "/api/upload", files={"file": ("broken.docx", b"not a zip at all")})
    assert r.status_code == 400 and "broken.docx" in r.json()["error"]
    before = len(httpx.get(server.url + "/api/notices").json())
    assert len(httpx.get(server.url + "/api/notices").json()) == before, "a rejected file changes nothing"


def test_upload_indexes_a_gbk_notice_and_answers_from_it(server):
    text = "示例县人民政府办公室关于印发示例任务清单的通知\n\n示例县行政复议窗口设在县政务服务中心三楼。\n"
    r = post(server, "/api/upload", files={"file": ("../../etc/示例.txt", text.encode("gbk"))})
    assert r.status_code == 200, r.text
    assert r.json()["file"] == "示例.txt", "the upload's name is stripped of its path"
    body = post(server, "/api/ask", json={"question": "示例县行政复议窗口设在哪里？"}).json()
    assert "县政务服务中心三楼" in body["answer"]


def test_upload_reports_how_many_tasks_were_recognised(server):
    text = (
        "青岚县人民政府办公室关于印发2025年档案工作任务清单的通知\n\n"
        "序号\t工作任务\t牵头单位\t完成时间\n"
        "1\t完成2000年以前文书档案数字化扫描和目录著录。\t县档案馆\t2025年10月底前\n"
        "2\t对全县国有档案馆库房开展消防和防汛安全检查。\t县档案馆\t每季度\n"
    )
    body = post(server, "/api/upload", files={"file": ("档案任务.txt", text.encode("utf-8"))}).json()
    assert (body["tasks"], body["message"], body["warning"]) == (2, "识别出 2 项任务 / 2 tasks recognised", None)
    assert len(httpx.get(server.url + body["tasks_url"]).json()) == 2, "the link opens the notice's task table"

    numbered = (
        "青岚县人民政府办公室关于做好2025年防汛工作的通知\n各镇人民政府，县政府各部门：\n"
        "1. 县应急管理局负责修订县级防汛应急预案，2025年4月底前完成。\n"
        "2. 县水利局牵头开展汛前隐患排查，建立问题台账，5月底前完成。\n"
        "3. 县气象局负责做好汛期天气预报预警，持续推进。\n"
    )
    body = post(server, "/api/upload", files={"file": ("防汛.txt", numbered.encode("utf-8"))}).json()
    assert body["tasks"] == 0 and body["message"].startswith("识别出 0 项任务")
    assert "lines 3-5 look like a task table" in body["warning"]


def test_feedback_is_saved_with_question_answer_and_citations(server):
    cites = [{"doc_id": "zhashui-2024", "quote": "县司法局"}]
    r = post(server, "/api/feedback", json={"question": "q", "answer": "a", "rating": -1, "citations": cites})
    assert r.json() == {"saved": True}
    lines = (server.settings.data_dir / "feedback.jsonl").read_text("utf-8").splitlines()
    assert json.loads(lines[-1])["citations"] == cites and json.loads(lines[-1])["rating"] == -1
    assert post(server, "/api/feedback", json={"question": "q", "answer": "a", "rating": 5}).status_code == 400


def test_api_key_protects_the_api(server):
    """A second app over the same (already built) index, with an API key set; JSON API only, no chat UI."""
    from assistant.config import Settings
    from assistant.web.api import create_app

    settings = Settings(data_dir=server.settings.data_dir, api_key="s3cret")
    app = create_app(settings, ui=False)
    app.state.web.assistant(wait=120)
    with TestClient(app) as client:
        assert client.post("/api/ask", json={"question": "柞水县第17项由谁牵头"}).status_code == 401
        ok = client.post("/api/ask", json={"question": "柞水县第17项由谁牵头"}, headers={"X-API-Key": "s3cret"})
        assert ok.status_code == 200 and "县司法局" in ok.json()["answer"]
        assert client.get("/healthz").status_code == 200, "the health check needs no key"


def test_ask_with_history_answers_the_follow_up_and_says_what_it_understood(server, corpus):
    t18 = next(t for t in corpus.get("zhashui-2024").tasks if t.number == 18)
    first = post(server, "/api/ask", json={"question": "柞水县第17项任务由谁牵头？"}).json()
    assert first["understood"]["carried"] == [] and first["understood"]["label"] == "柞水县 · 第17项 · 牵头单位"
    history = [
        {"role": "user", "content": "柞水县第17项任务由谁牵头？"},
        {"role": "assistant", "content": first["answer"], "understood": first["understood"]},
    ]
    body = post(server, "/api/ask", json={"question": "那第18项的完成时限呢？", "history": history}).json()
    u = body["understood"]
    assert u["doc_ids"] == ["zhashui-2024"] and u["numbers"] == [18] and u["fields"] == ["deadline"]
    assert u["label"] == "柞水县 · 第18项 · 完成时限" and set(u["carried"]) == {"notice"}
    assert t18.deadline in body["answer"] and body["citations"][0]["start_line"] == t18.start_line
    assert u["items"] == [{"doc_id": "zhashui-2024", "kind": "task", "number": 18, "label": t18.label}]


def test_ask_is_stateless(server):
    """Nothing is remembered between requests: without its history a follow-up is answered as asked."""
    post(server, "/api/ask", json={"question": "柞水县第17项任务由谁牵头？"})
    body = post(server, "/api/ask", json={"question": "那第18项呢？"}).json()
    assert body["understood"]["doc_ids"] == [] and body["understood"]["carried"] == []


@pytest.mark.parametrize(
    "history, words",
    [
        ("hello", "history"),
        ([{"role": "system", "content": "x"}], "history.0.role"),
        ([{"role": "user"}], "history.0.content"),
        ([{"role": "user", "content": 5}], "history.0.content"),
        ([{"role": "user", "content": "x" * 20_001}], "history.0.content"),
        ([{"role": "user", "content": "x"}] * 51, "history"),
        (
            [{"role": "assistant", "content": "x", "understood": {"items": [{"number": "two"}]}}],
            "history[0].understood",
        ),
    ],
)
def test_bad_history_is_a_400_naming_what_is_wrong(server, history, words):
    r = post(server, "/api/ask", json={"question": "完成时限呢？", "history": history})
    assert r.status_code == 400 and words in r.json()["error"], r.text


def test_a_lone_surrogate_and_invisible_characters(server):
    """A lone surrogate (valid JSON, not valid text) is a JSON 400; a zero-width space inside an item number is
    dropped, so 第1\u200b7项 asks about item 17."""
    raw = '{"question": "柞水县第17项\\udc80由谁牵头"}'.encode()
    r = httpx.post(server.url + "/api/ask", content=raw, headers={"Content-Type": "application/json"}, timeout=30)
    assert r.status_code == 400 and "valid text" in r.json()["error"]
    plain = post(server, "/api/ask", json={"question": "柞水县第17项由谁牵头？"}).json()
    hidden = post(server, "/api/ask", json={"question": "柞水县第1\u200b7项由谁牵头？"}).json()
    assert hidden["answer"] == plain["answer"] and hidden["citations"] == plain["citations"]


def test_json_bodies_and_feedback_fields_are_bounded(server):
    """A JSON body over the limit is a 413 whether it declares its length or arrives in chunks; feedback text is
    capped, so a 10 MB comment is refused, not appended."""
    from assistant.web.api import MAX_COMMENT_CHARS, MAX_JSON_BYTES

    big = b'{"question": "' + b"x" * (MAX_JSON_BYTES + 10) + b'"}'
    r = httpx.post(server.url + "/api/ask", content=big, headers={"Content-Type": "application/json"}, timeout=30)
    assert r.status_code == 413 and "body over" in r.json()["error"]

    def chunks():
        yield b'{"question": "'
        for _ in range(MAX_JSON_BYTES // 65536 + 2):
            yield b"x" * 65536
        yield b'"}'

    r = httpx.post(server.url + "/api/ask", content=chunks(), headers={"Content-Type": "application/json"}, timeout=30)
    assert r.status_code == 413 and "body over" in r.json()["error"]
    before = (
        (server.settings.data_dir / "feedback.jsonl").read_text("utf-8")
        if (server.settings.data_dir / "feedback.jsonl").exists()
        else ""
    )
    long = {"question": "q", "answer": "a", "rating": 1, "comment": "c" * (MAX_COMMENT_CHARS + 1)}
    assert post(server, "/api/feedback", json=long).status_code == 400
    after = (
        (server.settings.data_dir / "feedback.jsonl").read_text("utf-8")
        if (server.settings.data_dir / "feedback.jsonl").exists()
        else ""
    )
    assert after == before


@pytest.mark.parametrize("path", ["/", "/widget.js", "/healthz", "/api/notices"])
def test_every_response_carries_the_security_headers(server, path):
    r = httpx.get(server.url + path, timeout=30)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"
    assert r.headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in r.headers["content-security-policy"]
