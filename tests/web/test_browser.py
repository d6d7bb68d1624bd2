"""The chat, and the widget on the example host page, in headless Debian Chromium against the real server."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def ask_in_chat(page, server, question: str) -> None:
    page.goto(server.url + "/")
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()


@pytest.mark.parametrize("question, shot", [
    ("柞水县第17项任务由谁牵头？", "chat-zh.png"),
    ("Who leads task 17 in the Zhashui list and by when?", "chat-en.png"),
])
def test_chat_answers_with_a_visible_citation(page, server, artifacts, question, shot):
    ask_in_chat(page, server, question)
    expect(page.locator("#chat")).to_contain_text("县司法局", timeout=30_000)
    if question.startswith("Who"):
        expect(page.locator("#chat")).to_contain_text("长期")
    cite = page.locator("#sources details.na-cite").first
    expect(cite).to_be_visible()
    expect(cite.locator("summary")).to_contain_text("柞政办函〔2024〕54号")
    cite.locator("summary").click()
    expect(cite.locator("mark").first).to_be_visible()  # the quoted row, highlighted among its lines
    page.screenshot(path=str(artifacts / shot), full_page=True)


def test_empty_question_shows_a_clear_message(page, server):
    page.goto(server.url + "/")
    page.locator("#send").click()
    expect(page.locator("#status")).to_contain_text("请输入问题")


def test_english_switch_changes_the_ui_text(page, server):
    page.goto(server.url + "/")
    page.get_by_label("English").check()
    expect(page.locator("#send")).to_have_text("Ask")
    page.locator("#send").click()
    expect(page.locator("#status")).to_contain_text("Please enter a question")


def test_widget_on_the_host_page_opens_answers_and_cites(page, host_page, artifacts):
    page.goto(host_page)
    page.locator("#na-widget-button").click()
    expect(page.locator("#na-widget-panel")).to_be_visible()
    page.locator("#na-widget-input").fill("柞水县第17项任务由谁牵头？")
    page.locator("#na-widget-send").click()
    expect(page.locator("#na-widget-log")).to_contain_text("县司法局", timeout=30_000)
    expect(page.locator(".na-w-cite").first).to_contain_text("柞政办函〔2024〕54号")
    page.screenshot(path=str(artifacts / "widget-host.png"), full_page=True)


def test_widget_empty_question_is_refused_in_the_panel(page, host_page):
    page.goto(host_page)
    page.locator("#na-widget-button").click()
    page.locator("#na-widget-send").click()
    expect(page.locator("#na-widget-log")).to_contain_text("请输入问题")


def test_notice_text_with_a_script_tag_renders_as_text(page, server, tmp_path):
    """A notice whose text holds <script> and an <img onerror>: uploaded, asked about, shown in the chat and the
    sources as text; no script runs."""
    import httpx

    body = ("测试县人民政府关于印发测试任务清单的通知\n\n测试县<script>window.__pwned=1</script>防汛值班"
            "<img src=x onerror=\"window.__pwned=2\">制度由县水利局负责。\n")
    r = httpx.post(server.url + "/api/upload", files={"file": ("xss-notice.txt", body.encode("utf-8"), "text/plain")},
                   timeout=120)
    assert r.status_code == 200, r.text
    ask_in_chat(page, server, "测试县防汛值班制度由谁负责？")
    expect(page.locator("#chat")).to_contain_text("<script>window.__pwned=1</script>", timeout=30_000)
    expect(page.locator("#sources")).to_contain_text("<script>")
    assert page.evaluate("window.__pwned") is None
