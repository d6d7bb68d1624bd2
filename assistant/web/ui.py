"""The Gradio chat: questions with streamed, cited answers; notices and their task tables; uploads; feedback.

UI text is Chinese by default with an English switch. Answer text and sources are escaped before display."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from typing import Any, TypedDict

import gradio as gr
import pandas as pd
from gradio.components.chatbot import ExampleMessage

from assistant.conversation import MAX_TURNS, BadHistory, turns_from
from assistant.errors import AssistantError, BadQuestion, UnknownNotice
from assistant.web.render import bubble_html, notice_html
from assistant.web.state import ADMIN_NEEDED, NotReady, UploadRejected, WebState, chat_may_manage, uploads_closed
from assistant.web.task_table import CSS as TABLE_CSS
from assistant.web.task_table import JS as TABLE_JS
from assistant.web.task_table import task_table_html
from index.loaders import SUPPORTED_SUFFIXES


class UIText(TypedDict):
    """The interface's words in one language: one entry per label, button and message."""

    title: str
    chat: str
    notices: str
    upload: str
    question: str
    placeholder: str
    send: str
    new: str
    filter: str
    all: str
    ui: str
    chatbot: str
    comment: str
    comment_placeholder: str
    comment_send: str
    comment_saved: str
    replace: str
    upload_pick: str
    remove: str
    empty: str
    thanks: str
    liked: str
    disliked: str
    no_answer: str
    indexing: str
    pick: str
    lead: str
    deadline: str
    file: str
    do_upload: str
    uploaded: str
    recognised: str
    see_table: str
    cols: list[str]
    show_lines: str
    upload_cols: list[str]


UI: dict[str, UIText] = {
    "zh": {
        "title": "# 通知问答助手\n就已载入的政府通知提问（中文或英文），答案附带原文出处。",
        "chat": "问答",
        "notices": "通知与任务表",
        "upload": "上传通知",
        "question": "问题",
        "placeholder": "例如：柞水县第17项任务由谁牵头？",
        "send": "提问",
        "new": "新对话",
        "filter": "通知范围",
        "all": "全部通知",
        "ui": "界面语言",
        "chatbot": "对话",
        "comment": "补充说明（可选）",
        "comment_placeholder": "哪里不对？缺了什么？",
        "comment_send": "发送说明",
        "comment_saved": "说明已保存，谢谢！",
        "replace": "替换同文号的通知",
        "upload_pick": "上传的通知",
        "remove": "删除",
        "empty": "⚠️ 请输入问题。",
        "thanks": "已记录反馈（{vote}），谢谢！可以在下面补充说明。",
        "liked": "有帮助",
        "disliked": "没帮助",
        "no_answer": "这条消息无法评价（不是已完成的回答）。",
        "indexing": "正在建立索引，请稍候…（首次启动约需 20 秒）",
        "pick": "选择通知",
        "lead": "按牵头/责任单位筛选",
        "deadline": "按完成时限筛选",
        "file": "通知文件（txt/md/html/docx/pdf）",
        "do_upload": "上传并建立索引",
        "uploaded": "已加入",
        "recognised": "识别出 {n} 项任务",
        "see_table": "查看任务表",
        "cols": ["编号", "标签", "内容", "牵头单位", "责任单位", "完成时限", "行"],
        "show_lines": "在通知原文中显示这几行",
        "upload_cols": ["doc_id", "文件", "文号", "上传者", "上传时间（UTC）", "sha256"],
    },
    "en": {
        "title": (
            "# Notice Assistant\n"
            "Ask about the loaded government notices (Chinese or English); every answer cites the notice text."
        ),
        "chat": "Ask",
        "notices": "Notices & task tables",
        "upload": "Upload a notice",
        "question": "Question",
        "placeholder": "e.g. Who leads task 17 in the Zhashui list and by when?",
        "send": "Ask",
        "new": "New conversation",
        "filter": "Notices to search",
        "all": "All notices",
        "ui": "Interface",
        "chatbot": "Conversation",
        "comment": "Comment (optional)",
        "comment_placeholder": "What was wrong or missing?",
        "comment_send": "Send comment",
        "comment_saved": "Comment saved, thank you!",
        "replace": "Replace the loaded notice with the same document number",
        "upload_pick": "Uploaded notice",
        "remove": "Remove",
        "empty": "⚠️ Please enter a question.",
        "thanks": "Feedback saved ({vote}), thank you! You can add a comment below.",
        "liked": "helpful",
        "disliked": "not helpful",
        "no_answer": "This message cannot be rated (not a finished answer).",
        "indexing": "Building the index, please wait… (about 20 s on first start)",
        "pick": "Notice",
        "lead": "Filter by lead/responsible unit",
        "deadline": "Filter by deadline",
        "file": "Notice file (txt/md/html/docx/pdf)",
        "do_upload": "Upload and index",
        "uploaded": "Added",
        "recognised": "{n} tasks recognised",
        "see_table": "see the task table",
        "cols": ["No.", "Label", "Content", "Lead", "Responsible", "Deadline", "Lines"],
        "show_lines": "Show these lines in the notice text",
        "upload_cols": ["doc_id", "File", "Document no.", "Uploaded by", "Time (UTC)", "sha256"],
    },
}
# example questions, shown as chips in the empty chat in the UI's language
EXAMPLES = {
    "zh": ["柞水县第17项任务由谁牵头？", "宜阳县存在问题6的完成时限是什么？", "陵川县领导小组办公室设在哪里？"],
    "en": [
        "Who leads task 17 in the Zhashui list and by when?",
        "How many problems does the Yiyang notice list?",
        "training hours for law-enforcement staff in each notice",
    ],
}
# sets the page's lang attribute from the language switch (the UI's language, for screen readers and translation)
SET_LANG_JS = "(choice) => { document.documentElement.lang = choice === 'English' ? 'en' : 'zh-CN'; }"


