/* Notice Assistant help widget: include with one tag and get a floating "问答助手" button.
 *   <script src="http://HOST:PORT/widget.js" data-api-key="(optional)" data-lang="zh|en" data-doc="(optional)"></script>
 * (on a page the server itself serves, src="/widget.js"). It talks to the server it was loaded from, loads nothing
 * else, and shows all text with textContent (never as HTML). Escape closes the panel; errors are said in plain words
 * (the server cannot be reached, this page's origin is not on the server's allow-list, a wrong key).
 * It keeps its conversation (in sessionStorage, so it survives moving between pages of the tab) and sends the last
 * turns with each question, so a follow-up ("那第18项呢？") is answered in context; "新对话" starts afresh. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__noticeAssistantWidget) return;
  window.__noticeAssistantWidget = true;
  var base = new URL(script.src, location.href).origin;
  var key = script.getAttribute("data-api-key") || "";
  var doc = script.getAttribute("data-doc") || "";
  var lang = script.getAttribute("data-lang") === "en" ? "en" : "zh";
  var T = {
    zh: { button: "问答助手", title: "通知问答助手", placeholder: "输入问题，如：柞水县第17项任务由谁牵头？", send: "提问",
          empty: "请输入问题。", wait: "正在查找…", sources: "来源", error: "出错了：", close: "关闭",
          fresh: "新对话", understood: "理解为：", question: "问题", full: "在完整聊天中打开",
          unreachable: "无法连接服务器，请稍后再试。",
          origin: "本页面的来源未被允许访问问答服务：请管理员把它加入服务器的 ASSISTANT_CORS_ORIGINS。",
          key: "访问密钥缺失或错误（data-api-key）。", busy: "提问太频繁，请稍后再试。",
          indexing: "服务器正在建立索引，请稍后再试。", garbled: "服务器的回答无法识别（HTTP {status}）。" },
    en: { button: "问答助手 Help", title: "Notice Assistant", placeholder: "Ask, e.g. Who leads task 17 in Zhashui?", send: "Ask",
          empty: "Please enter a question.", wait: "Looking it up…", sources: "Sources", error: "Error: ", close: "Close",
          fresh: "New", understood: "Understood as: ", question: "Question", full: "Open in full chat",
          unreachable: "The server cannot be reached; please try again later.",
          origin: "This page's origin is not allowed to use the assistant: an administrator adds it to the server's " +
                  "ASSISTANT_CORS_ORIGINS.",
          key: "The API key (data-api-key) is missing or wrong.", busy: "Too many questions; please wait a moment.",
          indexing: "The server is building its index; please try again shortly.",
          garbled: "The server's reply could not be read (HTTP {status})." }
  }[lang];
  var STORE = "na-widget-conversation";
  var MAX_HISTORY = 20; // messages sent with a question; the server reads as many
  var turns = [];  // [{role, content, understood?, citations?}], oldest first
  try { turns = JSON.parse(sessionStorage.getItem(STORE) || "[]"); } catch (e) { turns = []; }
  if (!Array.isArray(turns)) turns = [];
  function save() { try { sessionStorage.setItem(STORE, JSON.stringify(turns.slice(-2 * MAX_HISTORY))); } catch (e) {} }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }

  // sizes in px and viewport units only (never rem/em of the host page); on a phone the panel fills the width
  var css = el("style", {}, [
    "#na-widget-panel,#na-widget-panel *,#na-widget-button{box-sizing:border-box}",
    ".na-w-btn{position:fixed;right:20px;bottom:20px;z-index:2147483000;background:#c0392b;color:#fff;border:0;",
    "border-radius:24px;padding:12px 18px;font:15px/1.2 system-ui,sans-serif;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)}",
    ".na-w-panel{position:fixed;right:20px;bottom:76px;z-index:2147483000;width:380px;max-width:calc(100vw - 24px);height:560px;",
    "max-height:calc(100vh - 96px);background:#fff;border:1px solid #ccc;border-radius:8px;display:none;flex-direction:column;",
    "font:14px/1.5 system-ui,sans-serif;color:#222;box-shadow:0 4px 16px rgba(0,0,0,.25);text-align:left}",
    "@supports (height:100dvh){.na-w-panel{max-height:calc(100dvh - 96px)}}",
    "@media (max-width:480px){.na-w-panel{left:8px;right:8px;width:auto;max-width:none;bottom:72px;height:calc(100vh - 88px)}",
    ".na-w-btn{right:12px;bottom:12px}.na-w-form input{font-size:16px}}",
    ".na-w-panel.open{display:flex}.na-w-head{padding:8px 12px;background:#c0392b;color:#fff;display:flex;",
    "justify-content:space-between;align-items:center;gap:6px;border-radius:8px 8px 0 0}",
    ".na-w-head button{background:none;border:0;color:#fff;cursor:pointer;font-size:16px}",
    ".na-w-head .na-w-new{font-size:13px;border:1px solid rgba(255,255,255,.6);border-radius:4px;margin-right:6px}",
    ".na-w-u{font-size:12px;color:#777}",
    ".na-w-log{flex:1;overflow:auto;padding:8px 12px;position:relative}.na-w-q{font-weight:600;margin:8px 0 4px}",
    ".na-w-a{white-space:pre-wrap;margin-bottom:4px;overflow-wrap:anywhere}.na-w-err{color:#b00}",
    ".na-w-src{font-size:12px;color:#555;border-left:3px solid #ffe58f;",
    "padding-left:6px;margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere}",
    ".na-w-form{display:flex;gap:6px;padding:8px;border-top:1px solid #eee}",
    ".na-w-form input{flex:1;min-width:0;padding:6px;font:inherit}.na-w-form button{padding:6px 12px;font:inherit;cursor:pointer}",
    ".na-w-full{display:block;padding:0 8px 8px;font-size:12px;color:#c0392b;text-align:right}"
  ].join(""));
  var btn = el("button", { "class": "na-w-btn", id: "na-widget-button", type: "button", "aria-expanded": "false",
                           "aria-controls": "na-widget-panel", "aria-haspopup": "dialog" }, T.button);
  var panel = el("div", { "class": "na-w-panel", id: "na-widget-panel", role: "dialog", "aria-labelledby": "na-widget-title",
                          lang: lang === "en" ? "en" : "zh-CN" });
  var head = el("div", { "class": "na-w-head" });
  head.appendChild(el("span", { id: "na-widget-title" }, T.title));
  var tools = el("span", {});
  var fresh = el("button", { type: "button", "class": "na-w-new", id: "na-widget-new" }, T.fresh);
  var close = el("button", { type: "button", "aria-label": T.close, id: "na-widget-close" }, "×");
  tools.appendChild(fresh); tools.appendChild(close);
  head.appendChild(tools);
  // a live region: each answer (and each error) is read out as it arrives
  var log = el("div", { "class": "na-w-log", id: "na-widget-log", role: "log", "aria-live": "polite" });
  var form = el("form", { "class": "na-w-form" });
  var input = el("input", { type: "text", id: "na-widget-input", placeholder: T.placeholder, maxlength: "2000",
                            "aria-label": T.question });
  var send = el("button", { type: "submit", id: "na-widget-send" }, T.send);
  var full = el("a", { "class": "na-w-full", id: "na-widget-full", href: base + "/", target: "_blank", rel: "noopener" },
                T.full + " ↗");
  form.appendChild(input); form.appendChild(send);
  panel.appendChild(head); panel.appendChild(log); panel.appendChild(form); panel.appendChild(full);

  function add(cls, text) { var d = el("div", { "class": cls }, text); log.appendChild(d); log.scrollTop = log.scrollHeight; return d; }
  function toStart(node) { log.scrollTop = Math.max(0, node.offsetTop - 4); }  // the question, then its answer's start

  function show(answer, body) {
    var u = body.understood;
    if (u && u.label && u.carried && u.carried.length) {
      log.insertBefore(el("div", { "class": "na-w-u" }, T.understood + u.label), answer);
    }
    answer.textContent = body.answer;
    (body.citations || []).forEach(function (c, i) {
      var src = add("na-w-src na-w-cite", "[" + (i + 1) + "] " + c.title + (c.doc_number ? "（" + c.doc_number + "）" : "") +
        (c.label ? " · " + c.label : "") + " · " + c.source + ":" + c.start_line + "\n“" + c.quote.slice(0, 200) + "”");
      src.title = T.sources;
    });
  }

  function failed(answer, message) { answer.textContent = message; answer.className = "na-w-a na-w-err"; }

  function refusal(status, body, garbled) {  // an error answer of the server, in plain words
    if (status === 401) return T.key;
    if (status === 429) return T.busy;
    if (status === 503) return T.indexing;
    if (garbled || !body || typeof body.error !== "string") return T.garbled.replace("{status}", String(status));
    return T.error + body.error;
  }

  function unreached() {
    // fetch says only "Failed to fetch": for a blocked cross-origin call and for a server that is down alike. A
    // no-cors request to /healthz tells them apart: it succeeds (opaquely) whenever the server answers at all.
    if (base === location.origin) return Promise.resolve(T.unreachable);
    return fetch(base + "/healthz", { mode: "no-cors", cache: "no-store" })
      .then(function () { return T.origin; }, function () { return T.unreachable; });
  }

  function ask(question) {
    var q = add("na-w-q", question);
    var answer = add("na-w-a", T.wait);
    var headers = { "Content-Type": "application/json" };
    if (key) headers["X-API-Key"] = key;
    var history = turns.slice(-MAX_HISTORY).map(function (t) {
      var m = { role: t.role, content: t.content };
      if (t.understood) m.understood = t.understood;
      return m;
    });
    fetch(base + "/api/ask", { method: "POST", headers: headers,
                               body: JSON.stringify({ question: question, doc: doc || null, history: history }) })
      .then(function (r) {
        return r.json().then(function (body) { return { ok: r.ok, status: r.status, body: body }; },
                             function () { return { ok: false, status: r.status, body: null, garbled: true }; });
      }, function () { return unreached().then(function (m) { return { ok: false, message: m }; }); })
      .then(function (res) {
        if (!res.ok) {
          failed(answer, res.message || refusal(res.status, res.body, res.garbled));
          toStart(q);
          return;
        }
        show(answer, res.body);
        toStart(q);
        turns.push({ role: "user", content: question });
        turns.push({ role: "assistant", content: res.body.answer, understood: res.body.understood,
                     citations: res.body.citations });
        save();
      })
      .catch(function () { failed(answer, T.unreachable); });
  }

  function replay() {  // the kept conversation, shown again when the widget loads on another page of the tab
    for (var i = 0; i + 1 < turns.length; i += 2) {
      if (turns[i].role !== "user" || turns[i + 1].role !== "assistant") continue;
      add("na-w-q", turns[i].content);
      show(add("na-w-a", ""), { answer: turns[i + 1].content, understood: turns[i + 1].understood,
                                citations: turns[i + 1].citations });
    }
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = input.value.trim();
    if (!q) { add("na-w-a na-w-err", T.empty); return; }
    input.value = "";
    ask(q);
  });
  function setOpen(open) {
    panel.classList.toggle("open", open);
    btn.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) input.focus();
  }
  btn.addEventListener("click", function () { setOpen(!panel.classList.contains("open")); });
  close.addEventListener("click", function () { setOpen(false); btn.focus(); });
  document.addEventListener("keydown", function (ev) {  // Escape closes the panel (only when it is open)
    if ((ev.key === "Escape" || ev.key === "Esc") && panel.classList.contains("open")) { setOpen(false); btn.focus(); }
  });
  fresh.addEventListener("click", function () {
    turns = []; save();
    while (log.firstChild) log.removeChild(log.firstChild);
    input.focus();
  });
  replay();

  function mount() { document.head.appendChild(css); document.body.appendChild(panel); document.body.appendChild(btn); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
