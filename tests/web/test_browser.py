"""The chat, and the widget on the example host page, in headless Debian Chromium against the real server."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.conftest import ask_in_chat

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "question, shot",
    [
        ("柞水县第17项任务由谁牵头？", "chat-zh.png"),
        ("Who leads task 17 in the Zhashui list and by when?", "chat-en.png"),
    ],
)
def test_chat_answers_with_a_visible_citation(page, server, artifacts, question, shot):
    ask_in_chat(page, server, question)
    expect(page.locator("#chat")).to_contain_text("县司法局", timeout=30_000)
    if question.startswith("Who"):
        expect(page.locator("#chat")).to_contain_text("长期")
    cite = page.locator("#chat details.na-cite").first
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

    body = (
        "测试县人民政府关于印发测试任务清单的通知\n\n测试县<script>window.__pwned=1</script>防汛值班"
        '<img src=x onerror="window.__pwned=2">制度由县水利局负责。\n'
    )
    r = httpx.post(
        server.url + "/api/upload", files={"file": ("xss-notice.txt", body.encode("utf-8"), "text/plain")}, timeout=120
    )
    assert r.status_code == 200, r.text
    ask_in_chat(page, server, "测试县防汛值班制度由谁负责？")
    expect(page.locator("#chat")).to_contain_text("<script>window.__pwned=1</script>", timeout=30_000)
    expect(page.locator("#chat .na-sources")).to_contain_text("<script>")
    assert page.evaluate("window.__pwned") is None


def test_notice_view_shows_the_task_table_filtered_by_lead_unit(page, server, artifacts):
    page.goto(server.url + "/")
    page.get_by_role("tab", name="通知与任务表").click()
    page.locator("#notice-pick input").click()
    page.get_by_role("option", name=re.compile("柞水县")).click()
    table = page.locator("#task-table")
    expect(table).to_contain_text("县审批局", timeout=20_000)
    expect(page.locator("#notice-text")).to_contain_text("柞政办函〔2024〕54号")
    page.locator("#filter-lead textarea").fill("县审批局")
    page.locator("#filter-lead textarea").press("Enter")
    # only the rows 县审批局 leads or shares: 9, 18, 19 (the task table says so; the parser tests check it)
    expect(table).not_to_contain_text("配合完成省、市地方性法规", timeout=10_000)
    expect(table).to_contain_text("县审批局")
    page.screenshot(path=str(artifacts / "task-table.png"), full_page=True)


def test_upload_in_the_chat_indexes_the_notice_and_refuses_a_bad_type(page, server, tmp_path):
    good = tmp_path / "上传测试.txt"
    good.write_text("浏览县人民政府关于印发上传测试清单的通知\n\n浏览县法律顾问室设在县政府二楼。\n", "utf-8")
    bad = tmp_path / "tool.exe"
    bad.write_bytes(b"MZ\x00\x00")
    page.goto(server.url + "/")
    page.get_by_role("tab", name="上传通知").click()
    page.locator("#upload-file input[type=file]").set_input_files(str(bad))
    page.locator("#upload-button").click()
    # Gradio's file picker refuses the type itself, or the server does: either way a warning, nothing added
    expect(page.locator("#upload-status")).to_contain_text("⚠️", timeout=20_000)
    expect(page.locator("#upload-status")).not_to_contain_text("已加入")
    page.locator("#upload-file input[type=file]").set_input_files(str(good))
    page.locator("#upload-button").click()
    expect(page.locator("#upload-status")).to_contain_text("已加入", timeout=60_000)
    page.get_by_role("tab", name="问答").click()
    page.locator("#question textarea").fill("浏览县法律顾问室设在哪里？")
    page.locator("#send").click()
    expect(page.locator("#chat")).to_contain_text("县政府二楼", timeout=30_000)


def test_a_follow_up_is_answered_in_context_each_bubble_with_its_own_sources(page, server, corpus, artifacts):
    """A question and its follow-up: each answer bubble shows what it was understood as, [n] markers and, under it,
    its own sources; a reload keeps the conversation; "新对话" clears it and the next question starts afresh."""
    t17, t18 = (next(t for t in corpus.get("zhashui-2024").tasks if t.number == n) for n in (17, 18))
    page.goto(server.url + "/")
    page.locator("#question textarea").fill("柞水县第17项任务由谁牵头？")
    page.locator("#send").click()
    first = page.locator("#chat .na-sources").nth(0)
    expect(first).to_contain_text(f"{t17.label}", timeout=30_000)
    page.locator("#question textarea").fill("那第18项的完成时限呢？")
    page.locator("#send").click()
    second = page.locator("#chat .na-sources").nth(1)
    expect(second).to_contain_text(f"{t18.label}", timeout=30_000)
    expect(page.locator("#chat .na-understood").nth(1)).to_contain_text("柞水县 · 第18项 · 完成时限")
    expect(page.locator("#chat")).to_contain_text(f"完成时限：{t18.deadline}[1]")
    # each bubble keeps its own sources: the first cites row 17 only, the second row 18 only
    expect(first).not_to_contain_text(f":{t18.start_line}-")
    expect(second).not_to_contain_text(f":{t17.start_line}-")
    page.screenshot(path=str(artifacts / "chat-follow-up.png"), full_page=True)

    page.reload()
    expect(page.locator("#chat .na-sources")).to_have_count(2, timeout=30_000)
    expect(page.locator("#chat .na-understood").nth(1)).to_contain_text("第18项")
    page.locator("#question textarea").fill("谁牵头？")  # still in the conversation after the reload
    page.locator("#send").click()
    expect(page.locator("#chat .na-understood").nth(2)).to_contain_text("柞水县 · 第18项 · 牵头单位", timeout=30_000)

    page.locator("#new-chat").click()
    expect(page.locator("#chat .na-sources")).to_have_count(0)
    page.reload()
    expect(page.locator("#question textarea")).to_be_visible(timeout=30_000)
    expect(page.locator("#chat .na-sources")).to_have_count(0)
    page.locator("#question textarea").fill("完成时限呢？")  # nothing to follow any more
    page.locator("#send").click()
    expect(page.locator("#chat .na-understood").first).not_to_contain_text("柞水县", timeout=30_000)


def test_widget_keeps_its_conversation_for_follow_ups(page, host_page, corpus):
    t18 = next(t for t in corpus.get("zhashui-2024").tasks if t.number == 18)
    page.goto(host_page)
    page.locator("#na-widget-button").click()
    page.locator("#na-widget-input").fill("柞水县第17项任务由谁牵头？")
    page.locator("#na-widget-send").click()
    expect(page.locator(".na-w-cite")).to_have_count(1, timeout=30_000)
    page.locator("#na-widget-input").fill("那第18项的完成时限呢？")
    page.locator("#na-widget-send").click()
    expect(page.locator(".na-w-cite")).to_have_count(2, timeout=30_000)
    expect(page.locator(".na-w-u")).to_contain_text("柞水县 · 第18项 · 完成时限")
    expect(page.locator(".na-w-a").nth(1)).to_contain_text(f"完成时限：{t18.deadline}")
    expect(page.locator(".na-w-cite").nth(1)).to_contain_text(
        f"{t18.label} · zhashui-2024-task-list.txt:{t18.start_line}"
    )
    page.reload()  # another page of the same tab: the conversation is still there
    page.locator("#na-widget-button").click()
    expect(page.locator(".na-w-cite")).to_have_count(2)
    page.locator("#na-widget-new").click()
    expect(page.locator("#na-widget-log")).to_have_text("")
    page.locator("#na-widget-input").fill("完成时限呢？")
    page.locator("#na-widget-send").click()
    expect(page.locator(".na-w-a")).not_to_have_text("…", timeout=30_000)
    expect(page.locator(".na-w-u")).to_have_count(0)