def chat_examples(lang: str) -> list[ExampleMessage]:
    return [{"text": q} for q in EXAMPLES[lang]]


def theme() -> gr.themes.Base:
    """System fonts only: the default theme would fetch Google Fonts, and the intranet has no internet."""
    return gr.themes.Default(
        font=["system-ui", "PingFang SC", "Microsoft YaHei", "sans-serif"], font_mono=["ui-monospace", "monospace"]
    )


STORAGE_KEY = "notice-assistant-conversation"  # the browser's localStorage entry holding the conversation
Message = dict[str, str]  # one chat bubble: role and (escaped) content
Update = dict[str, Any]  # gr.update(...) or gr.skip(): new properties for a component, or leave it as it is


class Conversation(TypedDict):
    chat: list[Message]  # the bubbles as shown
    turns: list[dict[str, Any]]  # what was said, for the answering code
    # per answer bubble (its index in chat, as text): what feedback on it records — id, question, answer, citations
    answers: dict[str, dict[str, Any]]


EMPTY: Conversation = {"chat": [], "turns": [], "answers": {}}
# One chat step's outputs: chat, status, question box, stored conversation
ChatStep = tuple[list[Message], str, str | None, Conversation | Update]
# Gradio sees a Progress default and passes a fresh tracker on each call: this one only marks the parameter
PROGRESS = gr.Progress()
MAX_COMMENT_CHARS = 2000  # as /api/feedback takes
log = logging.getLogger(__name__)


def _lang(choice: str) -> str:
    return "en" if choice == "English" else "zh"


def _stored(conv: object) -> Conversation:
    """The conversation kept in the browser, or an empty one when it is missing or not ours (an old format)."""
    if not isinstance(conv, dict) or not isinstance(conv.get("chat"), list) or not isinstance(conv.get("turns"), list):
        return {"chat": [], "turns": [], "answers": {}}
    answers = conv.get("answers")
    return {
        "chat": list(conv["chat"]),
        "turns": list(conv["turns"]),
        "answers": dict(answers) if isinstance(answers, dict) else {},
    }


def upload_message(info: dict[str, Any], t: UIText) -> str:
    """The upload screen's report: the notice added, how many tasks were recognised (with a link to its task
    table) and a warning when text that looks like a task table gave none."""
    msg = f"✅ {t['uploaded']}: {escape(info['title'] or info['file'])}（{escape(str(info['doc_id']))}）"
    msg += f"\n\n{t['recognised'].format(n=info['tasks'])}"
    if info.get("tasks_url"):
        msg += f"：[{t['see_table']}]({info['tasks_url']})"
    if info.get("warning"):
        msg += f"\n\n⚠️ {escape(info['warning'])}"
    return msg


