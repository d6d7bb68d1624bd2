"""The Gradio chat: questions with streamed, cited answers; notices and their task tables; uploads; feedback.

UI text is Chinese by default with an English switch. Answer text and sources are escaped before display."""

from __future__ import annotations

import os
from html import escape

import gradio as gr
import pandas as pd

from assistant.conversation import MAX_TURNS, BadHistory, turns_from
from assistant.errors import AssistantError, BadQuestion, UnknownNotice
from assistant.web.render import bubble_html, notice_html
from assistant.web.state import NotReady, UploadRejected, WebState
from index.loaders import SUPPORTED_SUFFIXES

UI = {
    "zh": {
        "title": "## 通知问答助手\n就已载入的政府通知提问（中文或英文），答案附带原文出处。",
        "chat": "问答",
        "notices": "通知与任务表",
        "upload": "上传通知",
        "question": "问题",
        "placeholder": "例如：柞水县第17项任务由谁牵头？",
        "send": "提问",
        "new": "新对话",
        "filter": "通知范围",
        "all": "全部通知",
        "up": "👍 有用",
        "down": "👎 没用",
        "empty": "⚠️ 请输入问题。",
        "thanks": "已记录反馈，谢谢！",
        "no_answer": "请先提问，再反馈。",
        "indexing": "正在建立索引，请稍候…（首次启动约需 20 秒）",
        "pick": "选择通知",
        "lead": "按牵头/责任单位筛选",
        "deadline": "按完成时限筛选",
        "file": "通知文件（txt/md/html/docx/pdf）",
        "do_upload": "上传并建立索引",
        "uploaded": "已加入",
        "recognised": "识别出 {n} 项任务",
        "see_table": "查看任务表",
        "examples": "示例问题",
        "cols": ["编号", "标签", "内容", "牵头单位", "责任单位", "完成时限", "行"],
    },
    "en": {
        "title": "## Notice Assistant\nAsk about the loaded government notices (Chinese or English); every answer cites the notice text.",
        "chat": "Ask",
        "notices": "Notices & task tables",
        "upload": "Upload a notice",
        "question": "Question",
        "placeholder": "e.g. Who leads task 17 in the Zhashui list and by when?",
        "send": "Ask",
        "new": "New conversation",
        "filter": "Notices to search",
        "all": "All notices",
        "up": "👍 Helpful",
        "down": "👎 Not helpful",
        "empty": "⚠️ Please enter a question.",
        "thanks": "Feedback saved, thank you!",
        "no_answer": "Ask something first.",
        "indexing": "Building the index, please wait… (about 20 s on first start)",
        "pick": "Notice",
        "lead": "Filter by lead/responsible unit",
        "deadline": "Filter by deadline",
        "file": "Notice file (txt/md/html/docx/pdf)",
        "do_upload": "Upload and index",
        "uploaded": "Added",
        "recognised": "{n} tasks recognised",
        "see_table": "see the task table",
        "examples": "Example questions",
        "cols": ["No.", "Label", "Content", "Lead", "Responsible", "Deadline", "Lines"],
    },
}
EXAMPLES = [
    "柞水县第17项任务由谁牵头？",
    "Who leads task 17 in the Zhashui list and by when?",
    "宜阳县存在问题6的完成时限是什么？",
    "陵川县领导小组办公室设在哪里？",
    "How many problems does the Yiyang notice list?",
    "training hours for law-enforcement staff in each notice",
]


def theme() -> gr.themes.Base:
    """System fonts only: the default theme would fetch Google Fonts, and the intranet has no internet."""
    return gr.themes.Default(
        font=["system-ui", "PingFang SC", "Microsoft YaHei", "sans-serif"], font_mono=["ui-monospace", "monospace"]
    )


STORAGE_KEY = "notice-assistant-conversation"  # the browser's localStorage entry holding the conversation
EMPTY = {"chat": [], "turns": []}  # chat: the bubbles as shown; turns: what was said, for the answering code


def _lang(choice: str) -> str:
    return "en" if choice == "English" else "zh"


def _stored(conv) -> dict:
    """The conversation kept in the browser, or an empty one when it is missing or not ours (an old format)."""
    if not isinstance(conv, dict) or not isinstance(conv.get("chat"), list) or not isinstance(conv.get("turns"), list):
        return {"chat": [], "turns": []}
    return {"chat": list(conv["chat"]), "turns": list(conv["turns"])}


def upload_message(info: dict, t: dict) -> str:
    """The upload screen's report: the notice added, how many tasks were recognised (with a link to its task
    table) and a warning when text that looks like a task table gave none."""
    msg = f"✅ {t['uploaded']}: {escape(info['title'] or info['file'])}（{escape(str(info['doc_id']))}）"
    msg += f"\n\n{t['recognised'].format(n=info['tasks'])}"
    if info.get("tasks_url"):
        msg += f"：[{t['see_table']}]({info['tasks_url']})"
    if info.get("warning"):
        msg += f"\n\n⚠️ {escape(info['warning'])}"
    return msg


