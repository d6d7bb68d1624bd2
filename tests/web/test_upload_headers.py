"""Issue 16, item 4/6: the uploads table's headers follow the UI language (English mode shows English headers)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

CJK = re.compile(r"[\u3400-\u9fff]")


def test_the_uploads_list_has_headers_in_the_ui_language(server):
    from assistant.web.ui import UI, Events

    events = Events(server.server.config.app.state.web)
    for choice, lang in (("中文", "zh"), ("English", "en")):
        table, _ = events.uploads_list(choice)
        assert list(table["value"].columns) == UI[lang]["upload_cols"]
    english = list(events.uploads_list("English")[0]["value"].columns)
    assert not any(CJK.search(h) for h in english), english
    assert all(CJK.search(h) for h in UI["zh"]["upload_cols"][1:4])  # and Chinese ones, not mixed, in Chinese


@pytest.mark.browser
def test_english_mode_shows_english_upload_headers(page, server):
    page.goto(server.url + "/")
    page.get_by_label("English").check()
    expect(page.locator("#send")).to_have_text("Ask")
    page.get_by_role("tab", name="Upload a notice").click()
    head = page.locator("#uploads-list thead, #uploads-list [role=columnheader]").first
    expect(page.locator("#uploads-list")).to_contain_text("Uploaded by", timeout=20_000)
    expect(page.locator("#uploads-list")).to_contain_text("Document no.")
    expect(page.locator("#uploads-list")).not_to_contain_text("上传者")
    assert head.count() == 1
    page.get_by_label("中文").check()
    expect(page.locator("#uploads-list")).to_contain_text("上传者", timeout=20_000)