class Events:
    """The page's event handlers over one WebState; each returns (or yields) the values of its outputs in order."""

    def __init__(self, state: WebState) -> None:
        self.state = state

    def doc_choices(self, lang: str) -> list[tuple[str, str]]:
        """(name, doc_id) of every notice, after an "all notices" entry; only that entry while indexing."""
        try:
            corpus = self.state.assistant(wait=0).corpus
        except NotReady:
            return [(UI[lang]["all"], "")]
        return [(UI[lang]["all"], "")] + [
            (f"{p.notice.region or ''} {p.notice.title}".strip(), p.notice.doc_id) for p in corpus.notices
        ]

    def respond(
        self, question: str | None, doc: str | None, conv: object = None, lang_choice: str = "中文"
    ) -> Iterator[ChatStep]:
        """Streams the answer into a new bubble; the conversation so far goes to the answering code, so a follow-up
        ("那第18项呢？") is answered in context. Yields the ChatStep outputs. `conv` defaults to None (a new
        conversation), so a gradio_client call to /ask needs only the question."""
        lang = _lang(lang_choice)
        t = UI[lang]
        stored = _stored(conv)
        chat = stored["chat"]
        if question is None or not question.strip():
            yield chat, t["empty"], question, gr.skip()
            return
        try:
            history = turns_from(stored["turns"][-MAX_TURNS:])
        except BadHistory:  # a conversation stored by another version: start afresh rather than fail
            history, stored = (), {"chat": [], "turns": [], "answers": {}}
            chat = stored["chat"]
        chat = [*chat, {"role": "user", "content": escape(question)}, {"role": "assistant", "content": "…"}]
        try:
            assistant = self.state.assistant(wait=0)
        except NotReady:
            chat[-1]["content"] = t["indexing"]
            yield chat, t["indexing"], "", gr.skip()
            try:
                assistant = self.state.assistant(wait=None)
            except NotReady as exc:
                chat[-1]["content"] = escape(str(exc))
                yield chat, escape(str(exc)), "", gr.skip()
                return
        text = ""
        try:
            for piece in assistant.stream(question, doc or None, history):
                if isinstance(piece, str):
                    text += piece
                    chat[-1]["content"] = escape(text)
                    yield chat, "", "", gr.skip()
                    continue
                docs = {c.doc_id: assistant.corpus.get(c.doc_id) for c in [*piece.citations, *piece.nearest]}
                chat[-1]["content"] = bubble_html(piece, docs, lang)
                said = piece.to_json()
                turns = [
                    *stored["turns"],
                    {"role": "user", "content": question},
                    {"role": "assistant", "content": piece.text, "understood": said["understood"]},
                ]
                answer = {
                    "id": uuid.uuid4().hex,
                    "question": question,
                    "answer": piece.text,
                    "citations": said["citations"],
                }
                answers = {**stored["answers"], str(len(chat) - 1): answer}
                yield chat, "", "", {"chat": chat, "turns": turns[-2 * MAX_TURNS :], "answers": answers}
        except (BadQuestion, UnknownNotice) as exc:
            yield chat[:-2], "⚠️ " + escape(str(exc)), question, gr.skip()

    def new_conversation(self) -> ChatStep:
        """Clears the chat, its sources and the stored conversation: the next question starts afresh."""
        return [], "", "", {"chat": [], "turns": [], "answers": {}}

    def undo(self, conv: object) -> ChatStep:
        """The chat's undo (and the first half of retry): drops the last question and its answer from the chat and
        the conversation, and puts the question back in the box."""
        stored = _stored(conv)
        chat, turns = stored["chat"], stored["turns"]
        if len(chat) < 2:
            return chat, "", gr.skip(), gr.skip()
        question = turns[-2]["content"] if len(turns) >= 2 else ""
        answers = {k: v for k, v in stored["answers"].items() if int(k) < len(chat) - 2}
        return chat[:-2], "", question, {"chat": chat[:-2], "turns": turns[:-2], "answers": answers}

    def feedback(self, conv: object, lang_choice: str, like: gr.LikeData) -> tuple[str, Update, dict[str, Any] | None]:
        """A 👍/👎 on one answer: one record per answer in DATA_DIR/feedback.jsonl, the last vote kept (clicking the
        chosen thumb again takes the vote back). Outputs the status, the comment box and the record a comment joins."""
        t = UI[_lang(lang_choice)]
        index = like.index if isinstance(like.index, int) else like.index[0]
        answer = _stored(conv)["answers"].get(str(index))
        if not answer:
            return t["no_answer"], gr.update(visible=False), None
        if like.liked not in (True, False):  # the vote taken back
            self.state.save_feedback(answer, remove=True)
            return "", gr.update(visible=False, value=""), None
        record = {**answer, "rating": 1 if like.liked else -1}
        self.state.save_feedback(record)
        vote = t["liked"] if like.liked else t["disliked"]
        return t["thanks"].format(vote=vote), gr.update(visible=True), record  # a comment being typed stays

    def comment(self, text: str | None, record: dict[str, Any] | None, lang_choice: str) -> tuple[str, Update]:
        """The optional comment on the answer last rated: saved into that answer's record."""
        t = UI[_lang(lang_choice)]
        if not record or not (text or "").strip():
            return gr.skip(), gr.skip()
        self.state.save_feedback({**record, "comment": (text or "").strip()[:MAX_COMMENT_CHARS]})
        return t["comment_saved"], gr.update(value="")

    def table(self, doc: str | None, lead: str | None, deadline: str | None, lang_choice: str) -> tuple[str, str]:
        """A notice's task table (filtered by lead/responsible unit and deadline) and its numbered text."""
        t = UI[_lang(lang_choice)]
        try:
            corpus = self.state.assistant(wait=0).corpus
        except NotReady:
            return "", t["indexing"]
        if not doc:
            return "", ""
        p = corpus.get(doc)
        rows = [
            x
            for x in p.tasks
            if (not lead or any(lead in u for u in x.lead + x.responsible))
            and (not deadline or deadline in (x.deadline or ""))
        ]
        return task_table_html(rows, t["cols"], t["show_lines"]), notice_html(p.notice.text)

    def notice_picker(self, doc: str | None, lang_choice: str) -> Update:
        """The notice picker's choices after an upload or removal; the notice shown stays if it is still there."""
        choices = self.doc_choices(_lang(lang_choice))[1:]
        return gr.update(choices=choices, value=doc if doc in {d for _, d in choices} else None)

    def upload(
        self,
        path: str | None,
        replace: bool,
        lang_choice: str,
        request: gr.Request,
        progress: gr.Progress = PROGRESS,
    ) -> tuple[str, Update, Update, Update]:
        """Adds an uploaded file to the index (in Gradio's worker thread; the progress names the file); outputs the
        report, the notice filter's new choices and the uploads list."""
        t = UI[_lang(lang_choice)]
        if not path:
            return "⚠️ " + t["file"], gr.update(), gr.update(), gr.update()
        if not self.state.uploads_open():
            return "⚠️ " + escape(uploads_closed(self.state.settings.uploads)), gr.update(), gr.update(), gr.update()
        settings = self.state.settings
        if not chat_may_manage(settings, request.username):
            return "⚠️ " + escape(ADMIN_NEEDED), gr.update(), gr.update(), gr.update()
        name = os.path.basename(path)
        who = f"chat {request.username or ''}@{request.client.host if request.client else 'unknown'}"
        try:
            size = os.path.getsize(path)
            if size > settings.max_upload_bytes:
                raise UploadRejected(f"文件过大 / file too large: {size} > {settings.max_upload_bytes} bytes", 413)
            with open(path, "rb") as fh:
                data = fh.read()
            info = self.state.add_notice(
                name,
                data,
                on_progress=lambda d, n, file: progress(d / max(n, 1), desc=f"{file}: {d}/{n}"),
                who=who,
                replace=bool(replace),
            )
        except (UploadRejected, AssistantError) as exc:
            return "⚠️ " + escape(str(exc)), gr.update(), gr.update(), gr.update()
        except Exception:  # an unexpected failure: logged, reported plainly, the old index keeps serving
            log.exception("upload of %s failed", name)
            return "⚠️ " + escape(f"{name}: 未能加入，旧索引照常服务 / not added; the index is unchanged"), *(
                gr.update(),
            ) * 3
        choices = self.doc_choices(_lang(lang_choice))
        return upload_message(info, t), gr.update(choices=choices), *self.uploads_list(lang_choice, request)

    def uploads_list(self, lang_choice: str = "中文", request: gr.Request | None = None) -> tuple[Update, Update]:
        """The uploads table, its headers in the UI's language, and the doc_ids the delete picker offers (to an
        admin: the records name who uploaded)."""
        admin = self.state.may_manage() and chat_may_manage(self.state.settings, user_of(request))
        records = self.state.upload_records() if admin else []
        rows = [[r.doc_id, r.file, r.doc_number or "", r.who, r.time, r.sha256[:12]] for r in records]
        table = pd.DataFrame(rows, columns=UI[_lang(lang_choice)]["upload_cols"])
        return gr.update(value=table), gr.update(choices=[r.doc_id for r in records], value=None)

    def remove(
        self, doc_id: str | None, lang_choice: str, request: gr.Request | None = None
    ) -> tuple[str, Update, Update, Update]:
        """Removes an upload from the index; outputs the report, the notice filter's choices and the uploads list."""
        listed = self.uploads_list(lang_choice, request)
        if not doc_id:
            return "", gr.update(), *listed
        if not self.state.may_manage():
            return "⚠️ " + escape(uploads_closed(self.state.settings.uploads)), gr.update(), *listed
        if not chat_may_manage(self.state.settings, user_of(request)):
            return "⚠️ " + escape(ADMIN_NEEDED), gr.update(), *listed
        try:
            self.state.remove_upload(doc_id)
        except (UploadRejected, AssistantError) as exc:
            return "⚠️ " + escape(str(exc)), gr.update(), *self.uploads_list(lang_choice, request)
        message = f"🗑 已删除 / removed: {escape(doc_id)}"
        listed = self.uploads_list(lang_choice, request)
        return message, gr.update(choices=self.doc_choices(_lang(lang_choice))), *listed

    def switch(self, lang_choice: str) -> tuple[str | Update, ...]:
        """Every label in the chosen language, in the order of `language_outputs`."""
        lang = _lang(lang_choice)
        t = UI[lang]
        choices = self.doc_choices(lang)
        return (
            t["title"],
            gr.update(label=t["question"], placeholder=t["placeholder"]),
            gr.update(value=t["send"]),
            gr.update(value=t["new"]),
            gr.update(label=t["filter"], choices=choices),
            gr.update(label=t["chatbot"], examples=chat_examples(lang)),
            gr.update(label=t["comment"], placeholder=t["comment_placeholder"], submit_btn=t["comment_send"]),
            gr.update(label=t["ui"]),
            gr.update(label=t["pick"], choices=choices[1:]),
            gr.update(label=t["lead"]),
            gr.update(label=t["deadline"]),
            gr.update(label=t["file"]),
            gr.update(value=t["do_upload"]),
            gr.update(label=t["replace"]),
            gr.update(label=t["upload_pick"]),
            gr.update(value=t["remove"]),
            gr.update(label=t["chat"]),
            gr.update(label=t["notices"]),
            gr.update(label=t["upload"]),
        )

    def on_load(self, lang_choice: str, stored: object) -> tuple[Update, Update, list[Message]]:
        """A page (re)load: the notice lists, complete once indexing is done, and the conversation kept in the
        browser."""
        lang = _lang(lang_choice)
        choices = self.doc_choices(lang)
        if len(choices) == 1:  # still indexing: wait so the notice list is complete
            try:
                self.state.assistant(wait=None)
            except NotReady:
                pass
            choices = self.doc_choices(lang)
        return gr.update(choices=choices), gr.update(choices=choices[1:]), _stored(stored)["chat"]


