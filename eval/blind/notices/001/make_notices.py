#!/usr/bin/env python3
"""Regenerate the blind test notices of set 001 and check them.

    python3 make_notices.py          # write all notices, truth.json, questions.jsonl, then check
    python3 make_notices.py --check  # only check the files already written

Notices (all invented; place names are fictional):
  tongchuan/  .docx  桐川区 优化营商环境 分工方案 (python-docx, merged cells, landscape attachment)
  heling/     .html  鹤岭县 安全生产 任务分解表 (government website article, rowspan, <br>)
  fengxi/     .pdf   枫溪县 乡村振兴 任务清单 (reportlab + STSong-Light, table across pages)
  qingya/     .md    青崖县 法治政府建设 工作要点 (outline, fields in parentheses / own lines)

Needs: python-docx, reportlab, pdfplumber (for the check), bs4 (for the check).
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def out(name, fname):
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    return os.path.join(d, fname)


def split_units(s):
    """Split a unit list written with 、 or ，."""
    return [u for u in re.split(r"[、，,]", s) if u]


# ---------------------------------------------------------------------------
# 1. 桐川区 — DOCX
# ---------------------------------------------------------------------------
TC = dict(
    name="tongchuan",
    file="tongchuan-2025-yingshang-fengong.docx",
    issuer="桐川区人民政府办公室",
    wenhao="桐政办发〔2025〕9号",
    date="2025年3月12日",
    title="桐川区人民政府办公室关于印发《桐川区2025年优化营商环境重点任务分工方案》的通知",
)
# section -> (leader, rows); row = (no, key_task or None(=merged with previous), measure,
#                                  lead or None(=merged with previous), coop, deadline or None(=merged) or "" (empty))
TC_SECTIONS = [
    ("（一）提升政务服务效能", "王志刚", [
        (1, "深化“高效办成一件事”改革",
         "围绕企业开办、员工招聘、企业注销等重点事项，推进“一件事一次办”集成服务，年内新增上线“一件事”主题服务不少于10项。",
         "区行政审批服务局", "区市场监管局、区人社局、区税务局", "2025年6月底前"),
        (2, None,
         "推行政务服务“首席事务代表”制度，区政务服务中心各进驻窗口单位明确首席事务代表，实现窗口授权审批“一次办结”。",
         None, "区政府各有关部门", "2025年4月底前"),
        (3, "推进政务服务线上线下融合",
         "完善区、镇（街道）、村（社区）三级政务服务体系，推动“就近办”事项向镇（街道）便民服务中心下沉，2025年底前镇级可办事项不少于150项。",
         "区行政审批服务局\n区数据局", "各镇（街道）", "2025年12月底前"),
        (4, "推进政务数据共享",
         "依托市一体化政务服务平台，推动营业执照、不动产权证书等高频电子证照在办事环节“免提交”，电子证照调用量同比增长20%以上。",
         "区数据局", "区行政审批服务局、区自然资源局", "持续推进"),
    ]),
    ("（二）优化市场准入和退出", "李红梅", [
        (5, "规范涉企登记服务",
         "全面推行经营主体登记“智能审批”，对申请材料齐全、符合法定形式的设立登记实现即报即审、秒批秒办。",
         "区市场监管局", "区行政审批服务局", "2025年6月底前"),
        (6, None,
         "开展经营主体歇业备案和简易注销“一网通办”，简易注销公告时间由20天压缩至10天。",
         None, "区税务局、区人社局", "2025年9月底前"),
        (7, "破除招投标领域隐性壁垒",
         "开展招标投标领域突出问题专项治理，全面清理设置不合理投标条件、限定特定品牌等排斥潜在投标人的规定和做法。",
         "区发展改革局\n区公共资源交易中心", "区住建局、区交通运输局、区水利局", "2025年10月底前"),
        (8, "加强公平竞争审查",
         "对新出台的涉及经营主体经济活动的政策措施100%开展公平竞争审查，每年开展1次存量政策措施清理。",
         "区市场监管局", "区司法局、区政府各部门", "每年11月底前"),
    ]),
    ("（三）加强要素保障", "赵建国", [
        (9, "缓解企业融资难题",
         "深化“政银企”对接，每季度至少组织1次银企对接活动，推广“科创贷”“税易贷”等信贷产品，全年新增普惠小微贷款不低于15亿元。",
         "区金融服务中心", "人民银行桐川支行、区财政局、区工信局", "2025年12月底前"),
        (10, None,
         "落实政府性融资担保降费政策，小微企业和“三农”主体担保费率降至1%以下。",
         "区财政局", "区融资担保公司", None),
        (11, "保障项目用地需求",
         "推行工业用地“标准地”出让，新供应工业用地按“标准地”出让比例达到100%，实现“拿地即开工”。",
         "区自然资源局", "区发展改革局、区工信局、桐川经济开发区管委会", None),
        (12, "强化人才用工服务",
         "建立重点企业用工监测和服务专员制度，全年举办“春风行动”等专场招聘会不少于20场。",
         "区人社局", "区总工会、团区委、区妇联", "全年"),
    ]),
    ("（四）优化监管执法", "孙海燕", [
        (13, "推行包容审慎监管",
         "动态调整“免罚轻罚”清单，对首次违法且危害后果轻微并及时改正的依法不予行政处罚。",
         "区司法局", "区市场监管局、区生态环境分局、区应急管理局等区级行政执法部门", "2025年5月底前"),
        (14, "规范涉企行政检查",
         "推行“综合查一次”和“扫码入企”，同一部门对同一企业年度检查原则上不超过1次，跨部门联合检查占比不低于30%。",
         "区司法局", "区级各行政执法部门", ""),
        (15, "完善信用修复机制",
         "推行信用修复“一口受理、协同办理”，符合条件的信用修复申请3个工作日内办结。",
         "区发展改革局", "区市场监管局、区税务局", "2025年8月底前"),
    ]),
    ("（五）强化法治保障", "刘文涛", [
        (16, "清理拖欠企业账款",
         "建立拖欠企业账款清理台账，对机关、事业单位和国有企业拖欠中小企业账款实行动态清零。",
         "区工信局\n区财政局", "区国资中心、各镇（街道）", "2025年11月底前"),
        (17, "畅通涉企诉求渠道",
         "依托12345政务服务便民热线设立营商环境投诉专席，涉企诉求办结率达到100%、满意率达到95%以上。",
         "区12345热线服务中心", "区政府各部门", "长期坚持"),
        (18, None,
         "落实领导干部包抓联系重点企业制度，每名区级领导至少联系3家重点企业，每季度走访不少于1次。",
         "区优化营商环境工作领导小组办公室", "区级各包抓领导联系单位", None),
    ]),
]


def tc_truth_tasks():
    tasks = []
    prev_lead = prev_dl = None
    for _, _, rows in TC_SECTIONS:
        for no, kt, measure, lead, coop, dl in rows:
            lead = prev_lead if lead is None else lead
            dl = prev_dl if dl is None else dl
            prev_lead, prev_dl = lead, dl
            resp = split_units(coop)
            if coop.startswith("区市场监管局、区生态环境分局"):
                # "…、区应急管理局等区级行政执法部门" read as four entries
                resp = ["区市场监管局", "区生态环境分局", "区应急管理局", "区级行政执法部门"]
            tasks.append(dict(number=no, content_start=measure[:12],
                              lead=lead.split("\n"), responsible=resp,
                              deadline=dl if dl else None))
    return tasks


def set_cell_font(cell, size=10.5, bold=False, align_center=False):
    from docx.shared import Pt
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    for p in cell.paragraphs:
        if align_center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for r in p.runs:
            r.font.size = Pt(size)
            r.font.bold = bold
            r.font.name = "仿宋_GB2312"
            r._element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")


def cell_text(cell, text, **kw):
    """Write text into a cell; '\n' separates paragraphs inside the cell."""
    parts = text.split("\n")
    cell.paragraphs[0].text = ""
    cell.paragraphs[0].add_run(parts[0])
    for p in parts[1:]:
        cell.add_paragraph().add_run(p)
    set_cell_font(cell, **kw)


def make_tongchuan():
    import docx
    from docx.shared import Pt, Cm, RGBColor
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement

    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "仿宋_GB2312"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    st.font.size = Pt(16)

    def para(text, size=16, bold=False, center=False, right=False, color=None, font=None, indent=True):
        p = d.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif right:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        r = p.add_run(text)
        r.font.size = Pt(size)
        r.font.bold = bold
        if color:
            r.font.color.rgb = RGBColor(*color)
        if font:
            r.font.name = font
            r._element.rPr.rFonts.set(qn("w:eastAsia"), font)
        return p

    para("桐川区人民政府办公室文件", size=36, center=True, color=(0xC0, 0, 0), font="方正小标宋简体")
    para(TC["wenhao"], center=True)
    para("")
    para(TC["title"], size=22, center=True, font="方正小标宋简体")
    para("")
    para("各镇人民政府、街道办事处，区政府各部门，区直各单位：", indent=False)
    para("《桐川区2025年优化营商环境重点任务分工方案》已经区政府第38次常务会议研究同意，现印发给你们，"
         "请结合实际认真抓好贯彻落实。各牵头单位要于每季度末月25日前将工作推进情况报送区优化营商环境工作"
         "领导小组办公室（设在区发展改革局）。")
    para("")
    para(TC["issuer"], right=True)
    para(TC["date"], right=True)
    para("（此件公开发布）", indent=True)

    # attachment in a landscape section
    sec = d.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    sec.left_margin = sec.right_margin = Cm(2)

    para("桐川区2025年优化营商环境重点任务分工方案", size=22, center=True, font="方正小标宋简体")
    para("为深入贯彻落实《优化营商环境条例》和省、市关于持续优化营商环境的决策部署，"
         "加快打造市场化、法治化、国际化一流营商环境，结合我区实际，制定本方案。")
    para("一、总体目标", font="黑体", indent=True)
    para("到2025年底，全区政务服务事项网上可办率稳定在98%以上，经营主体满意度持续提升，"
         "营商环境评价位居全市第一方阵。")
    para("二、重点任务", font="黑体", indent=True)

    headers = ["序号", "重点任务", "具体措施", "责任领导", "牵头单位", "配合单位", "完成时间"]
    widths = [Cm(1.2), Cm(3.4), Cm(8.6), Cm(1.8), Cm(3.2), Cm(4.0), Cm(2.6)]
    nrows = 1 + sum(1 + len(r) for _, _, r in TC_SECTIONS)
    t = d.add_table(rows=nrows, cols=7)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in t.rows:
        for i, c in enumerate(row.cells):
            c.width = widths[i]
    # header row, repeated on every page
    for i, h in enumerate(headers):
        cell_text(t.rows[0].cells[i], h, bold=True, align_center=True, size=11)
    trPr = t.rows[0]._tr.get_or_add_trPr()
    th = OxmlElement("w:tblHeader")
    th.set(qn("w:val"), "true")
    trPr.append(th)

    r = 1
    for sec_title, leader, rows in TC_SECTIONS:
        # section heading row: all 7 cells merged horizontally
        m = t.cell(r, 0).merge(t.cell(r, 6))
        cell_text(m, sec_title, bold=True, size=11)
        r += 1
        first = r
        last = r + len(rows) - 1
        # 责任领导 merged over the whole section
        lc = t.cell(first, 3).merge(t.cell(last, 3)) if last > first else t.cell(first, 3)
        cell_text(lc, leader, align_center=True)
        # vertical merges for key task / lead / deadline where row says None
        spans = {1: [], 4: [], 6: []}
        for k, (no, kt, measure, lead, coop, dl) in enumerate(rows):
            rr = first + k
            for col, val in ((1, kt), (4, lead), (6, dl)):
                if val is None:
                    spans[col][-1][1] = rr
                else:
                    spans[col].append([rr, rr, val])
            cell_text(t.cell(rr, 0), str(no), align_center=True)
            cell_text(t.cell(rr, 2), measure)
            cell_text(t.cell(rr, 5), coop)
        for col, lst in spans.items():
            for a, b, val in lst:
                c = t.cell(a, col).merge(t.cell(b, col)) if b > a else t.cell(a, col)
                cell_text(c, val, align_center=(col != 1))
        r = last + 1

    para("")
    para("三、保障措施", font="黑体", indent=True)
    para("（一）加强组织领导。区优化营商环境工作领导小组统筹推进各项任务落实，责任领导要定期听取分管领域"
         "任务推进情况汇报，协调解决重点难点问题。")
    para("（二）强化督查问效。区优化营商环境工作领导小组办公室会同区委区政府督查室对任务落实情况开展常态化"
         "督导，督导结果纳入年度目标责任考核。")
    para("（三）注重宣传引导。各牵头单位要及时总结推广典型经验做法，营造全社会共同关心支持营商环境建设的良好氛围。")

    para("附表", font="黑体", indent=False)
    para("各牵头单位营商环境工作联络员报送表", size=16, center=True, font="方正小标宋简体")
    f = d.add_table(rows=6, cols=5)
    f.style = "Table Grid"
    for i, h in enumerate(["单位名称", "联络员姓名", "职务", "办公电话", "手机号码"]):
        cell_text(f.rows[0].cells[i], h, bold=True, align_center=True, size=11)
    para("注：请各牵头单位于2025年3月20日前将本表报送区优化营商环境工作领导小组办公室。", size=12, indent=False)

    d.save(out(TC["name"], TC["file"]))


TC_Q = [
    dict(lang="zh", kind="task",
         question="“首席事务代表”制度这项措施由哪个单位牵头？什么时候完成？",
         must_include=["区行政审批服务局", "2025年4月底前"], any_of=[], must_not_include=["2025年6月底前"],
         source_quote="推行政务服务“首席事务代表”制度",
         note="第2项：牵头单位单元格与第1项纵向合并，合并单元格适用于第2项；完成时间不合并。"),
    dict(lang="en", kind="task",
         question="Which unit leads the measure on 简易注销 (simplified deregistration) and what is its deadline?",
         must_include=["区市场监管局", "2025年9月底前"], any_of=[], must_not_include=["2025年6月底前"],
         source_quote="开展经营主体歇业备案和简易注销“一网通办”",
         note="Task 6: lead cell is vertically merged with task 5; the deadline is its own cell."),
    dict(lang="zh", kind="task",
         question="“落实政府性融资担保降费政策”这项措施的牵头单位、配合单位和完成时间分别是什么？",
         must_include=["区财政局", "区融资担保公司", "2025年12月底前"], any_of=[],
         must_not_include=["区金融服务中心"],
         source_quote="落实政府性融资担保降费政策，小微企业和“三农”主体",
         note="第10项：完成时间单元格与第9、11项纵向合并；牵头单位是独立单元格（区财政局），不是上一行的区金融服务中心。"),
    dict(lang="zh", kind="task",
         question="第14项“综合查一次”措施的牵头单位和完成时间是什么？",
         must_include=["区司法局"], any_of=[], must_not_include=["2025年5月底前", "2025年8月底前"],
         source_quote="推行“综合查一次”和“扫码入企”",
         note="第14项完成时间单元格为空（不是合并单元格）：应回答未写明完成时间，不能借用上下行的时间。"),
    dict(lang="en", kind="fact",
         question="Who is the responsible leader (责任领导) for the tasks under 加强要素保障?",
         must_include=["赵建国"], any_of=[], must_not_include=[],
         source_quote=None,
         note="责任领导 cell is merged over tasks 9–12 of section （三）."),
    dict(lang="zh", kind="list",
         question="分工方案中哪些措施有两个牵头单位？分别是哪两个？",
         must_include=["区行政审批服务局", "区数据局", "区发展改革局", "区公共资源交易中心", "区工信局", "区财政局"],
         any_of=[], must_not_include=[],
         source_quote=None,
         note="第3、7、16项，两个牵头单位在同一单元格内分两段书写。"),
    dict(lang="zh", kind="count",
         question="这份分工方案一共列了多少项具体措施？",
         must_include=["18"], any_of=[], must_not_include=[],
         source_quote=None,
         note="18项；分节标题行（合并整行）和附表（联络员报送表）不是任务。"),
    dict(lang="en", kind="fact",
         question="What is the document number of this notice, and on what date was it issued?",
         must_include=["桐政办发〔2025〕9号", "2025年3月12日"], any_of=[], must_not_include=[],
         source_quote=None,
         note="Header 文号 and the date under the signature; 2025年3月20日 is the deadline for the 附表, not the notice date."),
    dict(lang="zh", kind="unanswerable",
         question="方案为“缓解企业融资难题”安排了多少区级财政专项资金？",
         must_include=[], any_of=[], must_not_include=[],
         source_quote=None, refuse=True,
         note="通知只写了新增普惠小微贷款不低于15亿元，没有写财政专项资金数额。"),
    dict(lang="en", kind="list",
         question="Which units cooperate (配合单位) on the 标准地 (standard land) measure, and who leads it?",
         must_include=["区自然资源局", "区发展改革局", "区工信局", "桐川经济开发区管委会"], any_of=[],
         must_not_include=[],
         source_quote="推行工业用地“标准地”出让，新供应工业用地",
         note="Task 11."),
]

# ---------------------------------------------------------------------------
# 2. 鹤岭县 — HTML
# ---------------------------------------------------------------------------
HL = dict(
    name="heling",
    file="heling-2025-anquan-renwu.html",
    issuer="鹤岭县安全生产委员会",
    wenhao="鹤安委〔2025〕2号",
    date="2025年2月18日",
    title="鹤岭县安全生产委员会关于印发《鹤岭县2025年安全生产重点工作任务分解表》的通知",
)
# category -> rows; row = (no, content(with <br>), lead or None(merged, rowspan), coop, deadline)
HL_CATS = [
    ("一、强化安全生产责任落实", [
        (1, "严格落实《地方党政领导干部安全生产责任制规定》，将安全生产纳入乡镇和县直部门年度目标责任考核，考核权重不低于5%。",
         "县安委办", "县委组织部<br>县考核办", "2025年3月底前"),
        (2, "修订完善县安委会成员单位安全生产工作职责清单，厘清新业态、新领域监管职责，防止出现监管空白。",
         None, "县委编办<br>县司法局", "2025年4月底前"),
        (3, "督促企业落实全员安全生产责任制，推动企业主要负责人每季度至少组织1次安全生产检查。<br>对重大事故隐患实行“清单制”管理，做到整改责任、措施、资金、时限、预案“五落实”。",
         "县安委会各成员单位", "各乡镇人民政府", "全年"),
        (4, "开展安全生产巡查，年内对各乡镇和县安委会重点成员单位巡查全覆盖。",
         "县安委办", "县纪委监委<br>县委组织部", "2025年10月底前"),
    ]),
    ("二、深入开展重大事故隐患专项排查整治", [
        (5, "全面推进安全生产治本攻坚三年行动2025年度各项任务，重大事故隐患动态清零。",
         "县安委办", "县安委会各成员单位", "2025年12月底前"),
        (6, "危险化学品：开展危险化学品企业、化工园区安全风险评估，推进老旧装置更新改造。",
         "县应急管理局", "县工信局<br>县市场监管局", "2025年9月底前"),
        (7, "道路交通：深化“一盔一带”安全守护行动，开展农村道路交通安全隐患排查整治，完善临水临崖路段安全防护设施。",
         "县公安局交警大队<br>县交通运输局", "县农业农村局<br>各乡镇人民政府", "2025年11月底前"),
        (8, "消防：开展高层建筑、大型商业综合体、电动自行车等消防安全专项整治，清理占用堵塞消防通道行为。",
         "县消防救援大队", "县住建局<br>县商务局<br>县市场监管局", "2025年10月底前"),
        (9, "城镇燃气：开展城镇燃气安全隐患排查整治，全面排查老旧管网、餐饮场所燃气使用安全隐患。",
         "县住建局", "县城管局<br>县市场监管局", "2025年8月底前"),
    ]),
    ("三、着力提升应急处置能力", [
        (10, "修订《鹤岭县生产安全事故应急预案》，组织开展预案演练，县级综合演练每年不少于1次。",
         "县应急管理局", "县安委会各成员单位", "2025年6月底前"),
        (11, "加强乡镇应急救援队伍建设，每个乡镇建成不少于20人的综合性应急救援队伍。",
         None, "各乡镇人民政府", "2025年9月底前"),
        (12, "完善防汛抗旱应急物资储备，汛前完成各类物资清点补充。",
         "县水利局<br>县应急管理局", "县发展改革局", "2025年5月15日前"),
        (13, "建立健全极端天气“叫应”机制，气象预警信息发布覆盖率达到95%以上。",
         "县气象局", "县应急管理局<br>县融媒体中心", ""),
    ]),
    ("四、持续夯实安全生产基础", [
        (14, "开展“安全生产月”和“安全宣传五进”活动，组织重点行业领域从业人员安全培训。",
         "县应急管理局", "县委宣传部<br>县教育局<br>县融媒体中心", "2025年6月"),
        (15, "推动危险化学品、非煤矿山、烟花爆竹等高危行业企业安装视频监控和在线监测系统，接入县安全生产风险监测预警平台。",
         None, "县工信局", "2025年12月底前"),
        (16, "落实安全生产举报奖励制度，对查实的重大事故隐患举报给予奖励，单笔最高奖励不超过30万元。",
         None, "县财政局", "长期"),
    ]),
]
HL_REPEAT_HEADER_BEFORE = 8  # table pasted page by page: header row (and category) repeated where page 2 starts


def hl_truth_tasks():
    tasks = []
    prev = None
    for _, rows in HL_CATS:
        for no, content, lead, coop, dl in rows:
            lead = prev if lead is None else lead
            prev = lead
            tasks.append(dict(number=no, content_start=content[:12], lead=lead.split("<br>"),
                              responsible=coop.split("<br>"), deadline=dl or None))
    return tasks


def make_heling():
    th = ('<tr class="tabhead"><th width="5%">序号</th><th width="13%">工作类别</th>'
          '<th width="40%">重点工作任务</th><th width="12%">牵头单位</th><th width="15%">配合单位</th>'
          '<th width="15%">时间节点</th></tr>')
    rows_html = [th]
    for cat, rows in HL_CATS:
        # lead rowspans
        lead_spans = []
        for k, (_, _, lead, _, _) in enumerate(rows):
            if lead is None:
                lead_spans[-1][1] += 1
            else:
                lead_spans.append([k, 1, lead])
        lead_at = {k: (n, l) for k, n, l in lead_spans}
        nos = [r[0] for r in rows]
        brk = nos.index(HL_REPEAT_HEADER_BEFORE) if HL_REPEAT_HEADER_BEFORE in nos[1:] else None
        for k, (no, content, lead, coop, dl) in enumerate(rows):
            if no == HL_REPEAT_HEADER_BEFORE:
                rows_html.append(th)
            tds = [f'<td align="center">{no}</td>']
            if k == 0 or k == brk:
                # category restated after the repeated header, as in a table pasted page by page
                n = (brk if k == 0 else len(rows) - brk) if brk else len(rows)
                rs = f' rowspan="{n}"' if n > 1 else ""
                tds.append(f'<td{rs} align="center">{cat}</td>')
            tds.append(f'<td style="text-align:left">{content}</td>')
            if k in lead_at:
                n, l = lead_at[k]
                rs = f' rowspan="{n}"' if n > 1 else ""
                tds.append(f'<td{rs} align="center">{l}</td>')
            tds.append(f'<td align="center">{coop}</td>')
            tds.append(f'<td align="center">{dl if dl else "&nbsp;"}</td>')
            rows_html.append("<tr>" + "".join(tds) + "</tr>")
    table = "\n".join(rows_html)

    html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{HL['title']}_鹤岭县人民政府</title>
<meta name="ArticleTitle" content="{HL['title']}">
<meta name="PubDate" content="2025-02-20 16:35">
<meta name="ContentSource" content="鹤岭县应急管理局">
<link rel="stylesheet" href="/static/css/xxgk.css">
</head>
<body>
<div class="top-bar">欢迎访问鹤岭县人民政府门户网站 | <a href="/wza/">无障碍</a> | <a href="/">长者模式</a></div>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfwj/">政府文件</a> &gt; 部门文件</div>
<div class="xxgk-meta">
<table class="xxgk-table" border="1" cellspacing="0" cellpadding="4">
<tr><td class="lab">索 引 号：</td><td>11431126MB1C04562X/2025-00031</td><td class="lab">主题分类：</td><td>安全生产</td></tr>
<tr><td class="lab">发布机构：</td><td>鹤岭县应急管理局</td><td class="lab">成文日期：</td><td>2025年02月18日</td></tr>
<tr><td class="lab">名　　称：</td><td colspan="3">{HL['title']}</td></tr>
<tr><td class="lab">文　　号：</td><td>{HL['wenhao']}</td><td class="lab">发布日期：</td><td>2025-02-20</td></tr>
<tr><td class="lab">有 效 性：</td><td colspan="3">有效</td></tr>
</table>
</div>
<div class="article">
<h1 class="art-title">{HL['title']}</h1>
<div class="art-info">来源：鹤岭县应急管理局　发布时间：2025-02-20 16:35　浏览次数：<span id="hits">1286</span>　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="TRS_Editor">
<p style="text-align:center">{HL['wenhao']}</p>
<p>各乡镇人民政府，县安委会各成员单位，县直有关单位：</p>
<p style="text-indent:2em">为深入贯彻落实习近平总书记关于安全生产重要论述，扎实推进安全生产治本攻坚三年行动，有效防范遏制各类生产安全事故，经县安委会研究同意，现将《鹤岭县2025年安全生产重点工作任务分解表》印发给你们，请认真抓好落实。</p>
<p style="text-indent:2em">各牵头单位要对照任务分解表，细化工作措施，明确完成时限，于每月5日前将上月工作进展情况报县安委办。县安委办将对任务落实情况进行跟踪督办，对工作推进不力的予以通报。</p>
<p style="text-align:right">鹤岭县安全生产委员会</p>
<p style="text-align:right">2025年2月18日</p>
<p style="text-indent:2em">（此件主动公开）</p>
<p><strong>附件</strong></p>
<p style="text-align:center"><strong>鹤岭县2025年安全生产重点工作任务分解表</strong></p>
<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">
<tbody>
{table}
</tbody>
</table>
<p>注：本表所称“县安委办”为县安全生产委员会办公室（设在县应急管理局）。</p>
<p style="text-indent:2em"><strong>工作要求</strong></p>
<p style="text-indent:2em">一是压实工作责任。各乡镇、各有关部门要将重点工作任务纳入本单位年度工作计划，主要负责同志亲自部署、亲自推动。</p>
<p style="text-indent:2em">二是加强协调配合。牵头单位要主动牵头抓总，配合单位要积极支持配合，形成工作合力。</p>
<p style="text-indent:2em">三是严格督导考核。县安委办将任务完成情况纳入年度安全生产考核，考核结果报县委、县政府。</p>
</div>
<div class="art-attach">附件下载：<a href="/uploads/2025/02/renwu.docx">鹤岭县2025年安全生产重点工作任务分解表.docx</a></div>
</div>
<div class="footer">主办：鹤岭县人民政府办公室　承办：鹤岭县政务数据服务中心<br>网站标识码：4311260001　ICP备案号：湘ICP备00000000号</div>
</body>
</html>
"""
    with open(out(HL["name"], HL["file"]), "w", encoding="utf-8") as fh:
        fh.write(html)


