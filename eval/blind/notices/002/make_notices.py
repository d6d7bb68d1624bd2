#!/usr/bin/env python3
"""Build blind notice set 002: three invented county/district notices in three formats.

  shiquan-2025-business-env.docx   python-docx, real Word table, vertical + horizontal merges,
                                   repeated-header flag, section with no tasks, two-lead cells
  hanbin-2025-work-safety.html     government website article: metadata table, <table> with <th>,
                                   rowspan, colspan section rows, <br> inside cells
  zhenping-2025-rural-revival.pdf  reportlab + CJK CID font, one table across pages with the header
                                   repeated, wrapped cells, single 责任单位 column where the first
                                   unit is the lead (note above the table)

Also writes truth.json.  Run:  python make_notices.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# Notice A: 石泉县 优化营商环境 (docx)
# ---------------------------------------------------------------------------
A_FILE = "shiquan-2025-business-env.docx"
A_ISSUER = "石泉县人民政府办公室"
A_NO = "石政办发〔2025〕9号"
A_DATE = "2025年3月14日"
A_TITLE = "石泉县人民政府办公室关于印发石泉县2025年优化营商环境重点任务分工方案的通知"
A_PLAN = "石泉县2025年优化营商环境重点任务分工方案"

# Each section: (heading, leader, groups | None, note)
# group: (重点任务, [tasks]); task: dict(n, text, lead, coop, due)
# "lead_span"/"due_span" give the number of rows the cell is merged over (starting at this row);
# rows covered by a span carry lead/due = None here and are filled in the truth from the span.
A_SECTIONS = [
    ("一、优化政务服务环境", "周建华", [
        ("（一）深化“高效办成一件事”改革", [
            dict(n=1, text="梳理发布县级“高效办成一件事”重点事项清单，年内新增企业信息变更、开办运输企业、企业破产信息核查等重点事项不少于13个，实现“一次告知、一表申请、一套材料、一次办结”。",
                 lead=["县政务服务中心"], lead_span=3, coop=["县市场监管局", "县人社局", "县医保局"], due="2025年6月底前"),
            dict(n=2, text="推行“一窗受理、集成服务”，优化县政务大厅窗口设置，综合窗口占比达到80%以上。",
                 lead=None, coop=["县政府各有关部门"], due="2025年9月底前"),
            dict(n=3, text="推广“免证办”“跨省通办”，扩大电子证照在政务服务场景中的应用范围。",
                 lead=None, coop=["县数据局", "县公安局"], due="持续推进"),
        ]),
        ("（二）提升政务服务便利度", [
            dict(n=4, text="推进镇村便民服务中心（站）标准化建设，高频事项“就近办”覆盖率达到90%。",
                 lead=["县政务服务中心", "各镇人民政府"], coop=["县民政局"], due="2025年12月底前"),
            dict(n=5, text="设立“办不成事”反映窗口，建立问题受理、转办、督办、反馈闭环机制，定期通报典型问题。",
                 lead=["县政务服务中心"], coop=["县政府督查室"], due="每季度末"),
            dict(n=6, text="落实12345热线涉企诉求“快速响应”机制，涉企诉求按时办结率保持在95%以上。",
                 lead=["县12345热线管理中心"], coop=["县政府各工作部门"], due="持续推进"),
        ]),
    ], None),
    ("二、优化市场环境", "李卫东", [
        ("（三）降低市场准入门槛", [
            dict(n=7, text="严格落实市场准入负面清单制度，开展违背市场准入负面清单案例排查，每半年报送一次排查情况。",
                 lead=["县发改局"], coop=["县市场监管局", "县商务局"], due="每年6月底、12月底前"),
            dict(n=8, text="深化经营主体登记便利化改革，推行住所（经营场所）标准化登记，企业开办全流程压缩至1个工作日以内。",
                 lead=["县市场监管局"], coop=["县公安局", "县税务局", "县人社局"], due="2025年6月底前"),
        ]),
        ("（四）规范招标投标和政府采购", [
            dict(n=9, text="全面推行招标投标全流程电子化，实现远程异地评标常态化，电子保函替代现金保证金比例不低于70%。",
                 lead=["县发改局"], lead_span=2, coop=["县公共资源交易中心", "县住建局", "县交通运输局", "县水利局"], due="2025年12月底前"),
            dict(n=10, text="开展招标投标领域突出问题专项整治，严厉打击围标串标、虚假招标、转包违法分包等违法行为。",
                 lead=None, coop=["县公安局", "县住建局", "县交通运输局", "县水利局"], due="2025年10月底前"),
            dict(n=11, text="全面落实政府采购意向公开，面向中小企业的预留份额提高至40%以上，政府采购合同预付款比例原则上不低于30%。",
                 lead=["县财政局"], coop=["县政府各预算单位"], due="持续推进"),
        ]),
    ], None),
    ("三、优化法治环境", "——", None,
     "本部分重点任务按照《石泉县法治化营商环境建设三年行动方案（2024—2026年）》确定的分工执行，此处不再列出。"),
    ("四、优化要素保障环境", "王晓燕", [
        ("（五）强化金融和涉企收费服务", [
            dict(n=12, text="常态化开展“银企对接”活动，全年组织政银企对接会不少于4场，普惠小微贷款增速不低于各项贷款增速。",
                 lead=["县金融服务中心"], coop=["各驻县银行业金融机构"], due="每季度末"),
            dict(n=13, text="落实涉企收费目录清单制度，开展涉企违规收费专项检查，坚决纠正乱收费、乱罚款、乱摊派行为。",
                 lead=["县市场监管局"], coop=["县发改局", "县财政局"], due="2025年11月底前"),
        ]),
        ("（六）加强用地用能用工保障", [
            dict(n=14, text="推行工业用地“标准地”出让，新增工业用地“标准地”出让比例达到100%。",
                 lead=["县自然资源局"], coop=["县工信局", "县发改局"], due="2025年12月底前", due_span=2),
            dict(n=15, text="推进水电气网联合报装，低压小微企业用电报装实现“零上门、零审批、零投资”。",
                 lead=["国网石泉县供电公司"], coop=["县住建局", "县城市管理局", "县政务服务中心"], due=None),
            dict(n=16, text="建立重点项目用工服务专员制度，为重点企业和重点项目提供招工、培训、社保等“一对一”服务。",
                 lead=["县人社局"], coop=["县工信局", "各镇人民政府"], due=""),
        ]),
    ], None),
]

A_HEADER = ["序号", "重点任务", "具体措施", "责任领导", "牵头单位", "配合单位", "时间节点"]


def a_tasks_resolved():
    """Return list of (section, group, task, lead, due, leader) with spans applied."""
    out = []
    for heading, leader, groups, _note in A_SECTIONS:
        if not groups:
            continue
        cur_lead, lead_left = None, 0
        cur_due, due_left = None, 0
        for gname, tasks in groups:
            for t in tasks:
                if t.get("lead") is not None:
                    cur_lead, lead_left = t["lead"], t.get("lead_span", 1)
                if t.get("due") is not None:
                    cur_due, due_left = t["due"], t.get("due_span", 1)
                assert lead_left > 0 and due_left > 0, t["n"]
                out.append((heading, gname, t, cur_lead, cur_due or None, leader))
                lead_left -= 1
                due_left -= 1
    return out


def build_docx(path):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, Cm, RGBColor

    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "仿宋_GB2312"
    st.font.size = Pt(14)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.6)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)

    def para(text, size=None, bold=False, align=None, color=None, font=None, indent=False, space_after=None):
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(28)
        if space_after is not None:
            p.paragraph_format.space_after = Pt(space_after)
        r = p.add_run(text)
        r.bold = bold
        if size:
            r.font.size = Pt(size)
        if color:
            r.font.color.rgb = RGBColor(*color)
        if font:
            r.font.name = font
            r._element.rPr.rFonts.set(qn("w:eastAsia"), font)
        return p

    C = WD_ALIGN_PARAGRAPH.CENTER
    para("石泉县人民政府办公室文件", size=30, bold=True, align=C, color=(0xE0, 0, 0), font="方正小标宋简体")
    para(A_NO, size=14, align=C)
    para("")
    para("石泉县人民政府办公室", size=20, align=C, font="方正小标宋简体", space_after=0)
    para("关于印发石泉县2025年优化营商环境", size=20, align=C, font="方正小标宋简体", space_after=0)
    para("重点任务分工方案的通知", size=20, align=C, font="方正小标宋简体")
    para("各镇人民政府，县政府各工作部门，县直有关单位：")
    para("《石泉县2025年优化营商环境重点任务分工方案》已经县政府同意，现印发给你们，请结合工作实际，认真抓好落实。"
         "各牵头单位要会同配合单位细化工作措施，明确专人负责，于每季度末将工作进展情况报送县营商环境建设办公室（设在县发改局，"
         "联系电话：0915-6321478，电子邮箱：sqyshj2025@163.com）。县营商环境建设办公室将对任务落实情况进行跟踪督办，"
         "督办结果纳入年度目标责任考核。", indent=True)
    para("")
    para("石泉县人民政府办公室", align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(A_DATE, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para("（此件公开发布）", indent=True)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # landscape section for the table
    new = doc.add_section()
    new.orientation = WD_ORIENT.LANDSCAPE
    new.page_width, new.page_height = Cm(29.7), Cm(21)
    new.left_margin = new.right_margin = Cm(2.0)
    new.top_margin = new.bottom_margin = Cm(2.2)

    para("附件", font="黑体")
    para(A_PLAN, size=20, align=C, font="方正小标宋简体")
    para("为深入贯彻落实《优化营商环境条例》和《陕西省优化营商环境条例》，持续打造市场化、法治化、国际化一流营商环境，"
         "结合我县实际，制定本分工方案。", indent=True)

    tasks = [t for _, _, t, _, _, _ in a_tasks_resolved()]
    # layout rows: header, then per section: heading row, [note row], task rows
    layout = [("header", None)]
    for heading, leader, groups, note in A_SECTIONS:
        layout.append(("heading", heading))
        if note:
            layout.append(("note", note))
        if groups:
            for gname, ts in groups:
                for t in ts:
                    layout.append(("task", (heading, leader, gname, t)))

    table = doc.add_table(rows=len(layout), cols=7)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(1.2), Cm(3.4), Cm(9.2), Cm(1.9), Cm(3.0), Cm(3.8), Cm(3.2)]

    def set_cell(cell, text, bold=False, size=10.5, align=None):
        cell.text = ""
        lines = text.split("\n") if text else [""]
        p = cell.paragraphs[0]
        for i, line in enumerate(lines):
            if i:
                p = cell.add_paragraph()
            if align is not None:
                p.alignment = align
            r = p.add_run(line)
            r.bold = bold
            r.font.size = Pt(size)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    # header row, flagged to repeat on each page
    hdr = table.rows[0]
    trPr = hdr._tr.get_or_add_trPr()
    th = OxmlElement("w:tblHeader")
    th.set(qn("w:val"), "true")
    trPr.append(th)
    for i, h in enumerate(A_HEADER):
        set_cell(hdr.cells[i], h, bold=True, align=C)

    # fill & merge
    merges_v = []  # (col, start_row, end_row, text)
    row_of_task = {}
    for ri, (kind, payload) in enumerate(layout):
        if kind == "task":
            row_of_task[payload[3]["n"]] = ri
    for ri, (kind, payload) in enumerate(layout):
        row = table.rows[ri]
        if kind in ("heading", "note"):
            m = row.cells[0].merge(row.cells[6])
            set_cell(m, payload, bold=(kind == "heading"), align=None if kind == "note" else WD_ALIGN_PARAGRAPH.LEFT)
        elif kind == "task":
            heading, leader, gname, t = payload
            set_cell(row.cells[0], str(t["n"]), align=C)
            set_cell(row.cells[2], t["text"])
            set_cell(row.cells[5], "、".join(t["coop"]))
    # vertical merges: 重点任务 per group, 责任领导 per section, 牵头单位 spans, 时间节点 spans
    for heading, leader, groups, note in A_SECTIONS:
        if not groups:
            continue
        first = row_of_task[groups[0][1][0]["n"]]
        last = row_of_task[groups[-1][1][-1]["n"]]
        merges_v.append((3, first, last, leader))
        for gname, ts in groups:
            merges_v.append((1, row_of_task[ts[0]["n"]], row_of_task[ts[-1]["n"]], gname))
            for t in ts:
                r0 = row_of_task[t["n"]]
                if t.get("lead") is not None:
                    merges_v.append((4, r0, r0 + t.get("lead_span", 1) - 1, "\n".join(t["lead"])))
                if t.get("due") is not None:
                    merges_v.append((6, r0, r0 + t.get("due_span", 1) - 1, t["due"]))
    for col, r0, r1, text in merges_v:
        cell = table.cell(r0, col)
        if r1 > r0:
            cell = cell.merge(table.cell(r1, col))
        set_cell(cell, text, align=C)

    for ri, row in enumerate(table.rows):
        if layout[ri][0] in ("heading", "note"):
            continue
        for i, w in enumerate(widths):
            row.cells[i].width = w
    for i, w in enumerate(widths):
        table.columns[i].width = w

    para("")
    para("注：时间节点为“持续推进”的任务，牵头单位应于每季度末报送阶段性进展；责任领导为分管该项工作的县政府领导。",
         size=12)
    doc.save(path)


# ---------------------------------------------------------------------------
# Notice B: 汉滨区 安全生产 (html)
# ---------------------------------------------------------------------------
B_FILE = "hanbin-2025-work-safety.html"
B_ISSUER = "安康市汉滨区人民政府办公室"
B_NO = "汉滨政办发〔2025〕12号"
B_DATE = "2025年4月2日"
B_TITLE = "安康市汉滨区人民政府办公室关于印发汉滨区2025年安全生产治本攻坚重点任务清单的通知"

# sections: (heading, [groups]); group: (工作任务, [tasks]); tasks with lead/due spans as in A
B_SECTIONS = [
    ("一、压实安全生产责任", [
        ("落实党政领导责任", [
            dict(n=1, text="区政府常务会议每季度至少研究1次安全生产工作，区级领导干部严格落实“三管三必须”要求，每季度至少带队检查1次。",
                 lead=["区安委办"], lead_span=2, coop=["区安委会各成员单位"], due="每季度末", note=""),
            dict(n=2, text="制定区级领导干部安全生产“职责清单”和年度“工作清单”，纳入领导干部述职内容。",
                 lead=None, coop=["区委组织部"], due="2025年4月底前", note=""),
        ]),
        ("落实部门监管责任和企业主体责任", [
            dict(n=3, text="修订区安委会成员单位安全生产工作职责，厘清新兴行业领域和交叉领域监管责任，消除监管盲区。",
                 lead=["区应急管理局"], lead_span=2, coop=["区委编办", "区司法局"], due="2025年6月底前", note=""),
            dict(n=4, text="落实企业主要负责人安全生产第一责任人责任，组织重点行业领域企业主要负责人开展安全生产述职。",
                 lead=None, coop=["区住建局", "区交通运输局", "区市场监管局"], due="2025年11月底前", note=""),
        ]),
    ]),
    ("二、深化重大事故隐患排查整治", [
        ("开展重大事故隐患专项排查整治", [
            dict(n=5, text="对照重大事故隐患判定标准，组织企业开展全员隐患排查，建立重大事故隐患清单台账，实行“发现、交办、整改、销号”闭环管理。",
                 lead=["区应急管理局"], coop=["区安委会各成员单位"], due="持续推进", due_span=3, note="每月5日前报送上月排查整治情况"),
            dict(n=6, text="聚焦城镇燃气安全，推进燃气管道老化更新改造，年内完成老旧燃气管网改造12公里。",
                 lead=["区住建局"], coop=["区发改局", "区财政局", "各镇（街道）"], due=None, note=""),
            dict(n=7, text="开展高层建筑、大型商业综合体、电动自行车消防安全专项整治，整治“飞线充电”等突出问题。",
                 lead=["区消防救援大队", "区住建局"], coop=["区商务局", "区市场监管局", "各镇（街道）"], due=None, note="两家单位共同牵头"),
        ]),
        ("强化道路交通安全", [
            dict(n=8, text="加强“两客一危一货”重点车辆动态监控，对违法违规行为实行“清零”管理。",
                 lead=["公安汉滨分局"], coop=["区交通运输局"], due="每季度末", note=""),
            dict(n=9, text="推进农村公路安全生命防护工程建设，完成隐患路段整治30公里。",
                 lead=["区交通运输局"], coop=["区财政局", "各镇（街道）"], due="2025年10月底前", note=""),
        ]),
    ]),
    ("三、提升防灾减灾救灾能力", [
        ("做好防汛和地质灾害防治", [
            dict(n=10, text="修订完善防汛应急预案，组织开展防汛应急演练，汛前完成全区地质灾害隐患点排查。",
                 lead=["区应急管理局"], coop=["区水利局", "区自然资源局"], due="2025年5月底前", note="汛期前完成"),
            dict(n=11, text="落实地质灾害隐患点“群测群防”制度，为每个隐患点明确监测责任人，配齐预警设备。",
                 lead=["区自然资源局"], coop=["各镇（街道）"], due="汛期（5月至10月）", note=""),
        ]),
        ("加强森林防灭火", [
            dict(n=12, text="落实森林防灭火责任制，在春节、清明等重点时段实行24小时值班值守和领导带班制度。",
                 lead=["区林业局"], coop=["区应急管理局", "各镇（街道）"], due="持续推进", note=""),
        ]),
    ]),
    ("四、夯实安全生产基层基础", [
        ("提升基层监管能力", [
            dict(n=13, text="各镇（街道）设立安全生产监管机构，配备专职安全监管人员不少于3名。",
                 lead=["区委编办"], coop=["各镇（街道）"], due="2025年6月底前", note=""),
            dict(n=14, text="开展安全生产执法人员轮训，每名执法人员全年培训不少于40学时。",
                 lead=["区应急管理局"], lead_span=2, coop=["区安委会有关成员单位"], due="2025年12月底前", note=""),
            dict(n=15, text="推进安全生产风险监测预警信息化平台建设，重点企业监测预警系统接入率达到100%。",
                 lead=None, coop=["区大数据中心"], due="", note="根据省、市统一部署推进"),
        ]),
        ("加强安全宣传教育", [
            dict(n=16, text="组织开展“安全生产月”和“安全生产万里行”活动，集中开展安全宣传咨询日活动。",
                 lead=["区安委办"], coop=["区委宣传部", "区融媒体中心"], due="2025年6月", note=""),
            dict(n=17, text="推进安全宣传“进企业、进农村、进社区、进学校、进家庭”，在全区建成安全体验场馆或教育基地2个。",
                 lead=["区应急管理局"], coop=["区教体局", "各镇（街道）"], due="2025年12月底前", note=""),
        ]),
    ]),
]


def b_tasks_resolved():
    out = []
    for heading, groups in B_SECTIONS:
        cur_lead = cur_due = None
        lead_left = due_left = 0
        for gname, tasks in groups:
            for t in tasks:
                if t.get("lead") is not None:
                    cur_lead, lead_left = t["lead"], t.get("lead_span", 1)
                if t.get("due") is not None:
                    cur_due, due_left = t["due"], t.get("due_span", 1)
                assert lead_left > 0 and due_left > 0, t["n"]
                out.append((heading, gname, t, cur_lead, cur_due or None))
                lead_left -= 1
                due_left -= 1
    return out


def build_html(path):
    rows = []
    for heading, groups in B_SECTIONS:
        rows.append(f'<tr class="fl"><td colspan="7" style="text-align:left;font-weight:bold;">{heading}</td></tr>')
        for gname, tasks in groups:
            for i, t in enumerate(tasks):
                cells = [f'<td>{t["n"]}</td>']
                if i == 0:
                    rs = f' rowspan="{len(tasks)}"' if len(tasks) > 1 else ""
                    cells.append(f'<td{rs}>{gname}</td>')
                cells.append(f'<td style="text-align:left;">{t["text"]}</td>')
                if t.get("lead") is not None:
                    span = t.get("lead_span", 1)
                    rs = f' rowspan="{span}"' if span > 1 else ""
                    cells.append(f'<td{rs}>{"<br>".join(t["lead"])}</td>')
                cells.append(f'<td>{"<br>".join(t["coop"])}</td>')
                if t.get("due") is not None:
                    span = t.get("due_span", 1)
                    rs = f' rowspan="{span}"' if span > 1 else ""
                    cells.append(f'<td{rs}>{t["due"]}</td>')
                cells.append(f'<td>{t["note"]}</td>')
                rows.append("<tr>" + "".join(cells) + "</tr>")
    table_rows = "\n".join(rows)
    html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="ArticleTitle" content="{B_TITLE}">
<meta name="PubDate" content="2025-04-08 16:20">
<meta name="ContentSource" content="区政府办">
<title>{B_TITLE}_安康市汉滨区人民政府</title>
<style>
body{{font-family:"Microsoft YaHei",SimSun,sans-serif;color:#333;}}
.xxgk-meta td{{border:1px solid #cfdff0;padding:4px 8px;font-size:14px;}}
.rwqd{{border-collapse:collapse;width:100%;}}
.rwqd th,.rwqd td{{border:1px solid #000;padding:4px;font-size:14px;text-align:center;}}
.rwqd th{{background:#f2f2f2;}}
</style>
</head>
<body>
<div class="top">
  <a href="/">安康市汉滨区人民政府</a> | <a href="/wap/">手机版</a> | <a href="#">无障碍浏览</a> | <a href="#">长者模式</a>
  <form class="search"><input type="text" placeholder="请输入关键字"><button>搜索</button></form>
</div>
<div class="nav">
  <ul><li><a href="/">首页</a></li><li><a href="#">走进汉滨</a></li><li><a href="#">政务公开</a></li><li><a href="#">政务服务</a></li><li><a href="#">互动交流</a></li></ul>
</div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="#">政务公开</a> &gt; <a href="#">政府文件</a> &gt; <a href="#">区政府办文件</a></div>

<table class="xxgk-meta">
  <tr><td>索&nbsp;引&nbsp;号：</td><td>11610902016010458K/2025-00037</td><td>主题分类：</td><td>安全生产监管</td></tr>
  <tr><td>发布机构：</td><td>汉滨区人民政府办公室</td><td>成文日期：</td><td>2025-04-02</td></tr>
  <tr><td>名&emsp;&emsp;称：</td><td colspan="3">{B_TITLE}</td></tr>
  <tr><td>文&emsp;&emsp;号：</td><td>{B_NO}</td><td>发布日期：</td><td>2025-04-08</td></tr>
  <tr><td>有&nbsp;效&nbsp;性：</td><td>有效</td><td>主&nbsp;题&nbsp;词：</td><td>安全生产；治本攻坚；任务清单</td></tr>
</table>

<div class="article">
<h1 class="title">{B_TITLE}</h1>
<div class="info">发布时间：2025-04-08 16:20 &nbsp; 来源：区政府办 &nbsp; 浏览次数：<span id="hits">1286</span> &nbsp; 【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】 <a href="#">打印本页</a></div>
<div class="content" id="zoom">
<p style="text-align:center;">{B_NO}</p>
<p>各镇人民政府、街道办事处，区政府各工作部门，区直有关单位：</p>
<p style="text-indent:2em;">为深入贯彻落实《安全生产治本攻坚三年行动方案（2024—2026年）》和市安委会关于安全生产工作的部署要求，有效防范遏制各类生产安全事故，经区政府同意，现将《汉滨区2025年安全生产治本攻坚重点任务清单》印发给你们，请认真抓好落实。</p>
<p style="text-indent:2em;">各牵头部门要切实履行牵头职责，会同协办单位制定具体推进措施，于每季度末次月5日前将任务进展情况报送区安委办（设在区应急管理局）。区安委办将定期调度通报，对工作推进不力的单位进行约谈。</p>
<p style="text-indent:2em;">联系人：区应急管理局综合股 张涛；联系电话：0915-3268017。</p>
<p style="text-align:right;">安康市汉滨区人民政府办公室</p>
<p style="text-align:right;">{B_DATE}</p>
<p style="text-indent:2em;">（此件公开发布）</p>

<p style="text-align:center;font-size:20px;font-weight:bold;">汉滨区2025年安全生产治本攻坚重点任务清单</p>
<table class="rwqd" border="1" cellspacing="0" cellpadding="0">
<thead>
<tr><th width="5%">序号</th><th width="13%">工作任务</th><th width="38%">具体内容</th><th width="10%">牵头部门</th><th width="14%">协办单位</th><th width="10%">时限要求</th><th width="10%">备注</th></tr>
</thead>
<tbody>
{table_rows}
</tbody>
</table>
<p>附件：<a href="/upload/2025/04/hbqaqsczbgjrwqd.docx">汉滨区2025年安全生产治本攻坚重点任务清单.docx</a></p>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="relate"><h3>相关链接</h3><ul>
<li><a href="#">汉滨区召开2025年第一季度安全生产形势分析会</a></li>
<li><a href="#">关于开展2025年“安全生产月”活动的通知</a></li>
</ul></div>
<div class="btns"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
</div>
<div class="footer">
<p>主办单位：安康市汉滨区人民政府办公室 &nbsp; 地址：安康市汉滨区巴山中路 &nbsp; 网站标识码：6109020001</p>
<p>陕ICP备05004217号-1 &nbsp; 陕公网安备 61090202000123号</p>
</div>
</body>
</html>
"""
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)


