"""Chat conventions in the web chat (issue 16, 4): example chips in the empty chat, one feedback record per answer
with the last vote, a full English UI and an h1. Headless Chromium against the real server."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.web.conftest import ask_in_chat

pytestmark = pytest.mark.browser

CJK = re.compile(r"[\u3400-\u9fff]")


def test_example_chips_sit_in_the_empty_chat_and_ask(page, server):
    page.goto(server.url + "/")
    chip = page.locator("#chat").get_by_role("button", name="柞水县第17项任务由谁牵头？")
    expect(chip).to_be_visible(timeout=20_000)
    expect(chip).to_be_in_viewport()  # above the fold, in the chat itself
    chip.click()
    expect(page.locator("#chat")).to_contain_text("县司法局", timeout=30_000)
    expect(chip).to_have_count(0)  # the chips give way to the conversation


def test_a_changed_vote_leaves_one_record_with_the_last_vote_and_a_comment(page, server):
    question = "陵川县领导小组办公室设在哪里？"
    ask_in_chat(page, server, question)
    expect(page.locator("#chat details.na-cite").first).to_be_visible(timeout=30_000)
    chat = page.locator("#chat")
    chat.get_by_role("button", name="Like", exact=True).click()
    expect(page.locator("#feedback-status")).to_contain_text("已记录反馈（有帮助）")
    chat.get_by_role("button", name="Dislike", exact=True).click()
    expect(page.locator("#feedback-status")).to_contain_text("已记录反馈（没帮助）")  # the status names the last vote
    comment = page.locator("#feedback-comment textarea")
    expect(comment).to_be_visible()
    comment.fill("地址不全")
    comment.press("Enter")
    expect(page.locator("#feedback-status")).to_contain_text("说明已保存")
    lines = (server.settings.data_dir / "feedback.jsonl").read_text("utf-8").splitlines()
    mine = [r for r in map(json.loads, lines) if r.get("question") == question]
    assert len(mine) == 1, mine
    assert mine[0]["rating"] == -1 and mine[0]["comment"] == "地址不全" and mine[0]["id"]


def test_english_ui_has_lang_en_and_no_chinese_labels(page, server):
    page.goto(server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    page.get_by_label("English").check()
    expect(page.locator("#send")).to_have_text("Ask")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    chip = page.locator("#chat").get_by_role("button", name="Who leads task 17 in the Zhashui list and by when?")
    expect(chip).to_be_visible()
    text = page.locator("body").inner_text().replace("中文", "")  # the switch names the other language in it
    assert not CJK.findall(text), [line for line in text.splitlines() if CJK.search(line)]
    page.get_by_role("tab", name="Upload a notice").click()
    expect(page.locator("#upload-replace")).to_contain_text("Replace the loaded notice")
    expect(page.locator("#upload-remove")).to_have_text("Remove")


def test_the_page_has_an_h1_and_no_share_button(page, server):
    page.goto(server.url + "/")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_contain_text("通知问答助手")
    expect(page.locator("#chat").get_by_role("button", name=re.compile("share", re.I))).to_have_count(0)


def test_api_feedback_with_an_id_keeps_one_record_per_message(server):
    import httpx

    url = server.url + "/api/feedback"
    for rating in (1, -1):
        body = {"question": "q-id", "answer": "a", "rating": rating, "id": "msg-42"}
        assert httpx.post(url, json=body, timeout=10).status_code == 200
    lines = (server.settings.data_dir / "feedback.jsonl").read_text("utf-8").splitlines()
    mine = [r for r in map(json.loads, lines) if r.get("id") == "msg-42"]
    assert [r["rating"] for r in mine] == [-1]


def test_a_changed_vote_keeps_the_comment_already_written(server):
    import httpx

    url = server.url + "/api/feedback"
    first = {"question": "q-c", "answer": "a", "rating": 1, "id": "msg-43", "comment": "少了配合单位"}
    assert httpx.post(url, json=first, timeout=10).status_code == 200
    changed = {"question": "q-c", "answer": "a", "rating": -1, "id": "msg-43"}
    assert httpx.post(url, json=changed, timeout=10).status_code == 200
    lines = (server.settings.data_dir / "feedback.jsonl").read_text("utf-8").splitlines()
    mine = [r for r in map(json.loads, lines) if r.get("id") == "msg-43"]
    assert [(r["rating"], r.get("comment")) for r in mine] == [(-1, "少了配合单位")]


def test_undo_takes_the_last_question_back_into_the_box(page, server):
    question = "柞水县第18项任务由谁牵头？"
    ask_in_chat(page, server, question)
    expect(page.locator("#chat details.na-cite").first).to_be_visible(timeout=30_000)
    page.locator("#chat").get_by_role("button", name="Undo", exact=True).click()
    expect(page.locator("#question textarea")).to_have_value(question)
    expect(page.locator("#chat details.na-cite")).to_have_count(0)
