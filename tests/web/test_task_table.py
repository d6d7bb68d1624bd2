"""The task table in the web chat: deadlines sort as dates, a header click sorts, English headers, each row shows its
lines, cards on a phone, and a notice uploaded from the chat appears without a reload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from assistant.web.task_table import deadline_key


def test_deadline_key_orders_dates_then_recurring_then_long_term_then_none():
    ordered = [
        "2024年3月底前",
        "2024年4月15日前",
        "2024年上半年",
        "2024年12月31日前取得阶段性成效,长期坚持",
        "2024年底前",
        "2025-01-10",
        "2025年",
        "6月底前",
        "每年3月底前",
        "每年最少发布1次",
        "持续推进",  # long-term ones by text
        "长期",
        "按上级要求",
        None,
    ]
    assert sorted(reversed(ordered), key=deadline_key) == ordered
    assert deadline_key("2024年3月底前")[:4] == (0, 2024, 3, 31)
    assert deadline_key("2024年底前")[:4] == (0, 2024, 12, 31)
    assert deadline_key("2024年12月31日前")[:4] == (0, 2024, 12, 31)


def open_table(page, server, notice: str = "柞水县", size: dict | None = None) -> None:
    if size:
        page.set_viewport_size(size)
    page.goto(server.url + "/")
    page.get_by_role("tab", name=re.compile("通知与任务表|Notices")).click()
    page.locator("#notice-pick input").click()
    page.get_by_role("option", name=re.compile(notice)).click()
    expect(page.locator("#task-table tbody tr").first).to_be_visible(timeout=20_000)


def column(page, n: int) -> list[str]:
    return page.locator(f"#task-table tbody tr td:nth-child({n})").all_inner_texts()


@pytest.mark.browser
def test_clicking_the_deadline_header_sorts_by_date_then_reverses(page, server, artifacts):
    open_table(page, server)
    page.locator("#task-table th", has_text="完成时限").click()
    dated = [d for d in column(page, 6) if d and d != "长期"]
    assert dated == [
        "2024年3月底前",
        "2024年4月底前",
        "2024年6月底前",
        "2024年12月底前",
        "2024年底前",
        "每年3月底前",
        "每年最少发布1次",
    ]
    assert column(page, 6)[-1] == "长期"
    page.screenshot(path=str(artifacts / "task-table-sorted.png"), full_page=True)
    page.locator("#task-table th", has_text="完成时限").click()
    assert column(page, 6)[0] == "长期" and column(page, 6)[-1] == "2024年3月底前"
    page.locator("#task-table th", has_text="编号").click()
    assert column(page, 1)[:3] == ["1", "2", "3"]


@pytest.mark.browser
def test_english_headers_and_a_row_shows_its_lines(page, server, corpus):
    t17 = next(t for t in corpus.get("zhashui-2024").tasks if t.number == 17)
    page.goto(server.url + "/")
    page.get_by_label("English").check()
    page.get_by_role("tab", name="Notices & task tables").click()
    page.locator("#notice-pick input").click()
    page.get_by_role("option", name=re.compile("柞水县")).click()
    expect(page.locator("#task-table thead")).to_contain_text("Deadline", timeout=20_000)
    expect(page.locator("#task-table thead")).not_to_contain_text("完成时限")
    row = page.locator("#task-table tbody tr", has=page.locator("td:first-child", has_text=re.compile("^17$")))
    row.locator("button.na-go").click()
    marked = page.locator("#notice-text .na-hl")
    expect(marked).to_have_count(t17.end_line - t17.start_line + 1)
    expect(marked.first).to_have_attribute("data-line", str(t17.start_line))
    expect(marked.first).to_be_in_viewport()


@pytest.mark.browser
def test_phone_shows_cards_without_narrow_columns(page, server, artifacts):
    open_table(page, server, size={"width": 390, "height": 844})
    widths = page.locator("#task-table tbody td:not(:empty)").evaluate_all(
        "cells => cells.map(c => c.getBoundingClientRect().width)"
    )
    assert widths and min(widths) > 250, f"a cell narrower than a card: {min(widths)} px"
    page.screenshot(path=str(artifacts / "task-table-phone.png"), full_page=True)


@pytest.mark.browser
def test_an_uploaded_notice_appears_in_the_table_without_a_reload(page, server, tmp_path):
    notice = tmp_path / "表格刷新.txt"
    notice.write_text(
        "刷新县人民政府办公室关于印发刷新任务清单的通知\n\n"
        "1. 建立台账。（牵头单位：县统计局；完成时限：2024年5月底前）\n"
        "2. 公开清单。（牵头单位：县档案馆；完成时限：长期）\n",
        "utf-8",
    )
    open_table(page, server)  # the page is loaded before the upload
    page.get_by_role("tab", name="上传通知").click()
    page.locator("#upload-file input[type=file]").set_input_files(str(notice))
    page.locator("#upload-button").click()
    expect(page.locator("#upload-status")).to_contain_text("已加入", timeout=60_000)
    page.get_by_role("tab", name="通知与任务表").click()
    page.locator("#notice-pick input").click()
    page.get_by_role("option", name=re.compile("刷新")).click()
    expect(page.locator("#task-table")).to_contain_text("县统计局", timeout=20_000)