# ---------------------------------------------------------------------------
# Notice C: 镇坪县 乡村振兴 (pdf)
# ---------------------------------------------------------------------------
C_FILE = "zhenping-2025-rural-revival.pdf"
C_ISSUER = "中共镇坪县委农村工作领导小组办公室"
C_NO = "镇农组办发〔2025〕3号"
C_DATE = "2025年3月5日"
C_TITLE = "关于印发《镇坪县2025年全面推进乡村振兴重点工作任务清单》的通知"

# (section heading, [ (n, text, [units; first is lead], due or None, due_printed) ])
C_SECTIONS = [
    ("（一）确保粮食和重要农产品稳定安全供给", [
        (1, "落实粮食生产目标任务，全年粮食播种面积稳定在5.2万亩以上、产量稳定在1.1万吨以上。",
         ["县农业农村局", "县发改局", "各镇人民政府"], "2025年10月底前"),
        (2, "严格落实耕地保护党政同责，坚决遏制耕地“非农化”、防止“非粮化”，完成高标准农田建设0.3万亩。",
         ["县自然资源局", "县农业农村局", "各镇人民政府"], "2025年12月底前"),
        (3, "稳定生猪生产，全年生猪出栏稳定在8万头左右，抓好非洲猪瘟等重大动物疫病防控。",
         ["县农业农村局", "各镇人民政府"], "持续推进"),
    ]),
    ("（二）巩固拓展脱贫攻坚成果", [
        (4, "健全防止返贫致贫监测和帮扶机制，每月开展一次集中排查，对监测对象做到“应纳尽纳、应帮尽帮”。",
         ["县农业农村局", "县民政局", "县医保局", "县教体局", "县住建局", "县水利局", "各镇人民政府"], "每月底"),
        (5, "落实脱贫人口稳岗就业政策，脱贫劳动力务工规模稳定在1.2万人以上，用好公益性岗位兜底安置。",
         ["县人社局", "县农业农村局", "各镇人民政府"], "2025年12月底前"),
        (6, "加强衔接资金项目管理，中央财政衔接推进乡村振兴补助资金用于产业发展的比例不低于60%。",
         ["县财政局", "县农业农村局"], "2025年6月底前"),
    ]),
    ("（三）提升乡村产业发展水平", [
        (7, "做优中药材、富硒茶、腊肉等特色产业，新建标准化中药材种植基地2000亩。",
         ["县农业农村局", "县林业局", "县市场监管局"], "2025年11月底前"),
        (8, "发展乡村旅游和民宿经济，打造精品民宿集群，争创省级乡村旅游重点村1个。",
         ["县文旅广电局", "县农业农村局", "各镇人民政府"], "2025年12月底前"),
        (9, "培育新型农业经营主体，新认定县级以上示范家庭农场、农民合作社20家。",
         ["县农业农村局", "县供销社"], "持续推进"),
    ]),
    ("（四）推进宜居宜业和美乡村建设", [
        (10, "实施农村人居环境整治提升行动，农村卫生厕所普及率达到85%。",
         ["县农业农村局", "县卫健局", "县住建局", "各镇人民政府"], "2025年10月底前"),
        (11, "推进农村生活垃圾和生活污水治理，农村生活污水治理率较上年提高2个百分点。",
         ["市生态环境局镇坪分局", "县住建局", "各镇人民政府"], "2025年12月底前"),
        (12, "加强农村公路建设养护，完成农村公路安全生命防护工程40公里。",
         ["县交通运输局", "各镇人民政府"], "每季度末"),
    ]),
    ("（五）加强和改进乡村治理", [
        (13, "深化“积分制”“清单制”等治理方式，推广村级事务“红黑榜”评议机制。",
         ["县委组织部", "县委社会工作部", "县农业农村局"], None),
        (14, "推进农村移风易俗，整治高价彩礼、大操大办、厚葬薄养等突出问题。",
         ["县委宣传部", "县民政局", "县妇联", "各镇人民政府"], "持续推进"),
    ]),
    ("（六）强化政策和要素保障", [
        (15, "落实土地出让收入用于农业农村比例要求，健全财政优先保障、金融重点倾斜、社会积极参与的多元投入机制。",
         ["县财政局", "县自然资源局"], "2025年12月底前"),
        (16, "深化农村集体产权制度改革，发展新型农村集体经济，年经营性收入10万元以上的村占比达到50%。",
         ["县农业农村局", "县财政局", "各镇人民政府"], "2025年12月底前"),
    ]),
]