@dataclass
class ChatTab:
    tab: gr.Tab
    doc: gr.Dropdown
    chat: gr.Chatbot
    status: gr.Markdown
    box: gr.Textbox
    send: gr.Button
    new: gr.Button
    fb: gr.Markdown
    comment: gr.Textbox
    rated: gr.State
    conv: gr.BrowserState


@dataclass
class NoticesTab:
    tab: gr.Tab
    pick: gr.Dropdown
    lead: gr.Textbox
    deadline: gr.Textbox
    grid: gr.HTML
    text: gr.HTML


@dataclass
class UploadTab:
    tab: gr.Tab
    file: gr.File
    button: gr.Button
    status: gr.Markdown
    replace: gr.Checkbox
    records: gr.Dataframe
    pick: gr.Dropdown
    remove: gr.Button


def user_of(request: gr.Request | None) -> str | None:
    """The chat's logged-in user name (None without a login, or called without Gradio's request)."""
    return request.username if request is not None else None


def chat_tab(z: UIText, max_question_chars: int) -> ChatTab:
    """The question tab: notice filter, chat, question box, buttons and examples."""
    with gr.Tab(z["chat"], id="chat") as tab:
        doc = gr.Dropdown([(z["all"], "")], value="", label=z["filter"], elem_id="doc-filter")
        # Gradio's own chat conventions: example chips in the empty chat, 👍/👎 (wired to .like), copy, retry and undo
        # on each answer; no share button (it posts to Hugging Face, which an intranet does not reach)
        chat = gr.Chatbot(
            label=z["chatbot"],
            elem_id="chat",
            height=380,
            line_breaks=True,
            sanitize_html=True,
            examples=chat_examples("zh"),
            buttons=["copy", "copy_all"],
        )
        status = gr.Markdown("", elem_id="status")
        with gr.Row():
            box = gr.Textbox(
                label=z["question"],
                placeholder=z["placeholder"],
                elem_id="question",
                scale=5,
                max_length=max_question_chars,
            )
            send = gr.Button(z["send"], variant="primary", elem_id="send", scale=1)
        with gr.Row():
            new = gr.Button(z["new"], elem_id="new-chat", size="sm", scale=0)
            fb = gr.Markdown("", elem_id="feedback-status")
        comment = gr.Textbox(
            label=z["comment"],
            placeholder=z["comment_placeholder"],
            submit_btn=z["comment_send"],
            max_length=MAX_COMMENT_CHARS,
            elem_id="feedback-comment",
            visible=False,
        )
        rated = gr.State(None)  # the feedback record of the answer last rated, which a comment joins
        # the conversation survives a reload: kept (encrypted) in the browser's localStorage
        conv = gr.BrowserState(EMPTY, storage_key=STORAGE_KEY)
    return ChatTab(tab, doc, chat, status, box, send, new, fb, comment, rated, conv)