HL_Q = [
    dict(lang="zh", kind="fact",
         question="这份安全生产任务分解通知的文号和成文日期是什么？",
         must_include=["鹤安委〔2025〕2号", "2025年2月18日"], any_of=[], must_not_include=[],
         source_quote=None,
         note="成文日期2025年2月18日（落款；元数据表写作2025年02月18日）；2025-02-20是网站发布日期，不是成文日期。"),
    dict(lang="zh", kind="task",
         question="修订完善县安委会成员单位安全生产工作职责清单，由谁牵头、哪些单位配合？",
         must_include=["县安委办", "县委编办", "县司法局"], any_of=[], must_not_include=[],
         source_quote="修订完善县安委会成员单位安全生产工作职责清单",
         note="第2项：牵头单位单元格由第1项 rowspan=2 覆盖。"),
    dict(lang="en", kind="task",
         question="Who leads the rural road traffic safety task (一盔一带), and what is its deadline?",
         must_include=["县公安局交警大队", "县交通运输局", "2025年11月底前"], any_of=[], must_not_include=[],
         source_quote="道路交通：深化“一盔一带”安全守护行动",
         note="Task 7 has two leads separated by <br> in one cell."),
    dict(lang="zh", kind="task",
         question="建立极端天气“叫应”机制的牵头单位和时间节点是什么？",
         must_include=["县气象局"], any_of=[], must_not_include=["2025年5月15日前", "2025年9月底前"],
         source_quote="建立健全极端天气“叫应”机制，气象预警信息发布",
         note="第13项时间节点单元格为空（&nbsp;），应说明未写明时间节点。"),
    dict(lang="en", kind="fact",
         question="In the task table, what does 县安委办 refer to and where is it located?",
         must_include=["县安全生产委员会办公室", "县应急管理局"], any_of=[], must_not_include=[],
         source_quote="本表所称“县安委办”为县安全生产委员会办公室",
         note="From the 注 under the table."),
    dict(lang="zh", kind="count",
         question="任务分解表一共有多少项重点工作任务？",
         must_include=["16"], any_of=[], must_not_include=[],
         source_quote=None,
         note="16项；表中表头行重复出现一次（第8项之前），工作类别“二、…”随之重复；不要把表头计为任务；“工作要求”不是任务。"),
    dict(lang="zh", kind="list",
         question="县应急管理局牵头（包括共同牵头）的任务有哪些？",
         must_include=["危险化学品", "应急预案", "应急救援队伍", "应急物资储备", "安全生产月", "在线监测", "举报奖励"],
         any_of=[], must_not_include=["极端天气"],
         source_quote=None,
         note="第6、10、11、12（与县水利局共同牵头）、14、15、16项共7项；第11项和第15、16项的牵头单位来自 rowspan。第13项县应急管理局只是配合单位。"),
    dict(lang="en", kind="task",
         question="Which units cooperate on the fire-safety (消防) special rectification, and who leads it?",
         must_include=["县消防救援大队", "县住建局", "县商务局", "县市场监管局"], any_of=[], must_not_include=[],
         source_quote="开展高层建筑、大型商业综合体、电动自行车等消防安全专项整治",
         note="Task 8; cooperating units separated by <br>."),
    dict(lang="zh", kind="unanswerable",
         question="2024年鹤岭县共发生了多少起生产安全事故、死亡多少人？",
         must_include=[], any_of=[], must_not_include=[],
         source_quote=None, refuse=True,
         note="通知没有2024年事故统计数据。"),
    dict(lang="en", kind="fact",
         question="What is the maximum reward for a single verified report of a major accident hazard, and which units handle this task?",
         must_include=["30万元", "县应急管理局", "县财政局"], any_of=[], must_not_include=[],
         source_quote="对查实的重大事故隐患举报给予奖励，单笔最高奖励不超过30万元",
         note="Task 16; its lead cell is covered by the rowspan=3 starting at task 14."),
]

