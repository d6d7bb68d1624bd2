"""The help widget as a site embeds it: loaded from the app's origin by the app's own example page and by pages on
other origins (one on the CORS allow-list, one not), in headless Chromium. Errors in plain words, never
"TypeError: Failed to fetch"; Escape closes; ARIA; a phone-sized viewport."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from playwright.sync_api import expect

from tests.web.conftest import REPO, free_port

pytestmark = pytest.mark.browser

HOST_PAGE = REPO / "examples" / "widget-host.html"
RAW_ERRORS = ("TypeError", "Failed to fetch", "NetworkError")


@pytest.fixture(scope="module")
def unlisted_page(server, tmp_path_factory):
    """The example page on an origin that is not on the server's allow-list, its widget in English."""
    root = tmp_path_factory.mktemp("unlisted")
    html = HOST_PAGE.read_text("utf-8").replace(
        'src="/widget.js" data-lang="zh"', f'src="{server.url}/widget.js" data-lang="en"'
    )
    (root / "index.html").write_text(html, "utf-8")
    port = free_port()
    assert f"http://127.0.0.1:{port}" not in server.settings.cors_origins
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/index.html"
    httpd.shutdown()


def open_and_ask(page, question: str) -> None:
    page.locator("#na-widget-button").click()
    page.locator("#na-widget-input").fill(question)
    page.locator("#na-widget-send").click()


def test_the_apps_example_page_loads_the_script_from_its_own_server(page, server):
    assert "127.0.0.1:7860" not in HOST_PAGE.read_text("utf-8")
    page.goto(server.url + "/examples/widget-host.html")
    assert server.url + "/widget.js" in page.requests
    button = page.locator("#na-widget-button")
    expect(button).to_have_attribute("aria-expanded", "false")
    open_and_ask(page, "柞水县第17项任务由谁牵头？")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#na-widget-log")).to_contain_text("县司法局", timeout=30_000)
    expect(page.get_by_role("link", name="在完整聊天中打开")).to_have_attribute("href", server.url + "/")


def test_aria_and_escape_closes_the_panel(page, host_page):
    page.goto(host_page)
    button, panel = page.locator("#na-widget-button"), page.locator("#na-widget-panel")
    expect(button).to_have_attribute("aria-controls", "na-widget-panel")
    button.click()
    dialog = page.get_by_role("dialog", name="通知问答助手")
    expect(dialog).to_be_visible()
    expect(page.locator("#na-widget-input")).to_be_focused()
    expect(dialog.get_by_role("log")).to_have_attribute("aria-live", "polite")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    button.click()
    expect(panel).to_be_visible()
    page.locator("#na-widget-close").click()
    expect(button).to_have_attribute("aria-expanded", "false")


def test_a_long_answer_is_shown_from_its_start(page, host_page, artifacts):
    page.goto(host_page)
    open_and_ask(page, "柞水县有哪些长期任务？")
    log = page.locator("#na-widget-log")
    expect(page.locator(".na-w-cite").first).to_be_visible(timeout=30_000)
    assert log.evaluate("e => e.scrollHeight > e.clientHeight"), "the answer should be longer than the panel"
    top = log.bounding_box()["y"]
    question = page.locator(".na-w-q").first.bounding_box()
    assert top - 1 <= question["y"] <= top + 40, "the question and the answer's first line are in view"
    page.screenshot(path=str(artifacts / "widget-long-answer.png"))


def test_an_origin_off_the_allow_list_is_told_so_in_plain_words(page, unlisted_page):
    page.goto(unlisted_page)
    open_and_ask(page, "Who leads task 17 in the Zhashui list?")
    answer = page.locator(".na-w-a.na-w-err")
    expect(answer).to_contain_text("This page's origin is not allowed", timeout=15_000)
    assert not any(raw in answer.inner_text() for raw in RAW_ERRORS)


def test_a_server_that_cannot_be_reached_is_told_so_in_plain_words(page, server, host_page):
    page.goto(host_page)
    page.route(server.url + "/api/ask", lambda route: route.abort())
    page.route(server.url + "/healthz", lambda route: route.abort())
    open_and_ask(page, "柞水县第17项任务由谁牵头？")
    answer = page.locator(".na-w-a.na-w-err")
    expect(answer).to_contain_text("无法连接服务器", timeout=15_000)
    assert not any(raw in answer.inner_text() for raw in RAW_ERRORS)


def test_the_panel_fits_a_phone(browser, host_page, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(host_page)
        page.locator("#na-widget-button").click()
        for selector in ("#na-widget-panel", "#na-widget-input", "#na-widget-send", "#na-widget-full"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["y"] >= 0, selector
            assert box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844, selector
        panel = page.locator("#na-widget-panel").bounding_box()
        assert panel["width"] >= 350 and panel["height"] >= 500, "the panel uses the phone's screen"
        page.screenshot(path=str(artifacts / "widget-phone.png"))
    finally:
        context.close()