def notices_tab(z: UIText) -> NoticesTab:
    """The notices tab: pick a notice, filter its task table, read its numbered text."""
    with gr.Tab(z["notices"], id="notices") as tab:
        pick = gr.Dropdown([], label=z["pick"], elem_id="notice-pick")
        with gr.Row():
            lead = gr.Textbox(label=z["lead"], elem_id="filter-lead")
            deadline = gr.Textbox(label=z["deadline"], elem_id="filter-deadline")
        grid = gr.HTML("", elem_id="task-table", css_template=TABLE_CSS, js_on_load=TABLE_JS, max_height=480)
        text = gr.HTML("", elem_id="notice-text")
    return NoticesTab(tab, pick, lead, deadline, grid, text)


def upload_tab(z: UIText) -> UploadTab:
    """The upload tab: a notice file and the button that indexes it."""
    with gr.Tab(z["upload"], id="upload") as tab:
        file = gr.File(label=z["file"], file_types=list(SUPPORTED_SUFFIXES), type="filepath", elem_id="upload-file")
        replace = gr.Checkbox(label=z["replace"], elem_id="upload-replace")
        button = gr.Button(z["do_upload"], elem_id="upload-button")
        status = gr.Markdown("", elem_id="upload-status")
        records = gr.Dataframe(headers=z["upload_cols"], interactive=False, wrap=True, elem_id="uploads-list")
        with gr.Row():
            pick = gr.Dropdown([], label=z["upload_pick"], elem_id="upload-pick", scale=3)
            remove = gr.Button(z["remove"], elem_id="upload-remove", variant="stop", scale=1)
    return UploadTab(tab, file, button, status, replace, records, pick, remove)