# ---------------------------------------------------------------------------
# 3. 枫溪县 — PDF
# ---------------------------------------------------------------------------
FX = dict(
    name="fengxi",
    file="fengxi-2025-xiangcun-zhenxing.pdf",
    issuer="中共枫溪县委农村工作领导小组办公室",
    wenhao="枫委农办发〔2025〕3号",
    date="2025年4月3日",
    title="中共枫溪县委农村工作领导小组办公室关于印发《枫溪县2025年全面推进乡村振兴重点任务清单》的通知",
)
# group -> (leader, rows); row = (no, content, units (first = lead), deadline, remark)
FX_GROUPS = [
    ("一、确保粮食安全和重要农产品稳定供给", "周德明", [
        (1, "严格落实粮食安全党政同责，全年粮食播种面积稳定在32.5万亩以上，产量稳定在12万吨以上。",
         "县农业农村局、县发展改革局、县统计局、各镇", "2025年10月底前", "省级考核指标"),
        (2, "新建高标准农田2.1万亩，改造提升1.5万亩，完成年度建设任务并通过验收。",
         "县农业农村局、县财政局、县自然资源局、县水利局", "2025年12月底前", ""),
        (3, "严格耕地保护，落实耕地占补平衡，稳妥有序开展撂荒地整治，年内整治撂荒地0.8万亩。",
         "县自然资源局、县农业农村局、各镇", "2025年11月底前", ""),
        (4, "稳定生猪产能，能繁母猪存栏保持在1.2万头左右，发展肉牛、肉羊等草食畜牧业。",
         "县农业农村局", "全年", ""),
    ]),
    ("二、巩固拓展脱贫攻坚成果", "吴晓兰", [
        (5, "健全防止返贫动态监测和帮扶机制，对监测对象应纳尽纳、应帮尽帮，坚决守住不发生规模性返贫致贫底线。",
         "县农业农村局、县民政局、县医保局、县教育局、县住建局、各镇", "长期", "省级考核指标"),
        (6, "加强帮扶产业分类指导，衔接资金用于产业发展的比重不低于60%。",
         "县农业农村局、县财政局", "2025年6月底前", "市级重点任务"),
        (7, "开展防止返贫就业攻坚行动，脱贫劳动力务工就业规模稳定在2.3万人以上。",
         "县人社局、县农业农村局、各镇", "2025年12月底前", ""),
        (8, "深化东西部协作和中央单位定点帮扶，积极争取协作资金和帮扶项目落地。",
         "县发展改革局、县农业农村局", "", "按上级部署推进"),
    ]),
    ("三、提升乡村产业发展水平", "郑国强", [
        (9, "做强茶叶、食用菌两大主导产业，新建标准化茶园0.5万亩，食用菌生产规模达到8000万袋。",
         "县农业农村局、县林业局、各镇", "2025年12月底前", ""),
        (10, "实施农产品加工业提升行动，新培育市级以上农业产业化龙头企业3家。",
         "县农业农村局、县工信局", "2025年11月底前", ""),
        (11, "推进农文旅融合发展，打造乡村旅游精品线路2条，创建省级乡村旅游示范村1个。",
         "县文化和旅游局、县农业农村局、各镇", "2025年10月底前", ""),
        (12, "发展农村电商，完善县镇村三级物流配送体系，农产品网络零售额增长10%以上。",
         "县商务局、县邮政分公司、县供销社", "2025年12月底前", ""),
    ]),
    ("四、推进宜居宜业和美乡村建设", "李卫东", [
        (13, "深入实施农村人居环境整治提升五年行动，新改建农村卫生厕所1200座，农村生活垃圾收运处置体系行政村覆盖率达到100%。",
         "县农业农村局、县住建局、县卫生健康局、市生态环境局枫溪分局", "2025年11月底前", "省级考核指标"),
        (14, "推进农村供水保障工程建设，农村自来水普及率达到92%以上。",
         "县水利局", "2025年9月底前", ""),
        (15, "实施农村道路提质改造工程，完成农村公路改造80公里。",
         "县交通运输局、各镇", "2025年12月底前", ""),
        (16, "创建市级以上美丽乡村示范村5个。",
         "县农业农村局、县住建局、县自然资源局、各镇", "2025年12月底前", ""),
    ]),
    ("五、加强和改进乡村治理", "黄志强", [
        (17, "深化抓党建促乡村振兴，排查整顿软弱涣散村党组织，年内完成整顿转化。",
         "县委组织部、各镇", "2025年10月底前", ""),
        (18, "推进农村移风易俗，治理高额彩礼、大操大办等突出问题，村规民约修订完善率达到100%。",
         "县委宣传部、县委农办、县民政局、各镇", "2025年8月底前", ""),
        (19, "发展壮大新型农村集体经济，集体经济年经营性收入10万元以上的村占比达到50%。",
         "县委农办、县农业农村局、县财政局", "2025年12月底前", "市级重点任务"),
        (20, "坚持和发展新时代“枫桥经验”，健全乡村矛盾纠纷多元化解机制，矛盾纠纷就地化解率达到90%以上。",
         "县委政法委、县司法局、县公安局、各镇", "长期", ""),
    ]),
]