def build_pdf(path):
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import (PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle)

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    F = "STSong-Light"
    body = ParagraphStyle("body", fontName=F, fontSize=12, leading=20, firstLineIndent=24, wordWrap="CJK")
    left = ParagraphStyle("left", parent=body, firstLineIndent=0)
    center = ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0)
    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT, firstLineIndent=0)
    red = ParagraphStyle("red", parent=center, fontSize=24, leading=32, textColor=colors.red)
    title = ParagraphStyle("title", parent=center, fontSize=17, leading=26)
    cell = ParagraphStyle("cell", fontName=F, fontSize=10, leading=14, wordWrap="CJK")
    cellc = ParagraphStyle("cellc", parent=cell, alignment=TA_CENTER)
    cellh = ParagraphStyle("cellh", parent=cellc, fontSize=10.5)

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(F, 10)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"— {doc.page} —")
        canvas.restoreState()

    story = [
        Paragraph("中共镇坪县委农村工作领导小组办公室", red),
        Spacer(1, 6),
        Paragraph(C_NO, center),
        Spacer(1, 14),
        Paragraph("关于印发《镇坪县2025年全面推进乡村振兴", title),
        Paragraph("重点工作任务清单》的通知", title),
        Spacer(1, 10),
        Paragraph("各镇党委、人民政府，县委农村工作领导小组各成员单位：", left),
        Paragraph("为深入贯彻落实中央和省、市农村工作会议精神，学习运用“千村示范、万村整治”工程经验，"
                  "扎实推进乡村全面振兴，经县委农村工作领导小组同意，现将《镇坪县2025年全面推进乡村振兴重点工作任务清单》"
                  "印发给你们，请结合实际认真抓好贯彻落实。", body),
        Paragraph("各牵头单位要加强统筹协调，会同配合单位逐项细化措施，于2025年6月20日、12月20日前分别将上半年和全年任务推进情况"
                  "书面报送县委农办（县农业农村局302室）。县委农办将会同县委督查室、县政府督查室适时开展督导检查，"
                  "督查结果纳入年度镇村实绩考核。", body),
        Spacer(1, 20),
        Paragraph("中共镇坪县委农村工作领导小组办公室", right),
        Paragraph(C_DATE, right),
        Spacer(1, 16),
        Paragraph("附件", left),
        Paragraph("镇坪县2025年全面推进乡村振兴重点工作任务清单", title),
        Paragraph("（说明：责任单位中排在第一位的为牵头单位，其余为配合单位；未标注完成时限的任务按年度工作安排推进。）", center),
        Spacer(1, 6),
    ]

    data = [[Paragraph("序号", cellh), Paragraph("工作任务", cellh), Paragraph("责任单位", cellh),
             Paragraph("完成时限", cellh)]]
    styles = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
    ]
    for heading, tasks in C_SECTIONS:
        r = len(data)
        data.append([Paragraph(heading, cell), "", "", ""])
        styles.append(("SPAN", (0, r), (-1, r)))
        for n, text, units, due in tasks:
            data.append([Paragraph(str(n), cellc), Paragraph(text, cell),
                         Paragraph("、".join(units), cell), Paragraph(due or "", cellc)])
    t = Table(data, colWidths=[12 * mm, 88 * mm, 46 * mm, 30 * mm], repeatRows=1)
    t.setStyle(TableStyle(styles))
    story.append(t)

    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=17 * mm, rightMargin=17 * mm,
                            topMargin=25 * mm, bottomMargin=22 * mm,
                            title="镇坪县2025年全面推进乡村振兴重点工作任务清单", author=C_ISSUER)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


