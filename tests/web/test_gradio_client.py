"""Issue 16, item 8: an integrator calls the chat by a stable name from `gradio_client`, as its docs show:
`Client(url).predict("…", api_name="/ask")`, against the real server on a free port (the `server` fixture)."""

from __future__ import annotations

import re

import pytest

QUESTION = "柞水县第17项任务由谁牵头？"


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server.url + "/", verbose=False, download_files=False)


def test_ask_is_a_named_endpoint_and_the_page_helpers_are_not_listed(client):
    api = client.view_api(print_info=False, return_format="dict")
    named = api["named_endpoints"]
    assert "/ask" in named, f"no /ask endpoint: {sorted(named)}"
    params = [p["parameter_name"] for p in named["/ask"]["parameters"]]
    assert params[0] == "question", params
    listed = sorted(named) + sorted(api["unnamed_endpoints"])
    assert listed == ["/ask"], f"only the question → answer is documented, not the page's helpers: {listed}"


def test_ask_answers_with_the_rows_lead_unit_from_the_parsed_notice(client, corpus):
    t17 = next(t for t in corpus.get("zhashui-2024").tasks if t.number == 17)
    assert t17.lead, "the parsed notice has no lead unit for 柞水县 task 17"
    chat, status, _box, _conv = client.predict(QUESTION, api_name="/ask")  # the outputs: chat, status, box, conv
    answer = chat[-1]
    assert answer["role"] == "assistant" and not status, (answer, status)
    parts = answer["content"] if isinstance(answer["content"], list) else [{"text": answer["content"]}]
    html = "".join(str(p.get("text", "")) for p in parts)
    body = html.split('<div class="na-sources"')[0]  # the answer itself, not its sources (which quote the row)
    body = re.sub(r'<div class="na-understood">.*?</div>', "", body, flags=re.S)
    text = re.sub(r"<[^>]+>", "", body)
    assert all(unit in text for unit in t17.lead), f"{t17.lead} not in the answer: {text[:300]}"