FX_PAGE_BREAK_BEFORE = {11}  # task 11 starts page 3; group 三 (tasks 9-12) straddles the break


def fx_truth_tasks():
    tasks = []
    for _, _, rows in FX_GROUPS:
        for no, content, units, dl, _ in rows:
            u = split_units(units)
            tasks.append(dict(number=no, content_start=content[:12], lead=u[:1], responsible=u[1:],
                              deadline=dl or None))
    return tasks


def pack_units(units, maxlen):
    """Put units joined by 、 onto lines no longer than maxlen chars, breaking only after 、."""
    parts = split_units(units)
    lines, cur = [], ""
    for i, p in enumerate(parts):
        piece = p + ("、" if i < len(parts) - 1 else "")
        if cur and len(cur) + len(piece) > maxlen:
            lines.append(cur)
            cur = piece
        else:
            cur += piece
    lines.append(cur)
    return "<br/>".join(lines)


def make_fengxi():
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT, TA_LEFT
    from reportlab.lib import colors
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import (BaseDocTemplate, PageTemplate, Frame, Paragraph, Spacer, Table,
                                    TableStyle, NextPageTemplate, PageBreak)

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    F = "STSong-Light"
    body = ParagraphStyle("body", fontName=F, fontSize=14, leading=24, firstLineIndent=28, wordWrap="CJK")
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0)
    center = ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0)
    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT, firstLineIndent=0)
    red = ParagraphStyle("red", parent=center, fontSize=22, leading=32, textColor=colors.HexColor("#C00000"))
    ttl = ParagraphStyle("ttl", parent=center, fontSize=18, leading=28)
    cell = ParagraphStyle("cell", fontName=F, fontSize=9, leading=13, wordWrap="CJK")
    cellc = ParagraphStyle("cellc", parent=cell, alignment=TA_CENTER)
    head = ParagraphStyle("head", parent=cellc, fontSize=10)

    path = out(FX["name"], FX["file"])

    def footer(canv, doc):
        canv.saveState()
        canv.setFont(F, 10)
        w = canv._pagesize[0]
        canv.drawCentredString(w / 2, 12 * mm, f"— {doc.page} —")
        canv.restoreState()

    doc = BaseDocTemplate(path, pagesize=A4, title=FX["title"], author=FX["issuer"])
    pw, ph = A4
    fr_p = Frame(25 * mm, 25 * mm, pw - 50 * mm, ph - 50 * mm, id="p")
    lw, lh = landscape(A4)
    fr_l = Frame(15 * mm, 20 * mm, lw - 30 * mm, lh - 35 * mm, id="l")
    doc.addPageTemplates([
        PageTemplate(id="portrait", frames=[fr_p], pagesize=A4, onPage=footer),
        PageTemplate(id="landscape", frames=[fr_l], pagesize=landscape(A4), onPage=footer),
    ])

    s = []
    s.append(Paragraph("中共枫溪县委农村工作领导小组办公室", red))
    s.append(Spacer(1, 6))
    s.append(Paragraph(FX["wenhao"], center))
    s.append(Spacer(1, 18))
    # title broken over two lines, as printed notices do
    s.append(Paragraph("中共枫溪县委农村工作领导小组办公室关于印发<br/>《枫溪县2025年全面推进乡村振兴<br/>重点任务清单》的通知", ttl))
    s.append(Spacer(1, 12))
    s.append(Paragraph("各镇党委、政府，县委农村工作领导小组各成员单位：", plain))
    s.append(Paragraph("为深入贯彻落实2025年中央、省、市农村工作会议精神和中央一号文件部署，扎实推进乡村全面振兴，"
                       "经县委农村工作领导小组同意，现将《枫溪县2025年全面推进乡村振兴重点任务清单》印发给你们，"
                       "请结合实际抓好落实。", body))
    s.append(Paragraph("各牵头单位要会同配合单位细化工作举措，每季度末将任务推进情况书面报送县委农办，"
                       "全年工作总结于12月20日前报送。县委农办将把任务完成情况纳入乡村振兴实绩考核。", body))
    s.append(Spacer(1, 30))
    s.append(Paragraph(FX["issuer"], right))
    s.append(Paragraph(FX["date"], right))
    s.append(NextPageTemplate("landscape"))
    s.append(PageBreak())

    s.append(Paragraph("枫溪县2025年全面推进乡村振兴重点任务清单", ttl))
    s.append(Paragraph("说明：责任单位中排在第一位的为牵头单位，其余为配合单位；各镇为本辖区任务落实责任主体。", plain))
    s.append(Spacer(1, 6))

    hdr = ["序号", "重点任务", "工作内容", "责任领导", "责任单位", "时限要求", "备注"]
    colw = [10 * mm, 34 * mm, 95 * mm, 20 * mm, 50 * mm, 30 * mm, 26 * mm]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    # The table is cut into one Table per printed page (header repeated on each), the way Word
    # splits a table with vertically merged cells: the merged 重点任务/责任领导 cell of the group
    # that straddles the page break shows its text only in the first fragment.
    pages, cur = [], []
    for grp, leader, rows in FX_GROUPS:
        for k, row in enumerate(rows):
            if row[0] in FX_PAGE_BREAK_BEFORE and cur:
                pages.append(cur)
                cur = []
            cur.append((grp, leader, k, row))
    pages.append(cur)
    for pi, rows in enumerate(pages):
        data = [[Paragraph(h, head) for h in hdr]]
        spans = []
        first_of = {}
        for i, (grp, leader, k, (no, content, units, dl, remark)) in enumerate(rows, 1):
            show = grp not in first_of
            first_of.setdefault(grp, [i, i])[1] = i
            data.append([
                Paragraph(str(no), cellc),
                Paragraph(grp, cellc) if show and k == 0 else "",
                Paragraph(content, cell),
                Paragraph(leader, cellc) if show and k == 0 else "",
                Paragraph(pack_units(units, 12), cell),
                Paragraph(dl, cellc) if dl else "",
                Paragraph(remark, cellc) if remark else "",
            ])
        for a, b in first_of.values():
            spans.append(("SPAN", (1, a), (1, b)))
            spans.append(("SPAN", (3, a), (3, b)))
        t = Table(data, colWidths=colw, repeatRows=1)
        t.setStyle(TableStyle(style + spans))
        s.append(t)
        if pi < len(pages) - 1:
            s.append(PageBreak())
    s.append(Spacer(1, 10))
    s.append(Paragraph("抄送：县委办公室，县人大常委会办公室，县政府办公室，县政协办公室。", plain))
    doc.build(s)


