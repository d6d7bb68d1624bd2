"""Notice metadata read from the text, blocks kept for search, and lookup by any name a user gives."""

from __future__ import annotations

import pytest

from assistant.errors import UnknownNotice
from index.corpus import load_corpus

META = [
    (
        "zhashui-2024",
        "柞政办函〔2024〕54号",
        "柞水县人民政府办公室",
        "2024-04-16",
        "柞水县",
        "柞水县人民政府办公室关于印发进一步推进法治政府建设若干措施任务清单的通知",
    ),
    ("weinan-2024", None, "渭南市司法局", "2024-04-20", "渭南市", "渭南市2024年法治政府建设工作要点"),
    (
        "changjiang-2024",
        "昌府办字〔2024〕45号",
        "景德镇市昌江区人民政府办公室",
        "2024-10-22",
        "昌江区",
        "昌江区人民政府办公室关于印发昌江区进一步推进法治政府建设任务清单的通知",
    ),
    (
        "yiyang-2024",
        "宜政办〔2024〕22号",
        "宜阳县人民政府办公室",
        "2024-12-16",
        "宜阳县",
        "宜阳县提升法治政府建设工作水平若干举措",
    ),
    (
        "lingchuan-2022",
        "陵政发〔2022〕15号",
        "陵川县人民政府",
        "2022-11-28",
        "陵川县",
        "陵川县人民政府关于印发陵川县创建法治政府建设示范县实施方案的通知",
    ),
]


@pytest.mark.parametrize("doc_id,number,issuer,date,region,title", META, ids=[m[0] for m in META])
def test_metadata_is_read_from_the_text(corpus, doc_id, number, issuer, date, region, title):
    n = corpus.get(doc_id).notice
    assert (n.doc_number, n.issuer, n.date, n.region, n.title) == (number, issuer, date, region, title)


def test_doc_id_falls_back_to_the_file_name_when_the_text_names_no_region(tmp_path):
    f = tmp_path / "misc-2023-list.txt"
    f.write_text("工作安排\n\n一些文字。\n", encoding="utf-8")
    corpus = load_corpus([f])
    assert corpus.doc_ids == ["misc-2023"]


def test_two_notices_of_one_region_and_year_get_distinct_ids(tmp_path, bundled):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text((bundled / "yiyang-2024-measures.txt").read_text("utf-8"), encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert corpus.doc_ids == ["yiyang-2024", "yiyang-2024-2"]
    assert {t.doc_id for t in corpus.tasks("yiyang-2024-2")} == {"yiyang-2024-2"}


def test_a_bad_file_is_reported_and_the_rest_load(tmp_path, bundled):
    (tmp_path / "good.txt").write_text((bundled / "zhashui-2024-task-list.txt").read_text("utf-8"), encoding="utf-8")
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    corpus = load_corpus([tmp_path])
    assert corpus.doc_ids == ["zhashui-2024"]
    assert len(corpus.errors) == 1 and "bad.docx" in str(corpus.errors[0])


@pytest.mark.parametrize(
    "selector,doc_id",
    [
        ("zhashui-2024", "zhashui-2024"),
        ("柞水", "zhashui-2024"),
        ("柞水县", "zhashui-2024"),
        ("Zhashui", "zhashui-2024"),
        ("柞政办函〔2024〕54号", "zhashui-2024"),
        ("jingdezhen", "changjiang-2024"),
        ("景德镇", "changjiang-2024"),
        ("changjiang", "changjiang-2024"),
        ("宜政办〔2024〕22号", "yiyang-2024"),
        ("lingchuan", "lingchuan-2022"),
        ("渭南", "weinan-2024"),
        ("weinan", "weinan-2024"),
    ],
)
def test_a_notice_is_found_by_id_region_pinyin_or_doc_number(corpus, selector, doc_id):
    assert corpus.resolve(selector).notice.doc_id == doc_id


def test_an_unknown_selector_names_the_known_notices(corpus):
    with pytest.raises(UnknownNotice, match="zhashui-2024"):
        corpus.resolve("beijing")


def test_lingchuan_leading_group_and_phases_are_searchable_blocks(corpus):
    blocks = {b.name: b for b in corpus.get("lingchuan-2022").blocks}
    phases = blocks["五、实施步骤"]
    for phase in (
        "动员部署（2022年11月）",
        "实施推进（2022年12月-2023年1月）",
        "县级初审（2023年2月）",
        "总结提升（2023年3月）",
        "迎接验收（2023年4月—8月）",
    ):
        assert phase in phases.text
    group = next(b for name, b in blocks.items() if "领导小组成员名单" in name)
    assert "组 长：王 丽 县委副书记、县长" in group.text and "办公室主任由副县长、县公安局局长贾毅兵兼任" in group.text
    notice = corpus.get("lingchuan-2022").notice
    for b in blocks.values():
        assert b.text == notice.line_span_text(b.start_line, b.end_line)


def test_a_party_bodys_region_is_the_one_after_zhonggong():
    from index.notices import leading_regions

    assert leading_regions("中共镇坪县委农村工作领导小组办公室") == ["镇坪县"]
    assert leading_regions("中共安康市汉滨区委办公室") == ["安康市", "汉滨区"]