def picked_example(example: gr.SelectData) -> str:
    """The question of the example chip clicked."""
    return str(example.value.get("text", "")) if isinstance(example.value, dict) else str(example.value)


# Every event has a stable API name (Gradio otherwise numbers them by wiring order: /respond_1, /table_3, …), so an
# integrator's gradio_client call survives a change to the page. Only "ask" is documented (client.view_api(),
# /gradio_api/info): the question → answer. The page's helpers keep their names but are "undocumented" (hidden from
# the API page, still callable as Gradio's own ChatInterface does with its helpers), since they need the page's
# state (a like, an example chip, the browser-kept conversation) to mean anything.
HIDDEN = "undocumented"


def wire_chat(events: Events, lang: gr.Radio, c: ChatTab) -> None:
    outs = [c.chat, c.status, c.box, c.conv]
    ask = [c.box, c.doc, c.conv, lang]
    c.send.click(events.respond, ask, outs, api_name="ask")
    # the question box's Enter: the same handler, under the name earlier callers used (/gradio_api/call/respond)
    c.box.submit(events.respond, ask, outs, api_name="respond", api_visibility=HIDDEN)
    c.chat.example_select(picked_example, None, c.box, api_name="example_question", api_visibility=HIDDEN).then(
        events.respond, ask, outs, api_name="ask_example", api_visibility=HIDDEN
    )
    c.chat.undo(events.undo, c.conv, outs, api_name="undo", api_visibility=HIDDEN)
    c.chat.retry(events.undo, c.conv, outs, api_name="retry", api_visibility=HIDDEN).then(
        events.respond, ask, outs, api_name="retry_answer", api_visibility=HIDDEN
    )
    c.new.click(events.new_conversation, None, outs, api_name="new_conversation", api_visibility=HIDDEN)
    # the chat's own 🗑 button forgets the conversation too
    c.chat.clear(events.new_conversation, None, outs, api_name="clear_conversation", api_visibility=HIDDEN)
    c.chat.like(events.feedback, [c.conv, lang], [c.fb, c.comment, c.rated], api_name="feedback", api_visibility=HIDDEN)
    c.comment.submit(
        events.comment, [c.comment, c.rated, lang], [c.fb, c.comment], api_name="comment", api_visibility=HIDDEN
    )