FX_Q = [
    dict(lang="zh", kind="task",
         question="新建高标准农田这项任务的牵头单位是哪个？时限要求是什么？",
         must_include=["县农业农村局", "2025年12月底前"], any_of=[], must_not_include=[],
         source_quote="新建高标准农田2.1万亩，改造提升1.5万亩",
         note="第2项；按“排在第一位的为牵头单位”，牵头单位为县农业农村局，县财政局、县自然资源局、县水利局为配合单位。"),
    dict(lang="en", kind="task",
         question="Who leads the rural e-commerce (农村电商) task, and which units cooperate?",
         must_include=["县商务局", "县邮政分公司", "县供销社"], any_of=[], must_not_include=[],
         source_quote="发展农村电商，完善县镇村三级物流配送体系",
         note="Task 12: first listed unit (县商务局) is the lead per the 说明 line above the table."),
    dict(lang="zh", kind="task",
         question="深化东西部协作和定点帮扶这项任务的时限要求是什么？",
         must_include=["按上级部署推进"], any_of=[], must_not_include=["2025年12月底前", "2025年6月底前"],
         source_quote="深化东西部协作和中央单位定点帮扶",
         note="第8项时限要求为空，备注栏写“按上级部署推进”；应说明没有具体时限。"),
    dict(lang="zh", kind="fact",
         question="“巩固拓展脱贫攻坚成果”这部分任务的责任领导是谁？",
         must_include=["吴晓兰"], any_of=[], must_not_include=[],
         source_quote=None,
         note="责任领导单元格跨第5–8项合并。"),
    dict(lang="en", kind="count",
         question="How many tasks does the 乡村振兴 task list contain?",
         must_include=["20"], any_of=[], must_not_include=[],
         source_quote=None,
         note="20 tasks; the header row is repeated on each page of the landscape table and must not be counted."),
    dict(lang="zh", kind="list",
         question="备注为“省级考核指标”的任务有哪几项？",
         must_include=["粮食播种面积", "防止返贫动态监测", "卫生厕所"], any_of=[], must_not_include=[],
         source_quote=None,
         note="第1、5、13项。"),
    dict(lang="zh", kind="task",
         question="农村人居环境整治提升（卫生厕所、生活垃圾）这项任务由谁牵头、谁配合，什么时候完成？",
         must_include=["县农业农村局", "县住建局", "县卫生健康局", "市生态环境局枫溪分局", "2025年11月底前"],
         any_of=[], must_not_include=[],
         source_quote="深入实施农村人居环境整治提升五年行动",
         note="第13项，责任单位跨两行书写。"),
    dict(lang="en", kind="fact",
         question="Who issued this notice and what is its document number?",
         must_include=["中共枫溪县委农村工作领导小组办公室", "枫委农办发〔2025〕3号"], any_of=[], must_not_include=[],
         source_quote=None,
         note="Red header + 文号; title is printed over two lines."),
    dict(lang="en", kind="unanswerable",
         question="How much funding does the county allocate per mu for the new high-standard farmland?",
         must_include=[], any_of=[], must_not_include=[],
         source_quote=None, refuse=True,
         note="The list gives areas (2.1万亩, 1.5万亩) but no funding figure."),
    dict(lang="zh", kind="task",
         question="推进农文旅融合发展、打造乡村旅游精品线路这项任务，责任领导是谁？由哪个单位牵头？时限要求是什么？",
         must_include=["郑国强", "县文化和旅游局", "2025年10月底前"], any_of=[], must_not_include=["李卫东"],
         source_quote="推进农文旅融合发展，打造乡村旅游精品线路2条",
         note="第11项在第3页顶部；“三、提升乡村产业发展水平”和责任领导“郑国强”的合并单元格从第2页（第9、10项）延续过来，第3页这两行的合并单元格是空白的。"),
]

