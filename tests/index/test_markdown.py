"""Markdown notices load as plain text: a `# title`, a bold 文号 and a `| … |` table read as in any other format."""

from __future__ import annotations

from index.loaders import _html_lines, load_file
from index.markdown import markdown_lines
from index.notices import parse_notice

MD_NOTICE = """\
# 青岚县人民政府办公室关于印发青岚县2025年农村人居环境整治任务清单的通知

**青政办函〔2025〕23号**

各镇人民政府，县政府各部门：

现将《青岚县2025年农村人居环境整治任务清单》印发给你们，请__认真抓好落实__。

## 任务清单

| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |
|:---:|---|---|---|---|
| 1 | 开展村庄清洁行动，**每季度**组织一次集中整治。 | 县农业农村局 | 各镇人民政府 | 持续推进 |
| 2 | 新改建农村户用卫生厕所500户，完成问题厕所整改。 | 县农业农村局 | 县卫健局<br>县财政局 | 2025年10月底前 |
| 3 | 建成镇级污水处理设施2座并投入运行。 | 市生态环境局青岚分局 | 县住建局 | 2025年12月底前 |

联系人：王某某，电话：0914-1234567。

1. 各镇要明确专人负责。
2. 每月5日前报送进展。

青岚县人民政府办公室

2025年3月10日
"""


def test_a_markdown_notice_reads_as_plain_text(tmp_path):
    path = tmp_path / "人居环境.md"
    path.write_text(MD_NOTICE, "utf-8")
    loaded = load_file(path)
    lines = loaded.text.split("\n")

    assert lines[0] == "青岚县人民政府办公室关于印发青岚县2025年农村人居环境整治任务清单的通知"
    assert lines[2] == "青政办函〔2025〕23号"
    assert "请认真抓好落实。" in lines[6]
    assert "任务清单" in lines and "## 任务清单" not in lines
    assert "序号\t工作任务\t牵头单位\t配合单位\t完成时限" in lines
    assert not any("---" in line or "|" in line or "**" in line for line in lines), "no Markdown marks are left"
    assert (
        "2\t新改建农村户用卫生厕所500户，完成问题厕所整改。\t县农业农村局\t县卫健局 县财政局\t2025年10月底前" in lines
    )
    assert "1. 各镇要明确专人负责。" in lines, "an ordered list keeps its numbers"


def test_a_markdown_notice_gives_its_metadata_and_tasks(tmp_path, check_tasks):
    path = tmp_path / "人居环境.md"
    path.write_text(MD_NOTICE, "utf-8")
    parsed = parse_notice(load_file(path))

    assert parsed.notice.doc_number == "青政办函〔2025〕23号"
    assert parsed.notice.title.startswith("青岚县人民政府办公室关于印发")
    check_tasks(
        parsed,
        [
            (1, "开展村庄清洁行动，每季度", ("县农业农村局",), ("各镇人民政府",), "持续推进"),
            (2, "新改建农村户用卫生厕所", ("县农业农村局",), ("县卫健局", "县财政局"), "2025年10月底前"),
            (3, "建成镇级污水处理设施", ("市生态环境局青岚分局",), ("县住建局",), "2025年12月底前"),
        ],
    )


def test_markdown_keeps_each_block_on_its_lines():
    text = "标题\n===\n\n第一段第一行\n第一段第二行\n\n- 无序项\n\n    缩进的原文\n\n<p>一段 <b>HTML</b></p>\n"
    assert markdown_lines(text, _html_lines) == [
        "标题",
        "",
        "第一段第一行",
        "第一段第二行",
        "",
        "无序项",
        "",
        "缩进的原文",
        "",
        "一段 HTML",
        "",
    ]