# ---------------------------------------------------------------------------
# truth
# ---------------------------------------------------------------------------
def truth():
    notices = []
    a_tasks = []
    for heading, gname, t, lead, due, leader in a_tasks_resolved():
        a_tasks.append(dict(number=t["n"], content_start=t["text"][:12], lead=lead, responsible=t["coop"],
                            deadline=due, section=heading, group=gname, leader=leader))
    notices.append(dict(file=A_FILE, title=A_TITLE, issuer=A_ISSUER, 文号=A_NO, date=A_DATE,
                        task_count=len(a_tasks),
                        columns=A_HEADER,
                        convention="responsible = 配合单位 column; lead = 牵头单位 column (vertically merged cells apply to every row they span); leader = 责任领导 (a person, not a unit). Section 三、优化法治环境 has no tasks.",
                        tasks=a_tasks))
    b_tasks = []
    for heading, gname, t, lead, due in b_tasks_resolved():
        b_tasks.append(dict(number=t["n"], content_start=t["text"][:12], lead=lead, responsible=t["coop"],
                            deadline=due, section=heading, group=gname, remark=t["note"] or None))
    notices.append(dict(file=B_FILE, title=B_TITLE, issuer=B_ISSUER, 文号=B_NO, date=B_DATE,
                        published="2025-04-08", task_count=len(b_tasks),
                        columns=["序号", "工作任务", "具体内容", "牵头部门", "协办单位", "时限要求", "备注"],
                        convention="lead = 牵头部门 (rowspan applies to every row spanned); responsible = 协办单位.",
                        tasks=b_tasks))
    c_tasks = []
    for heading, tasks in C_SECTIONS:
        for n, text, units, due in tasks:
            c_tasks.append(dict(number=n, content_start=text[:12], lead=[units[0]], responsible=units[1:],
                                all_units_printed=units, deadline=due, section=heading))
    notices.append(dict(file=C_FILE, title=C_TITLE, issuer=C_ISSUER, 文号=C_NO, date=C_DATE,
                        task_count=len(c_tasks),
                        columns=["序号", "工作任务", "责任单位", "完成时限"],
                        convention="single 责任单位 column; per the note 排在第一位的为牵头单位: lead = first unit, responsible = the remaining (配合) units; all_units_printed keeps the full cell.",
                        tasks=c_tasks))
    return notices


def main():
    build_docx(os.path.join(HERE, A_FILE))
    build_html(os.path.join(HERE, B_FILE))
    build_pdf(os.path.join(HERE, C_FILE))
    t = truth()
    with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(t, f, ensure_ascii=False, indent=1)
    print({n["file"]: n["task_count"] for n in t}, "total", sum(n["task_count"] for n in t))


if __name__ == "__main__":
    main()