# ---------------------------------------------------------------------------
# 4. 青崖县 — Markdown outline
# ---------------------------------------------------------------------------
QY = dict(
    name="qingya",
    file="qingya-2025-fazhi-yaodian.md",
    issuer="青崖县人民政府办公室",
    wenhao="青政办发〔2025〕17号",
    date="2025年5月6日",
    title="青崖县人民政府办公室关于印发《青崖县2025年法治政府建设工作要点》的通知",
)

QY_TEXT = """# 青崖县人民政府办公室关于印发《青崖县2025年法治政府建设工作要点》的通知

**青政办发〔2025〕17号**

各乡镇人民政府、街道办事处，县政府各工作部门、各直属机构：

《青崖县2025年法治政府建设工作要点》已经县委全面依法治县委员会办公室审核、县政府同意，现印发给你们，请认真组织实施。各乡镇（街道）、各部门要于2025年7月10日、2026年1月10日前分别将半年、全年工作落实情况报县司法局。

青崖县人民政府办公室

2025年5月6日

（此件公开发布）

---

## 青崖县2025年法治政府建设工作要点

2025年是《法治政府建设实施纲要（2021—2025年）》的收官之年。为深入学习贯彻习近平法治思想，全面完成法治政府建设各项目标任务，结合我县实际，制定本工作要点。

### 一、总体要求

坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神，紧紧围绕县委、县政府中心工作，统筹推进法治政府建设各项任务，确保法治政府建设实施纲要确定的目标如期实现。

### 二、重点任务

#### （一）健全依法行政制度体系

1. 加强重大行政决策管理。编制并公布2025年度县政府重大行政决策事项目录，严格履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序。（牵头单位：县司法局；责任单位：县政府各部门；完成时限：2025年6月底前）

2. 规范行政规范性文件管理。严格落实行政规范性文件合法性审核机制，审核率、备案率、备案及时率均达到100%，年底前完成一次全面清理。（牵头单位：县司法局；责任单位：各乡镇人民政府、街道办事处，县政府各部门；完成时限：2025年12月底前）

3. 健全政府法律顾问制度。实现乡镇（街道）法律顾问全覆盖，村（社区）法律顾问配备率达到100%。（牵头单位：县司法局；责任单位：各乡镇人民政府、街道办事处；完成时限：2025年9月底前）

#### （二）持续优化政府职能

4. 动态调整权责清单。根据法律法规立改废释情况，及时调整县级政府部门权责清单并向社会公布。（县委编办牵头，县司法局、县政府各部门配合；2025年7月底前完成）

5. 全面实行行政许可事项清单管理。严格按照清单实施行政许可，坚决防止清单之外违法实施行政许可。（县行政审批服务局、县司法局牵头，县政府各部门配合）

6. 深化“互联网+监管”。推动部门联合“双随机、一公开”监管常态化，部门联合抽查占比达到35%以上。（县市场监管局牵头，县政府有关部门配合；2025年11月底前）

#### （三）严格规范公正文明执法

7. 推进行政执法“三项制度”全面落实，行政执法公示、执法全过程记录、重大执法决定法制审核制度执行率达到100%。

   - 牵头单位：县司法局
   - 配合单位：县级各行政执法部门
   - 时间节点：2025年9月底前

8. 开展行政执法案卷评查，县司法局每半年组织1次集中评查，各执法部门每季度开展1次自查。

   - 牵头单位：县司法局
   - 配合单位：县级各行政执法部门，各乡镇人民政府、街道办事处
   - 时间节点：6月、12月

9. 深化乡镇（街道）综合行政执法改革，对赋权事项开展评估，对基层“接不住、管不好”的事项及时调整。

   - 牵头单位：县委编办、县司法局
   - 配合单位：各乡镇人民政府、街道办事处

10. 加强行政执法人员管理，组织开展全县行政执法人员公共法律知识培训，每人每年培训不少于60学时。

   - 牵头单位：县司法局
   - 配合单位：县级各行政执法部门
   - 时间节点：2025年12月底前

#### （四）强化行政权力制约和监督

11. 发挥行政复议主渠道作用。全面落实新修订的《中华人民共和国行政复议法》，行政复议案件审结率达到95%以上。（牵头单位：县司法局；完成时限：长期坚持）

12. 提高行政应诉水平。落实行政机关负责人出庭应诉制度，负责人出庭应诉率保持100%。（牵头单位：县司法局；责任单位：县政府各部门，各乡镇人民政府、街道办事处；完成时限：长期坚持）

13. 全面推进政务公开。按时完成2025年政府信息公开工作年度报告编制和公布工作。（牵头单位：县政府办公室；责任单位：县政府各部门；完成时限：2026年1月31日前）

14. 加强政务诚信建设。开展政府机构失信问题专项治理，依法依规清理政府合同违约、拖欠账款等问题。（县发展改革局、县财政局牵头，县人民法院配合；2025年10月底前）

#### （五）提升依法行政能力

15. 落实领导干部学法用法制度。县政府常务会议会前学法每年不少于4次，举办领导干部法治专题讲座不少于2期。（牵头单位：县政府办公室；配合单位：县司法局；完成时限：2025年12月底前）

16. 落实法治政府建设年度报告制度。各乡镇（街道）、县政府各部门于每年3月1日前报告上一年度法治政府建设情况，并在4月1日前通过政府门户网站向社会公开。（责任单位：各乡镇人民政府、街道办事处，县政府各部门；完成时限：每年3月1日前）

### 三、保障措施

（一）加强组织领导。各乡镇（街道）、各部门主要负责人要切实履行推进法治建设第一责任人职责，对本单位法治政府建设重要工作亲自部署、重大问题亲自过问。

（二）强化督促落实。县委依法治县办将把工作要点落实情况纳入法治督察重点内容，对落实不力的单位进行通报。

（三）加强宣传引导。各乡镇（街道）、各部门要及时总结法治政府建设的经验做法，营造良好法治氛围。
"""

