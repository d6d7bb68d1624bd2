"""The OpenAI-compatible endpoint on the real server (uvicorn on a free port), driven by clients nobody here wrote:
the official `openai` Python client and LangChain's `ChatOpenAI`."""

from __future__ import annotations

import httpx
import openai
import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI

from assistant.web.openai_api import MODEL_ID


@pytest.fixture
def client(server):
    return openai.OpenAI(base_url=server.url + "/v1", api_key="unused", max_retries=0, timeout=120)


def row(corpus, doc_id, number):
    return next(t for t in corpus.get(doc_id).tasks if t.number == number)


def test_models_lists_the_assistant(client):
    assert [m.id for m in client.models.list()] == [MODEL_ID]


def test_a_completion_answers_with_numbered_footnotes(client, corpus):
    t17 = row(corpus, "zhashui-2024", 17)
    reply = client.chat.completions.create(
        model=MODEL_ID, messages=[{"role": "user", "content": "Who leads task 17 in the Zhashui list and by when?"}]
    )
    text = reply.choices[0].message.content
    assert reply.choices[0].finish_reason == "stop" and reply.object == "chat.completion"
    assert all(u in text for u in t17.lead) and t17.deadline in text and "[1]" in text
    assert f"[1] 《{corpus.get('zhashui-2024').notice.title}》（柞政办函〔2024〕54号） {t17.label}" in text
    assert f"lines {t17.start_line}–{t17.end_line}" in text
    extra = reply.model_extra
    assert extra["citations"][0]["start_line"] == t17.start_line and extra["understood"]["numbers"] == [17]


def test_a_streamed_three_turn_conversation(client, corpus):
    """The client holds the conversation, streaming each reply: item 17's lead, then item 18, then its deadline."""
    t17, t18 = row(corpus, "zhashui-2024", 17), row(corpus, "zhashui-2024", 18)
    messages = [{"role": "system", "content": "You are a helpful assistant."}]
    replies = []
    for question in ("柞水县第17项任务由谁牵头？", "那第18项呢？", "完成时限呢？"):
        messages.append({"role": "user", "content": question})
        stream = client.chat.completions.create(model=MODEL_ID, messages=messages, stream=True)
        chunks = list(stream)
        assert chunks[0].choices[0].delta.role == "assistant" and chunks[-1].choices[0].finish_reason == "stop"
        text = "".join(c.choices[0].delta.content or "" for c in chunks)
        assert chunks[-1].model_extra["citations"], "the last chunk carries the citations"
        messages.append({"role": "assistant", "content": text})
        replies.append(text)
    assert all(u in replies[0] for u in t17.lead)
    assert all(u in replies[1] for u in t18.lead) and "柞水县 · 第18项" in replies[1]
    assert t18.deadline in replies[2] and "（理解为：柞水县 · 第18项 · 完成时限）" in replies[2]
    assert f"{t18.label} zhashui-2024-task-list.txt 第{t18.start_line}–{t18.end_line}行" in replies[2]


def test_the_stream_is_server_sent_events_ending_in_done(server):
    with httpx.stream(
        "POST",
        server.url + "/v1/chat/completions",
        json={
            "model": MODEL_ID,
            "stream": True,
            "messages": [{"role": "user", "content": "宜阳县存在问题6的完成时限是什么？"}],
        },
        timeout=120,
    ) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in r.iter_lines() if line]
    assert all(line.startswith("data: ") for line in lines) and lines[-1] == "data: [DONE]"


def test_langchain_chat_openai_holds_a_conversation(server, corpus):
    t3 = row(corpus, "yiyang-2024", 3)
    chat = ChatOpenAI(base_url=server.url + "/v1", api_key="unused", model=MODEL_ID, max_retries=0, timeout=120)
    first = chat.invoke([HumanMessage("Who leads task 3 in the Yiyang notice?")])
    assert all(u in first.content for u in t3.lead)
    second = chat.invoke(
        [
            SystemMessage("Answer briefly."),
            HumanMessage("Who leads task 3 in the Yiyang notice?"),
            AIMessage(first.content),
            HumanMessage("And the deadline?"),
        ]
    )
    assert t3.deadline in second.content and "Yiyang · problem 3 · deadline" in second.content
    streamed = "".join(
        c.content for c in chat.stream([HumanMessage("What is the document number of the Changjiang notice?")])
    )
    assert corpus.get("changjiang-2024").notice.doc_number in streamed


def test_content_parts_and_the_doc_extension(client, corpus):
    reply = client.chat.completions.create(
        model=MODEL_ID,
        messages=[{"role": "user", "content": [{"type": "text", "text": "第17项由谁牵头？"}]}],
        extra_body={"doc": "宜阳"},
    )
    assert reply.model_extra["understood"]["doc_ids"] == ["yiyang-2024"]


@pytest.mark.parametrize(
    "body, status, words",
    [
        ({"model": MODEL_ID, "messages": []}, 400, "messages"),
        (
            {"model": MODEL_ID, "messages": [{"role": "assistant", "content": "hi"}]},
            400,
            "last message must be the user",
        ),
        ({"model": MODEL_ID, "messages": [{"role": "user", "content": ""}]}, 400, "empty"),
        ({"model": MODEL_ID, "messages": [{"role": "wizard", "content": "x"}]}, 400, "role"),
        ({"model": MODEL_ID, "messages": [{"role": "user", "content": "第17项？"}], "doc": "北京"}, 404, "No notice"),
    ],
)
def test_errors_come_in_openai_shape(server, body, status, words):
    r = httpx.post(server.url + "/v1/chat/completions", json=body, timeout=120)
    error = r.json()["error"]
    assert r.status_code == status and words in error["message"] and error["type"], r.text


def test_the_official_client_raises_its_own_errors(client):
    with pytest.raises(openai.BadRequestError, match="empty"):
        client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": " "}])


def test_the_api_key_is_checked_as_a_bearer_token(server):
    """A second app over the same (already built) index, with an API key set."""
    from starlette.testclient import TestClient

    from assistant.config import Settings
    from assistant.web.api import create_app

    app = create_app(Settings(data_dir=server.settings.data_dir, api_key="s3cret"), ui=False)
    app.state.web.assistant(wait=120)
    with TestClient(app) as http:
        ask = {"model": MODEL_ID, "messages": [{"role": "user", "content": "柞水县第17项由谁牵头"}]}
        refused = http.post("/v1/chat/completions", json=ask)
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "invalid_api_key"
        assert http.get("/v1/models", headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = http.post("/v1/chat/completions", json=ask, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200 and "县司法局" in ok.json()["choices"][0]["message"]["content"]
        assert (
            http.post("/api/ask", json={"question": "x"}, headers={"Authorization": "Bearer s3cret"}).status_code != 401
        )