def language_outputs(
    title: gr.Markdown, lang: gr.Radio, c: ChatTab, n: NoticesTab, u: UploadTab
) -> list[gr.components.Component | gr.Tab]:
    """What a language switch relabels, in the order `Events.switch` returns their updates."""
    return [
        title,
        c.box,
        c.send,
        c.new,
        c.doc,
        c.chat,
        c.comment,
        lang,
        n.pick,
        n.lead,
        n.deadline,
        u.file,
        u.button,
        u.replace,
        u.pick,
        u.remove,
        c.tab,
        n.tab,
        u.tab,
    ]


def build_ui(state: WebState) -> gr.Blocks:
    """The page: a title and language switch over the chat, notices and upload tabs, with their events wired."""
    events = Events(state)
    z = UI["zh"]
    with gr.Blocks(title="通知问答助手 Notice Assistant", analytics_enabled=False) as demo:
        with gr.Row():
            title = gr.Markdown(z["title"])
            lang = gr.Radio(["中文", "English"], value="中文", label=z["ui"], elem_id="ui-lang", scale=0, min_width=200)
        with gr.Tabs():
            chat = chat_tab(z, state.settings.max_question_chars)
            notices = notices_tab(z)
            upload = upload_tab(z)

        wire_chat(events, lang, chat)
        shown = [notices.pick, notices.lead, notices.deadline, lang]
        table = [notices.grid, notices.text]
        for comp, name in ((notices.pick, "table"), (notices.lead, "table_lead"), (notices.deadline, "table_deadline")):
            comp.change(events.table, shown, table, api_name=name, api_visibility=HIDDEN)
        listed = [upload.records, upload.pick]
        uploaded = upload.button.click(
            events.upload,
            [upload.file, upload.replace, lang],
            [upload.status, chat.doc, *listed],
            api_name="upload",
            api_visibility=HIDDEN,
        )
        removed = upload.remove.click(
            events.remove,
            [upload.pick, lang],
            [upload.status, chat.doc, *listed],
            api_name="remove",
            api_visibility=HIDDEN,
        )
        # after an upload or removal the notice picker and the table shown follow, without a reload
        for done, name in ((uploaded, "upload"), (removed, "remove")):
            done.then(
                events.notice_picker,
                [notices.pick, lang],
                notices.pick,
                api_name=f"{name}_notice_picker",
                api_visibility=HIDDEN,
            ).then(events.table, shown, table, api_name=f"{name}_table", api_visibility=HIDDEN)
        upload.tab.select(events.uploads_list, lang, listed, api_name="uploads_list", api_visibility=HIDDEN)
        # the uploads table's headers in the UI's language
        lang.change(events.uploads_list, lang, listed, api_name="uploads_list_lang", api_visibility=HIDDEN)
        lang.change(
            events.switch,
            lang,
            language_outputs(title, lang, chat, notices, upload),
            api_name="switch",
            api_visibility=HIDDEN,
        )
        # the headers in the UI's language
        lang.change(events.table, shown, table, api_name="table_lang", api_visibility=HIDDEN)
        lang.change(None, lang, None, js=SET_LANG_JS)
        demo.load(
            events.on_load,
            [lang, chat.conv],
            [chat.doc, notices.pick, chat.chat],
            api_name="on_load",
            api_visibility=HIDDEN,
        )
        demo.load(None, lang, None, js=SET_LANG_JS)
    return demo