QY_TASKS = [
    (1, "加强重大行政决策管理。编", ["县司法局"], ["县政府各部门"], "2025年6月底前"),
    (2, "规范行政规范性文件管理。严", ["县司法局"], ["各乡镇人民政府", "街道办事处", "县政府各部门"], "2025年12月底前"),
    (3, "健全政府法律顾问制度。实现", ["县司法局"], ["各乡镇人民政府", "街道办事处"], "2025年9月底前"),
    (4, "动态调整权责清单。根据法律", ["县委编办"], ["县司法局", "县政府各部门"], "2025年7月底前"),
    (5, "全面实行行政许可事项清单管", ["县行政审批服务局", "县司法局"], ["县政府各部门"], None),
    (6, "深化“互联网+监管”。推动部", ["县市场监管局"], ["县政府有关部门"], "2025年11月底前"),
    (7, "推进行政执法“三项制度”全面", ["县司法局"], ["县级各行政执法部门"], "2025年9月底前"),
    (8, "开展行政执法案卷评查，县司", ["县司法局"], ["县级各行政执法部门", "各乡镇人民政府", "街道办事处"], "6月、12月"),
    (9, "深化乡镇（街道）综合行政执", ["县委编办", "县司法局"], ["各乡镇人民政府", "街道办事处"], None),
    (10, "加强行政执法人员管理，组织", ["县司法局"], ["县级各行政执法部门"], "2025年12月底前"),
    (11, "发挥行政复议主渠道作用。全", ["县司法局"], [], "长期坚持"),
    (12, "提高行政应诉水平。落实行政", ["县司法局"], ["县政府各部门", "各乡镇人民政府", "街道办事处"], "长期坚持"),
    (13, "全面推进政务公开。按时完成", ["县政府办公室"], ["县政府各部门"], "2026年1月31日前"),
    (14, "加强政务诚信建设。开展政府", ["县发展改革局", "县财政局"], ["县人民法院"], "2025年10月底前"),
    (15, "落实领导干部学法用法制度。", ["县政府办公室"], ["县司法局"], "2025年12月底前"),
    (16, "落实法治政府建设年度报告制", [], ["各乡镇人民政府", "街道办事处", "县政府各部门"], "每年3月1日前"),
]


def make_qingya():
    with open(out(QY["name"], QY["file"]), "w", encoding="utf-8") as fh:
        fh.write(QY_TEXT)


def qy_truth_tasks():
    starts = {int(m.group(1)): m.group(2)[:12] for m in re.finditer(r"^(\d+)\. (.+)$", QY_TEXT, re.M)}
    tasks = []
    for n, c, l, r, d in QY_TASKS:
        assert starts[n].startswith(c[:11]), (n, c, starts[n])
        tasks.append(dict(number=n, content_start=starts[n], lead=l, responsible=r, deadline=d))
    return tasks


QY_Q = [
    dict(lang="zh", kind="task",
         question="动态调整权责清单由哪个单位牵头？配合单位和完成时限是什么？",
         must_include=["县委编办", "县司法局", "县政府各部门", "2025年7月底前"], any_of=[], must_not_include=[],
         source_quote="县委编办牵头，县司法局、县政府各部门配合",
         note="第4项，字段写成“X牵头，Y配合；时间完成”的句式。"),
    dict(lang="en", kind="task",
         question="Who leads the task on 行政许可事项清单 (administrative licensing list), and what is its deadline?",
         must_include=["县行政审批服务局", "县司法局"], any_of=[], must_not_include=["2025年7月底前", "2025年11月底前"],
         source_quote="县行政审批服务局、县司法局牵头，县政府各部门配合",
         note="Task 5 has two leads and no deadline; neighbouring tasks 4 and 6 do."),
    dict(lang="zh", kind="task",
         question="法治政府建设年度报告制度这项任务由谁牵头？时限是什么？",
         must_include=["每年3月1日前"], any_of=[], must_not_include=[],
         source_quote="落实法治政府建设年度报告制度。各乡镇（街道）",
         note="第16项只写了责任单位（各乡镇人民政府、街道办事处，县政府各部门），没有写牵头单位；应说明未明确牵头单位。4月1日前是向社会公开的时间，不是完成时限。"),
    dict(lang="en", kind="fact",
         question="Which task has a deadline that falls in 2026, and which unit leads it?",
         must_include=["2026年1月31日前", "县政府办公室"], any_of=[], must_not_include=[],
         source_quote=None,
         note="Task 13 (政务公开年度报告). The cover letter's 2026年1月10日 is a reporting date, not a task deadline."),
    dict(lang="zh", kind="count",
         question="这份工作要点一共有多少项重点任务？",
         must_include=["16"], any_of=[], must_not_include=[],
         source_quote=None,
         note="16项（编号1—16）；“三、保障措施”下的（一）至（三）不是任务。"),
    dict(lang="zh", kind="list",
         question="“严格规范公正文明执法”部分各项任务的时间节点分别是什么？",
         must_include=["2025年9月底前", "6月、12月", "2025年12月底前"], any_of=[], must_not_include=[],
         source_quote=None,
         note="第7—10项字段单独成行；第9项没有时间节点行。"),
    dict(lang="en", kind="task",
         question="Who is responsible for the administrative reconsideration task (行政复议主渠道), and by when?",
         must_include=["县司法局", "长期坚持"], any_of=[], must_not_include=[],
         source_quote="发挥行政复议主渠道作用。全面落实新修订的",
         note="Task 11: lead only, no 责任单位 listed."),
    dict(lang="zh", kind="fact",
         question="这份通知的主送单位有哪些？",
         must_include=["各乡镇人民政府", "街道办事处", "县政府各工作部门", "各直属机构"], any_of=[], must_not_include=[],
         source_quote="各乡镇人民政府、街道办事处，县政府各工作部门、各直属机构",
         note="主送行。"),
    dict(lang="zh", kind="unanswerable",
         question="对法治政府建设考核不合格的单位扣多少分？",
         must_include=[], any_of=[], must_not_include=[],
         source_quote=None, refuse=True,
         note="保障措施只说“进行通报”，没有扣分标准。"),
    dict(lang="en", kind="list",
         question="Which tasks have two lead units, and who are they?",
         must_include=["县行政审批服务局", "县委编办", "县发展改革局", "县财政局"], any_of=[], must_not_include=[],
         source_quote=None,
         note="Tasks 5 (县行政审批服务局、县司法局), 9 (县委编办、县司法局), 14 (县发展改革局、县财政局)."),
]

