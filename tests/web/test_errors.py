"""Integrators: every JSON error under /api in one shape, `{"error": message}` (OpenAI's shape under /v1), unknown
paths included; OpenAPI documents the bodies the API really returns."""

from __future__ import annotations

import httpx
import pytest

from assistant.web.schemas import AskResponse, CitationOut, TaskOut, UnderstoodOut


def only_error(r: httpx.Response) -> str:
    body = r.json()
    assert list(body) == ["error"] and isinstance(body["error"], str) and body["error"], body
    return body["error"]


@pytest.mark.parametrize(
    "method, path",
    [("GET", "/api/nope"), ("POST", "/api/nope"), ("GET", "/api"), ("DELETE", "/api/"), ("GET", "/api/notices/x/y")],
)
def test_unknown_api_paths_are_404_in_the_error_shape(server, method, path):
    r = httpx.request(method, server.url + path, timeout=30)
    assert r.status_code == 404
    assert "no such route" in only_error(r) and r.headers["content-type"] == "application/json"


def test_a_wrong_method_is_405_naming_the_right_one(server):
    r = httpx.get(server.url + "/api/ask", timeout=30)
    assert r.status_code == 405 and r.headers["allow"] == "POST"
    assert "use POST" in only_error(r)


def test_unknown_v1_paths_are_404_in_openai_shape(server):
    r = httpx.get(server.url + "/v1/nope", timeout=30)
    assert r.status_code == 404
    assert r.json()["error"]["type"] == "not_found_error" and "no such route" in r.json()["error"]["message"]


def test_bad_body_unknown_notice_and_too_large_share_the_shape(server):
    url = server.url + "/api/ask"
    assert httpx.post(url, json={}, timeout=30).status_code == 400
    only_error(httpx.post(url, json={}, timeout=30))
    r = httpx.post(url, content=b"{not json", headers={"Content-Type": "application/json"}, timeout=30)
    assert r.status_code == 400 and only_error(r)
    r = httpx.post(url, json={"question": "第1项由谁牵头？", "doc": "没有这个通知"}, timeout=60)
    assert r.status_code == 404 and only_error(r)
    r = httpx.post(url, content=b"x" * 2_100_000, headers={"Content-Type": "application/json"}, timeout=30)
    assert r.status_code == 413 and only_error(r)


def test_openapi_documents_the_answer_and_the_errors(server):
    schema = httpx.get(server.url + "/openapi.json", timeout=30).json()
    ask = schema["paths"]["/api/ask"]["post"]["responses"]
    assert ask["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/AskResponse"}
    for status in ("400", "401", "404", "413", "429", "503"):
        assert ask[status]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorBody"}
    assert "422" not in ask
    components = schema["components"]["schemas"]
    assert components["ErrorBody"]["required"] == ["error"]
    assert {"answer", "citations", "understood"} <= set(components["AskResponse"]["properties"])
    assert "HTTPValidationError" not in components, "no route answers FastAPI's 422 body"
    feedback = schema["paths"]["/api/feedback"]["post"]["responses"]["200"]
    assert feedback["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/FeedbackSaved"}


def test_a_real_answer_has_exactly_the_documented_fields(server):
    body = httpx.post(server.url + "/api/ask", json={"question": "柞水县第17项任务由谁牵头？"}, timeout=120).json()
    assert set(body) == set(AskResponse.model_fields)
    AskResponse.model_validate(body)
    assert set(body["citations"][0]) == set(CitationOut.model_fields)
    optional = {"leader", "remarks"}  # present only where the table has the column
    assert set(TaskOut.model_fields) - optional <= set(body["tasks"][0]) <= set(TaskOut.model_fields)
    assert set(body["understood"]) == set(UnderstoodOut.model_fields)