def build_ui(state: WebState) -> gr.Blocks:
    def doc_choices(lang: str):
        try:
            corpus = state.assistant(wait=0).corpus
        except NotReady:
            return [(UI[lang]["all"], "")]
        return [(UI[lang]["all"], "")] + [
            (f"{p.notice.region or ''} {p.notice.title}".strip(), p.notice.doc_id) for p in corpus.notices
        ]

    def respond(question, doc, conv, lang_choice):
        """Streams the answer into a new bubble; the conversation so far goes to the answering code, so a follow-up
        ("那第18项呢？") is answered in context. Outputs: chat, status, last answer, question box, stored conversation."""
        lang = _lang(lang_choice)
        t = UI[lang]
        conv = _stored(conv)
        chat = conv["chat"]
        if not (question or "").strip():
            yield chat, t["empty"], gr.skip(), question, gr.skip()
            return
        try:
            history = turns_from(conv["turns"][-MAX_TURNS:])
        except BadHistory:  # a conversation stored by another version: start afresh rather than fail
            history, conv = (), {"chat": [], "turns": []}
            chat = conv["chat"]
        chat = [*chat, {"role": "user", "content": escape(question)}, {"role": "assistant", "content": "…"}]
        try:
            assistant = state.assistant(wait=0)
        except NotReady:
            chat[-1]["content"] = t["indexing"]
            yield chat, t["indexing"], None, "", gr.skip()
            try:
                assistant = state.assistant(wait=None)
            except NotReady as exc:
                chat[-1]["content"] = escape(str(exc))
                yield chat, escape(str(exc)), None, "", gr.skip()
                return
        text = ""
        try:
            for piece in assistant.stream(question, doc or None, history):
                if isinstance(piece, str):
                    text += piece
                    chat[-1]["content"] = escape(text)
                    yield chat, "", gr.skip(), "", gr.skip()
                    continue
                texts = {
                    c.doc_id: assistant.corpus.get(c.doc_id).notice.text for c in [*piece.citations, *piece.nearest]
                }
                chat[-1]["content"] = bubble_html(piece, texts, lang)
                said = piece.to_json()
                turns = [
                    *conv["turns"],
                    {"role": "user", "content": question},
                    {"role": "assistant", "content": piece.text, "understood": said["understood"]},
                ]
                last = {"question": question, "answer": piece.text, "citations": said["citations"]}
                yield chat, "", last, "", {"chat": chat, "turns": turns[-2 * MAX_TURNS :]}
        except (BadQuestion, UnknownNotice) as exc:
            yield chat[:-2], "⚠️ " + escape(str(exc)), gr.skip(), question, gr.skip()

    def new_conversation():
        """Clears the chat, its sources and the stored conversation: the next question starts afresh."""
        return [], "", None, "", {"chat": [], "turns": []}

    def feedback(last, rating, lang_choice):
        t = UI[_lang(lang_choice)]
        if not last:
            return t["no_answer"]
        state.save_feedback({**last, "rating": rating})
        return t["thanks"]

    def table(doc, lead, deadline, lang_choice):
        t = UI[_lang(lang_choice)]
        try:
            corpus = state.assistant(wait=0).corpus
        except NotReady:
            return pd.DataFrame(columns=t["cols"]), t["indexing"]
        if not doc:
            return pd.DataFrame(columns=t["cols"]), ""
        p = corpus.get(doc)
        rows = [
            [
                x.number,
                x.label,
                x.content,
                "、".join(x.lead),
                "、".join(x.responsible),
                x.deadline or "",
                f"{x.start_line}-{x.end_line}",
            ]
            for x in p.tasks
            if (not lead or any(lead in u for u in x.lead + x.responsible))
            and (not deadline or deadline in (x.deadline or ""))
        ]
        return pd.DataFrame(rows, columns=t["cols"]), notice_html(p.notice.text)

    def upload(path, lang_choice, progress=gr.Progress()):
        t = UI[_lang(lang_choice)]
        if not path:
            return "⚠️ " + t["file"], gr.update()
        try:
            size = os.path.getsize(path)
            if size > state.settings.max_upload_bytes:
                raise UploadRejected(
                    f"文件过大 / file too large: {size} > {state.settings.max_upload_bytes} bytes", 413
                )
            with open(path, "rb") as fh:
                data = fh.read()
            info = state.add_notice(
                os.path.basename(path), data, on_progress=lambda d, n, doc_id: progress(d / max(n, 1), desc=doc_id)
            )
        except (UploadRejected, AssistantError) as exc:
            return "⚠️ " + escape(str(exc)), gr.update()
        except Exception as exc:  # an unexpected failure: report it, keep serving the old index
            return "⚠️ " + escape(f"{type(exc).__name__}: {exc}"), gr.update()
        msg = upload_message(info, t)
        choices = doc_choices(_lang(lang_choice))
        return msg, gr.update(choices=choices)

    def switch(lang_choice):
        lang = _lang(lang_choice)
        t = UI[lang]
        choices = doc_choices(lang)
        return (
            t["title"],
            gr.update(label=t["question"], placeholder=t["placeholder"]),
            gr.update(value=t["send"]),
            gr.update(value=t["new"]),
            gr.update(label=t["filter"], choices=choices),
            gr.update(value=t["up"]),
            gr.update(value=t["down"]),
            gr.update(label=t["pick"], choices=choices[1:]),
            gr.update(label=t["lead"]),
            gr.update(label=t["deadline"]),
            gr.update(label=t["file"]),
            gr.update(value=t["do_upload"]),
            gr.update(label=t["chat"]),
            gr.update(label=t["notices"]),
            gr.update(label=t["upload"]),
        )

    z = UI["zh"]
    with gr.Blocks(title="通知问答助手 Notice Assistant", analytics_enabled=False) as demo:
        with gr.Row():
            title = gr.Markdown(z["title"])
            lang = gr.Radio(
                ["中文", "English"], value="中文", label="界面 / UI", elem_id="ui-lang", scale=0, min_width=200
            )
        with gr.Tabs():
            with gr.Tab(z["chat"], id="chat") as tab_chat:
                doc = gr.Dropdown([(z["all"], "")], value="", label=z["filter"], elem_id="doc-filter")
                chat = gr.Chatbot(elem_id="chat", height=380, line_breaks=True, sanitize_html=True)
                status = gr.Markdown("", elem_id="status")
                with gr.Row():
                    box = gr.Textbox(
                        label=z["question"],
                        placeholder=z["placeholder"],
                        elem_id="question",
                        scale=5,
                        max_length=state.settings.max_question_chars,
                    )
                    send = gr.Button(z["send"], variant="primary", elem_id="send", scale=1)
                with gr.Row():
                    new = gr.Button(z["new"], elem_id="new-chat", size="sm")
                    up = gr.Button(z["up"], elem_id="thumbs-up", size="sm")
                    down = gr.Button(z["down"], elem_id="thumbs-down", size="sm")
                    fb = gr.Markdown("", elem_id="feedback-status")
                gr.Examples(EXAMPLES, inputs=box, label=z["examples"])
                last = gr.State(None)
                # the conversation survives a reload: kept (encrypted) in the browser's localStorage
                conv = gr.BrowserState(EMPTY, storage_key=STORAGE_KEY)
            with gr.Tab(z["notices"], id="notices") as tab_notices:
                pick = gr.Dropdown([], label=z["pick"], elem_id="notice-pick")
                with gr.Row():
                    lead = gr.Textbox(label=z["lead"], elem_id="filter-lead")
                    deadline = gr.Textbox(label=z["deadline"], elem_id="filter-deadline")
                grid = gr.Dataframe(
                    headers=z["cols"],
                    interactive=False,
                    wrap=True,
                    elem_id="task-table",
                    max_height=420,
                    column_widths=["6%", "8%", "42%", "14%", "16%", "9%", "5%"],
                )
                text = gr.HTML("", elem_id="notice-text")
            with gr.Tab(z["upload"], id="upload") as tab_upload:
                file = gr.File(
                    label=z["file"], file_types=list(SUPPORTED_SUFFIXES), type="filepath", elem_id="upload-file"
                )
                do_upload = gr.Button(z["do_upload"], elem_id="upload-button")
                upload_status = gr.Markdown("", elem_id="upload-status")

        outs = [chat, status, last, box, conv]
        send.click(respond, [box, doc, conv, lang], outs)
        box.submit(respond, [box, doc, conv, lang], outs)
        new.click(new_conversation, None, outs)
        chat.clear(new_conversation, None, outs)  # the chat's own 🗑 button forgets the conversation too
        up.click(lambda l, g: feedback(l, 1, g), [last, lang], fb)
        down.click(lambda l, g: feedback(l, -1, g), [last, lang], fb)
        for comp in (pick, lead, deadline):
            comp.change(table, [pick, lead, deadline, lang], [grid, text])
        do_upload.click(upload, [file, lang], [upload_status, doc])
        lang.change(
            switch,
            lang,
            [
                title,
                box,
                send,
                new,
                doc,
                up,
                down,
                pick,
                lead,
                deadline,
                file,
                do_upload,
                tab_chat,
                tab_notices,
                tab_upload,
            ],
        )

        def on_load(lang_choice, stored):
            l = _lang(lang_choice)
            choices = doc_choices(l)
            if len(choices) == 1:  # still indexing: wait so the notice list is complete
                try:
                    state.assistant(wait=None)
                except NotReady:
                    pass
                choices = doc_choices(l)
            return gr.update(choices=choices), gr.update(choices=choices[1:]), _stored(stored)["chat"]

        demo.load(on_load, [lang, conv], [doc, pick, chat])
    return demo
