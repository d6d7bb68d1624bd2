"""What the JSON API returns, as OpenAPI models: documentation only. The routes return the service's own dicts
(Answer.to_json, Task.to_json), so these mirror assistant/records.py and index/records.py field by field;
tests/web/test_errors.py checks a real answer against them."""

from __future__ import annotations

from pydantic import BaseModel, Field


class CitationOut(BaseModel):
    doc_id: str
    title: str
    doc_number: str | None
    source: str = Field(description="the notice's file name")
    label: str = Field(description="the item as printed: 17. / （十七） / 存在问题6")
    start_line: int
    end_line: int
    quote: str = Field(description="an exact substring of the notice, on lines start_line..end_line")


class TaskOut(BaseModel):
    doc_id: str
    number: int
    label: str
    kind: str = Field(description="task | bonus | veto")
    section: list[str]
    content: str
    lead: list[str]
    responsible: list[str]
    deadline: str | None
    dates: list[str]
    materials: str | None
    start_line: int
    end_line: int
    source_text: str
    leader: str | None = Field(default=None, description="only where the table has the column")
    remarks: str | None = Field(default=None, description="only where the table has the column")


class ItemRefOut(BaseModel):
    doc_id: str
    kind: str
    number: int
    label: str


class UnderstoodOut(BaseModel):
    text: str = Field(description="the question as resolved from the conversation")
    label: str = Field(description="the one-line summary the chat shows: 柞水县 · 第18项 · 完成时限")
    kind: str
    doc_ids: list[str]
    numbers: list[int]
    fields: list[str]
    meta: str | None
    units: list[str]
    due: str | None
    mentions: list[str]
    negated: list[str]
    carried: list[str] = Field(description="what came from the conversation: notice | item | field | filter | question")
    items: list[ItemRefOut] = Field(description="the rows the answer named; a later 第二个呢 picks from them")


class AskResponse(BaseModel):
    answer: str
    citations: list[CitationOut] = Field(description="the passages the answer rests on; [n] in the text is item n")
    nearest: list[CitationOut] = Field(description="a refusal's closest passages: never sources of the answer")
    tasks: list[TaskOut]
    lang: str = Field(description="zh | en")
    found: bool = Field(description="false: the notices do not say; the answer says so")
    mode: str = Field(description="how it was made: extractive, or the LLM mode used")
    kind: str
    notes: list[str]
    understood: UnderstoodOut | None


class FeedbackSaved(BaseModel):
    saved: bool


class NoticeOut(BaseModel):
    doc_id: str
    title: str
    doc_number: str | None
    issuer: str | None
    date: str | None
    region: str | None
    source: str
    tasks: int
