"""Issue 16, items 1 and 9: a notice named in the question wins over the notice filter, and the answer says so.
Headless Chromium against the real server, as a new user would do it: pick 柞水县 in the filter, ask about 宜阳县."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_notice_named_in_the_question_wins_over_the_filter_with_a_visible_note(page, server, corpus, artifacts):
    yiyang6 = next(t for t in corpus.get("yiyang-2024").tasks if t.label == "存在问题6")
    zhashui6 = next(t for t in corpus.get("zhashui-2024").tasks if t.number == 6)
    assert yiyang6.deadline and zhashui6.deadline and yiyang6.deadline != zhashui6.deadline
    page.goto(server.url + "/")
    page.locator("#doc-filter input").click()
    page.get_by_role("option", name=re.compile("柞水县")).click()
    expect(page.locator("#doc-filter input")).to_have_value(re.compile("柞水县"))
    page.locator("#question textarea").fill("宜阳县存在问题6的完成时限是什么？")
    page.locator("#send").click()
    bubble = page.locator("#chat .na-sources").first
    expect(bubble).to_be_visible(timeout=30_000)
    chat = page.locator("#chat")
    expect(chat).to_contain_text(f"完成时限：{yiyang6.deadline}")
    expect(chat).not_to_contain_text(zhashui6.deadline)  # never a silent answer from the filtered notice
    note = page.locator("#chat .na-note").first
    expect(note).to_be_visible()
    expect(note).to_contain_text("宜阳县")
    expect(note).to_contain_text("柞水县")  # names the filter it overrode
    expect(bubble).to_contain_text("存在问题6")
    expect(bubble).to_contain_text("宜政办〔2024〕22号")
    page.screenshot(path=str(artifacts / "chat-filter-conflict.png"), full_page=True)