# ---------------------------------------------------------------------------
NOTICES = [
    (TC, make_tongchuan, tc_truth_tasks, TC_Q,
     "docx: 附件表格中合并单元格（牵头单位、完成时间、重点任务、责任领导纵向合并；分节标题横向合并整行）适用于其跨越的每一行。"
     "responsible = 配合单位。第13项“……区应急管理局等区级行政执法部门”拆为四项。第14项完成时间为空单元格（非合并）→ null。"
     "附表联络员报送表不是任务。"),
    (HL, make_heling, hl_truth_tasks, HL_Q,
     "html: rowspan 适用于跨越的每一行；单元格内 <br> 分隔多个单位；responsible = 配合单位。第13项时间节点 &nbsp; → null。"
     "date 取落款成文日期，网站发布日期为2025-02-20。表头在第8项前重复一次，“二、深入开展重大事故隐患专项排查整治”在重复表头后再次出现（rowspan=2）。"),
    (FX, make_fengxi, fx_truth_tasks, FX_Q,
     "pdf: 按表前说明“责任单位中排在第一位的为牵头单位，其余为配合单位”：lead = 第一个单位，responsible = 其余单位（只有一个单位时为空）。"
     "第8项时限要求为空（备注“按上级部署推进”）→ null。标题在PDF中分两行排印。"),
    (QY, make_qingya, qy_truth_tasks, QY_Q,
     "md: 第1—6、11—16项字段在括号内，第7—10项字段单独成行；“X牵头，Y配合”句式中 X 为 lead、Y 为 responsible。"
     "第5、9项无完成时限 → null；第16项只写责任单位 → lead 为空；第11项只写牵头单位 → responsible 为空。"),
]


def write_all():
    for meta, make, truth_fn, qs, notes in NOTICES:
        make()
        tasks = truth_fn()
        truth = {"file": meta["file"], "title": meta["title"], "issuer": meta["issuer"],
                 "文号": meta["wenhao"], "date": meta["date"], "task_count": len(tasks),
                 "reading_notes": notes, "tasks": tasks}
        with open(out(meta["name"], "truth.json"), "w", encoding="utf-8") as fh:
            json.dump(truth, fh, ensure_ascii=False, indent=2)
        with open(out(meta["name"], "questions.jsonl"), "w", encoding="utf-8") as fh:
            for i, q in enumerate(qs, 1):
                rec = {"id": f"n001-{meta['name']}-{i:02d}", "lang": q["lang"], "kind": q["kind"], "doc": None,
                       "question": q["question"], "must_include": q["must_include"], "any_of": q["any_of"],
                       "must_not_include": q["must_not_include"], "refuse": q.get("refuse", False),
                       "source_quote": q["source_quote"], "note": q["note"]}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------
# Check
# ---------------------------------------------------------------------------
def notice_text(path):
    if path.endswith(".docx"):
        import docx
        from docx.oxml.ns import qn
        d = docx.Document(path)
        paras = []
        for p in d.element.body.iter(qn("w:p")):
            paras.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
        return "\n".join(paras)
    if path.endswith(".pdf"):
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            return "\n".join(pg.extract_text() or "" for pg in pdf.pages)
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def structural_count(path, text):
    """Count task rows from the file structure, independently of truth.json."""
    if path.endswith(".docx"):
        import docx
        d = docx.Document(path)
        return sum(1 for row in d.tables[0].rows if row.cells[0].text.strip().isdigit())
    if path.endswith(".html"):
        from bs4 import BeautifulSoup
        soup = BeautifulSoup(text, "html.parser")
        tab = soup.find("table", class_="MsoTableGrid")
        n = 0
        for tr in tab.find_all("tr"):
            tds = tr.find_all("td")
            if tds and tds[0].get_text(strip=True).isdigit():
                n += 1
        return n
    if path.endswith(".pdf"):
        # rows: lines of the table pages that start with the row number followed by content
        return len(set(int(m.group(1)) for m in re.finditer(r"^(\d{1,2}) \S", text, re.M)))
    if path.endswith(".md"):
        return len(re.findall(r"^\d+\. ", text, re.M))
    raise ValueError(path)


def check():
    ok = True

    def fail(msg):
        nonlocal ok
        ok = False
        print("  FAIL:", msg)

    for meta, _, _, _, _ in NOTICES:
        d = os.path.join(HERE, meta["name"])
        truth = json.load(open(os.path.join(d, "truth.json"), encoding="utf-8"))
        path = os.path.join(d, truth["file"])
        text = notice_text(path)
        flat = re.sub(r"\s+", "", text)
        print(f"{meta['name']}: {truth['file']}  ({len(text)} chars of text)")

        def has(s, what, loose=False):
            if s in text:
                return
            if loose and re.sub(r"\s+", "", s) in flat:
                print(f"  note: {what} {s!r} found only with line breaks removed")
                return
            fail(f"{what} {s!r} not in text")

        has(truth["title"], "title", loose=True)
        has(truth["issuer"], "issuer")
        if truth["文号"]:
            has(truth["文号"], "文号")
        has(truth["date"], "date")
        tasks = truth["tasks"]
        nums = [t["number"] for t in tasks]
        if nums != list(range(1, len(tasks) + 1)):
            fail(f"task numbers not 1..N: {nums}")
        if truth["task_count"] != len(tasks):
            fail("task_count mismatch")
        if not 10 <= len(tasks) <= 25:
            fail(f"{len(tasks)} tasks, want 10-25")
        sc = structural_count(path, text)
        if sc != len(tasks):
            fail(f"structural count {sc} != truth {len(tasks)}")
        else:
            print(f"  tasks: truth {len(tasks)} == structural {sc}")
        for t in tasks:
            cs = t["content_start"]
            if len(cs) != 12:
                fail(f"task {t['number']} content_start length {len(cs)}")
            if text.count(cs) != 1:
                fail(f"task {t['number']} content_start {cs!r} occurs {text.count(cs)} times")
            for u in t["lead"] + t["responsible"]:
                has(u, f"task {t['number']} unit")
            if t["deadline"]:
                has(t["deadline"], f"task {t['number']} deadline")
        qs = [json.loads(l) for l in open(os.path.join(d, "questions.jsonl"), encoding="utf-8")]
        if len(qs) != 10:
            fail(f"{len(qs)} questions")
        langs = {q["lang"] for q in qs}
        if langs != {"zh", "en"}:
            fail(f"languages {langs}")
        for q in qs:
            for key in ("must_include", "any_of", "must_not_include"):
                for s in q[key]:
                    has(s, f"{q['id']} {key}")
            sq = q["source_quote"]
            if sq is not None:
                if not 15 <= len(sq) <= 60:
                    fail(f"{q['id']} source_quote length {len(sq)}")
                has(sq, f"{q['id']} source_quote")
            if q["kind"] == "unanswerable" and not q["refuse"]:
                fail(f"{q['id']} unanswerable but refuse false")
            if q["refuse"] and q["must_include"]:
                fail(f"{q['id']} refuse with must_include")
        # count questions must agree with truth
        for q in qs:
            if q["kind"] == "count" and "一共" in q["question"] or "How many tasks" in q["question"]:
                if str(len(tasks)) not in q["must_include"]:
                    fail(f"{q['id']} count answer {q['must_include']} != {len(tasks)}")
    print("ALL OK" if ok else "CHECK FAILED")
    return ok


if __name__ == "__main__":
    if "--check" not in sys.argv:
        write_all()
    sys.exit(0 if check() else 1)
