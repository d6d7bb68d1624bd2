#!/usr/bin/env python3
"""Build three invented blind notices (md / docx / pdf) and their truth.json.

Conventions for truth.json (as a careful human reads the notice):
  lead        = the lead unit(s): the 牵头单位 field/column, or - where only a 责任单位 list is printed and
                the notice says "排在第一位的为牵头单位" - the first unit of that list (both units where the
                notice marks two as 共同牵头).
  responsible = the units printed in the task's 责任单位 field (full list, lead included), or, where the
                layout separates 牵头单位 from 配合单位/协办单位, the 配合单位/协办单位 list.
  deadline    = the 完成时限/完成时间/时间节点 value exactly as printed, or null when none is printed.
  Merged (spanned) cells apply to every row they span.
"""
import json
import os

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------
# Notice 1: Markdown outline, 湖南省永州市 (invented) 湘源县, 营商环境
# ---------------------------------------------------------------------------------------------
MD_FILE = "xiangyuan-2024-business-environment.md"
MD_TITLE = "湘源县人民政府办公室关于印发《湘源县2024年持续优化营商环境重点任务清单》的通知"
MD_ISSUER = "湘源县人民政府办公室"
MD_NO = "湘源政办发〔2024〕9号"
MD_DATE = "2024年3月28日"

# fmt: "lines" = 责任单位 / 完成时限 on two labelled lines; "oneline" = "责任单位：…；完成时限：…" on one line;
#      "paren" = fields in parentheses at the end of the paragraph (牵头单位 / 协办单位 / 完成时限).
MD_SECTIONS = [
    ("一、提升政务服务效能", None, [
        dict(n=1, fmt="lines",
             text="深化企业开办“一网通办”。将企业开办时间压缩至1个工作日以内，推行企业登记、公章刻制、发票申领、社保登记、住房公积金缴存登记“一表申请、一次办结”，为新开办企业免费发放首套印章。",
             resp=["县市场监督管理局", "县行政审批服务局", "县公安局", "县税务局", "县人力资源和社会保障局"],
             deadline="2024年6月底前"),
        dict(n=2, fmt="paren_resp",
             text="推行“高效办成一件事”。围绕企业和个人全生命周期，年内推出不少于13个“一件事”集成服务套餐，实现“一次告知、一表申请、一套材料、一窗受理”。",
             resp=["县行政审批服务局", "县数据资源局", "县直各相关单位"], deadline="2024年12月底前"),
        dict(n=3, fmt="oneline",
             text="建立帮办代办服务体系。在县政务服务中心设立“办不成事”反映窗口和企业帮办代办专区，为省市县重点项目提供全程免费帮办代办服务。",
             resp=["县行政审批服务局", "县发展和改革局"], deadline="2024年4月底前"),
        dict(n=4, fmt="lines",
             text="提升12345热线涉企诉求办理质效。建立涉企诉求“接诉即办、限时办结、回访问效”闭环机制，涉企诉求按时办结率不低于98%，企业满意率不低于95%。",
             resp=["县人民政府办公室", "县直各相关单位"], deadline=None),
        dict(n=5, fmt="lines",
             text="推进政务服务“就近办”。推动高频事项向基层延伸，每个乡镇（街道）便民服务中心可办事项不少于120项，村（社区）便民服务站可办事项不少于40项。",
             resp=["县行政审批服务局", "各乡镇（街道）"], deadline="2024年9月底前"),
    ]),
    ("二、维护公平竞争的市场环境", None, [
        dict(n=6, fmt="paren",
             text="全面落实市场准入负面清单制度。严格执行“全国一张清单”管理模式，按要求归集和通报违背市场准入负面清单典型案例，清理各类隐性门槛和不合理限制。",
             lead=["县发展和改革局", "县商务局"], coop=["县市场监督管理局"], deadline="长期坚持"),
        dict(n=7, fmt="oneline",
             text="强化公平竞争审查刚性约束。对县政府及各部门2023年以来出台的涉及经营主体经济活动的政策措施开展全面清理，新出台政策措施审查率达到100%。",
             resp=["县市场监督管理局", "县司法局"], deadline="2024年11月底前"),
        dict(n=8, fmt="lines",
             text="规范涉企行政检查。推行“综合查一次”，同一部门对同一企业的年度现场检查原则上不超过2次，无法定依据不得擅自开展检查。",
             resp=["县司法局", "县市场监督管理局", "县应急管理局", "永州市生态环境局湘源分局"], deadline="持续推进"),
        dict(n=9, fmt="lines",
             text="优化信用修复服务。推行行政处罚决定书和信用修复告知书“两书同达”，信用修复申请办理时限压缩至2个工作日。",
             resp=["县发展和改革局", "县市场监督管理局", "县税务局"], deadline="2024年10月底前"),
        dict(n=10, fmt="oneline",
             text="开展拖欠企业账款清理。建立拖欠企业账款台账，实行清偿进度月调度，严防新增拖欠。",
             resp=["县财政局", "县工业和信息化局", "各乡镇（街道）"], deadline="2024年12月底前"),
    ]),
    ("三、强化要素保障", None, [
        dict(n=11, fmt="lines",
             text="深化工业用地“标准地”出让改革。新增工业用地按“标准地”出让的比例不低于60%，推行“拿地即开工”。",
             resp=["县自然资源局", "湘源经济开发区管理委员会"], deadline="2024年12月底前"),
        dict(n=12, fmt="lines",
             text="降低企业用水用电用气成本。落实小微企业低压办电“零上门、零审批、零投资”，规范城镇燃气工程安装收费。",
             resp=["县发展和改革局", "国网湘源县供电公司", "县住房和城乡建设局"], deadline=None),
        dict(n=13, fmt="paren",
             text="强化金融服务支持。推广“信易贷”“湘信贷”等平台，全年新增普惠小微贷款不低于8亿元，涉企融资担保费率降至1%以下。",
             lead=["县财政局", "县金融工作服务中心"], coop=["县内各银行业金融机构"], deadline="2024年12月底前"),
        dict(n=14, fmt="oneline",
             text="加强企业用工保障。每季度举办“春风行动”“就业援助月”等专场招聘会不少于1场，组织职业院校与园区企业开展订单式培养。",
             resp=["县人力资源和社会保障局", "县教育局", "县总工会"], deadline="2024年7月底前"),
    ]),
    ("四、深化工程建设项目审批制度改革",
     "本部分任务按照《湘源县工程建设项目审批制度改革2024年工作要点》（湘源工改办〔2024〕2号）执行，本清单不再重复列出。",
     []),
    ("五、加强法治保障", None, [
        dict(n=15, fmt="lines",
             text="推行包容审慎监管。动态调整“首违不罚”“轻微免罚”事项清单，全县涉企“免罚”“轻罚”清单覆盖事项不少于300项。",
             resp=["县司法局", "县直各行政执法单位"], deadline="2024年8月底前"),
        dict(n=16, fmt="lines",
             text="依法保护企业合法权益。开展涉企积案清理和“挂案”专项清理，依法严厉打击强揽工程、强买强卖等侵害企业权益的违法犯罪行为。",
             resp=["县公安局", "县司法局"], deadline="2024年12月底前"),
        dict(n=17, fmt="oneline",
             text="开展损害营商环境问题专项整治。聚焦“吃拿卡要”“推诿扯皮”等作风问题，每季度通报一批典型案例。",
             resp=["县发展和改革局", "县政府督查室"], deadline="每季度末"),
        dict(n=18, fmt="paren_resp_nodeadline",
             text="建立政府守信践诺机制。全面梳理政府部门和乡镇（街道）对企业依法作出的政策承诺和签订的合同，建立履约台账，坚决杜绝“新官不理旧账”。",
             resp=["县发展和改革局", "县财政局", "各乡镇（街道）"], deadline=None),
    ]),
    ("六、营造亲商安商氛围", None, [
        dict(n=19, fmt="lines",
             text="落实县级领导联系重点企业制度。每名县级领导联系不少于3家重点企业，每季度至少走访1次，帮助协调解决企业困难问题。",
             resp=["县委办公室", "县人民政府办公室", "县工业和信息化局"], deadline="长期坚持"),
        dict(n=20, fmt="oneline",
             text="开展“湘源企业家日”活动。以11月1日为“湘源企业家日”，举办政企恳谈会，表彰一批优秀民营企业和企业家。",
             resp=["县工商业联合会", "县委统战部"], deadline="2024年11月底前"),
        dict(n=21, fmt="paren_resp",
             text="加强营商环境宣传和典型案例推广。在县融媒体中心开设“优化营商环境在行动”专栏，全年发布稿件不少于50篇。",
             resp=["县委宣传部", "县融媒体中心"], deadline="2024年12月底前"),
    ]),
]


def md_task_truth(t):
    if "lead" in t:
        lead, responsible = t["lead"], t["coop"]
    else:
        lead, responsible = [t["resp"][0]], t["resp"]
    return dict(number=t["n"], content_start=t["text"][:12], lead=lead, responsible=responsible,
                deadline=t["deadline"])


def build_md():
    L = []
    L.append("# 湘源县人民政府办公室")
    L.append("")
    L.append(f"**{MD_NO}**")
    L.append("")
    L.append("## " + MD_TITLE)
    L.append("")
    L.append("各乡镇人民政府、街道办事处，县直各单位，各驻县单位：")
    L.append("")
    L.append("为深入贯彻落实《优化营商环境条例》和《湖南省优化营商环境规定》，根据《永州市2024年优化营商环境工作要点》部署，"
             "经县人民政府同意，现将《湘源县2024年持续优化营商环境重点任务清单》印发给你们，请结合工作实际，认真抓好贯彻落实。")
    L.append("")
    L.append("湘源县人民政府办公室")
    L.append("")
    L.append(MD_DATE)
    L.append("")
    L.append("（此件主动公开）")
    L.append("")
    L.append("---")
    L.append("")
    L.append("## 湘源县2024年持续优化营商环境重点任务清单")
    L.append("")
    L.append("> 说明：各项任务“责任单位”中排在第一位的为牵头单位；单独列明“牵头单位”的，以所列牵头单位为准。")
    L.append("")
    for sec, note, tasks in MD_SECTIONS:
        L.append("### " + sec)
        L.append("")
        if note:
            L.append(note)
            L.append("")
        for t in tasks:
            head = f"{t['n']}. {t['text']}"
            f = t["fmt"]
            if f == "lines":
                L.append(head)
                L.append("")
                L.append("责任单位：" + "、".join(t["resp"]))
                if t["deadline"]:
                    L.append("")
                    L.append("完成时限：" + t["deadline"])
            elif f == "oneline":
                L.append(head)
                L.append("")
                L.append("责任单位：" + "、".join(t["resp"]) + "；完成时限：" + t["deadline"])
            elif f == "paren":
                L.append(head + "（牵头单位：" + "、".join(t["lead"]) + "；协办单位：" + "、".join(t["coop"]) +
                         "；完成时限：" + t["deadline"] + "）")
            elif f == "paren_resp":
                L.append(head + "（责任单位：" + "、".join(t["resp"]) + "；完成时限：" + t["deadline"] + "）")
            elif f == "paren_resp_nodeadline":
                L.append(head + "（责任单位：" + "、".join(t["resp"]) + "）")
            else:
                raise ValueError(f)
            L.append("")
    L.append("### 七、工作要求")
    L.append("")
    L.append("各牵头单位要细化工作措施，明确专人负责，于每季度结束后5个工作日内将任务推进情况报送县优化营商环境工作领导小组办公室"
             "（设在县发展和改革局，联系人：蒋晓峰，联系电话：0746-7221356）。县优化营商环境工作领导小组办公室将对任务落实情况进行跟踪调度，"
             "并将结果纳入年度绩效考核。")
    L.append("")
    with open(os.path.join(HERE, MD_FILE), "w", encoding="utf-8") as fh:
        fh.write("\n".join(L))
    tasks = [md_task_truth(t) for _, _, ts in MD_SECTIONS for t in ts]
    return dict(file=MD_FILE, title=MD_TITLE, issuer=MD_ISSUER, 文号=MD_NO, date=MD_DATE, tasks=tasks)


# ---------------------------------------------------------------------------------------------
# Notice 2: .docx, 安徽省安庆市 (invented) 桐溪县, 安全生产治本攻坚
# ---------------------------------------------------------------------------------------------
DOCX_FILE = "tongxi-2024-work-safety-tasks.docx"
DOCX_TITLE = "关于印发《桐溪县安全生产治本攻坚三年行动2024年重点任务清单》的通知"
DOCX_ISSUER = "桐溪县安全生产委员会"
DOCX_NO = "桐安〔2024〕6号"
DOCX_DATE = "2024年2月26日"

CHENG = "程立新\n（县委常委、常务副县长）"
ZHOU = "周海涛\n（副县长、县公安局局长）"
WU = "吴婧\n（副县长）"

# Each section: (header, [groups]); group = dict(task=重点任务, leader=..., rows=[row dicts],
#   optional merged 'deadline' / 'coop' across all rows of the group)
DOCX_SECTIONS = [
    ("一、压紧压实安全生产责任", [
        dict(task="（一）健全安全生产责任体系", leader=CHENG, rows=[
            dict(n=1, text="制定县安委会成员单位安全生产工作职责清单，动态更新“三个必须”责任清单，明确新业态新领域安全监管责任。",
                 deadline="2024年3月底前", lead=["县应急管理局"], coop=["县安委会各成员单位"], memo=""),
            dict(n=2, text="推动各乡镇、县直有关部门主要负责人讲授安全生产专题课，每年不少于1次。",
                 deadline="2024年12月底前", lead=["县应急管理局"], coop=["各乡镇人民政府", "县安委会各成员单位"], memo=""),
            dict(n=3, text="开展生产经营单位主要负责人安全生产法定职责落实情况专项检查，对履职不到位的依法追究责任。",
                 deadline="2024年6月底前", lead=["县应急管理局", "县市场监督管理局"], coop=["各乡镇人民政府"], memo=""),
        ]),
        dict(task="（二）强化安全生产考核巡查", leader=CHENG, deadline="2024年11月底前", rows=[
            dict(n=4, text="将安全生产工作纳入乡镇和县直部门年度目标管理绩效考核，严格落实“一票否决”。",
                 lead=["县应急管理局"], coop=["县委组织部"], memo=""),
            dict(n=5, text="开展县级安全生产巡查，全年覆盖不少于6个乡镇和8个重点行业部门。",
                 lead=["县安委会办公室"], coop=["县纪委监委机关", "县委组织部"], memo="巡查结果向县委、县政府报告"),
        ]),
    ]),
    ("二、深化重点行业领域专项整治", [
        dict(task="（三）道路交通安全", leader=ZHOU, rows=[
            dict(n=6, text="开展“一盔一带”、酒驾醉驾、超员超载等交通违法行为集中整治。",
                 deadline="持续推进", lead=["县公安局"], coop=["县交通运输局", "各乡镇人民政府"], memo=""),
            dict(n=7, text="完成农村公路临水临崖、急弯陡坡等危险路段安全防护设施建设不少于35公里。",
                 deadline="2024年10月底前", lead=["县交通运输局"], coop=["县公安局", "各乡镇人民政府"],
                 memo="列入2024年县政府民生实事"),
            dict(n=8, text="规范道路运输企业动态监控管理，重点营运车辆入网率、上线率均达到100%。",
                 deadline=None, lead=["县交通运输局"], coop=["县公安局"], memo=""),
        ]),
        dict(task="（四）建设施工安全", leader=WU, rows=[
            dict(n=9, text="开展房屋市政工程起重机械、深基坑、高支模等危险性较大的分部分项工程专项整治。",
                 deadline="2024年9月底前", lead=["县住房和城乡建设局"], coop=["县城市管理局"], memo=""),
            dict(n=10, text="排查整治经营性自建房安全隐患，完成存量隐患整治销号。",
                 deadline="2024年12月底前", lead=["县住房和城乡建设局", "县自然资源和规划局"], coop=["各乡镇人民政府"],
                 memo=""),
            dict(n=11, text="加强水利、交通在建工程施工安全监管，严厉打击违法分包、转包行为。",
                 deadline="持续推进", lead=["县水利局"], coop=["县交通运输局"], memo=""),
        ]),
        dict(task="（五）危险化学品和工贸安全", leader=WU, coop_span=(12, 13, ["县消防救援大队", "桐溪经济开发区管委会"]),
             rows=[
            dict(n=12, text="对全县危险化学品生产、储存、使用企业开展安全风险隐患排查，实现全覆盖。",
                 deadline="2024年6月底前", lead=["县应急管理局"], memo=""),
            dict(n=13, text="开展粉尘涉爆、有限空间作业、涉氨制冷等工贸企业专项治理。",
                 deadline="2024年8月底前", lead=["县应急管理局"], memo=""),
            dict(n=14, text="推进城镇燃气安全专项整治，完成老旧燃气管道更新改造8.6公里。",
                 deadline="2024年11月底前", lead=["县住房和城乡建设局"], coop=["县市场监督管理局", "县消防救援大队"],
                 memo="分两年实施"),
        ]),
    ]),
    ("三、提升防灾减灾救灾能力", [
        dict(task="（六）自然灾害防治", leader=ZHOU, rows=[
            dict(n=15, text="修订县级自然灾害救助应急预案，组织开展防汛抗旱综合应急演练不少于1次。",
                 deadline="2024年5月底前", lead=["县应急管理局"], coop=["县水利局", "县自然资源和规划局", "县气象局"], memo=""),
            dict(n=16, text="开展汛前地质灾害隐患点排查，落实“一点一策”防范措施。",
                 deadline="2024年4月底前", lead=["县自然资源和规划局"], coop=["各乡镇人民政府"], memo=""),
            dict(n=17, text="加强森林防灭火专业队伍建设，充实应急物资储备。",
                 deadline=None, lead=["县林业局", "县应急管理局"], coop=["各乡镇人民政府"], memo=""),
        ]),
    ]),
    ("四、加强消防安全综合治理（本部分任务由县消防安全委员会另行部署）", []),
    ("五、夯实安全生产基层基础", [
        dict(task="（七）基层监管能力建设", leader=CHENG, deadline="2024年12月底前", rows=[
            dict(n=18, text="推动各乡镇配齐应急管理专职工作人员，每个乡镇不少于3名。",
                 lead=["县委机构编制委员会办公室"], coop=["县应急管理局", "各乡镇人民政府"], memo=""),
            dict(n=19, text="开展安全生产执法人员轮训，全年培训不少于60人次。",
                 lead=["县应急管理局"], coop=["县司法局"], memo=""),
            dict(n=20, text="推进企业安全生产标准化建设，新增三级以上标准化达标企业12家。",
                 lead=["县应急管理局"], coop=["县经济和信息化局"], memo=""),
        ]),
        dict(task="（八）安全宣传教育", leader=CHENG, rows=[
            dict(n=21, text="组织开展“安全生产月”“安全宣传五进”等活动。",
                 deadline="2024年6月30日", lead=["县应急管理局", "县委宣传部"], coop=["县安委会各成员单位"], memo=""),
            dict(n=22, text="畅通安全生产举报渠道，落实举报奖励制度，及时兑现举报奖励。",
                 deadline=None, lead=["县应急管理局"], coop=["县财政局"], memo=""),
        ]),
    ]),
]

DOCX_COLS = ["序号", "重点任务", "具体措施", "完成时间", "责任领导", "牵头单位", "配合单位", "备注"]


def set_repeat_header(row):
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def cell_set(cell, text, size=9, bold=False, center=False):
    cell.text = ""
    lines = text.split("\n")
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        r = p.add_run(line)
        r.font.size = Pt(size)
        r.bold = bold
        r.font.name = "仿宋_GB2312"
        r._element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def para(doc, text, size=14, bold=False, center=False, right=False, font="仿宋_GB2312"):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.font.size = Pt(size)
    r.bold = bold
    r.font.name = font
    r._element.rPr.rFonts.set(qn("w:eastAsia"), font)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


def build_docx():
    doc = Document()
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Cm(1.8)
    para(doc, "桐溪县安全生产委员会文件", 22, True, center=True, font="方正小标宋简体")
    para(doc, DOCX_NO, 14, center=True)
    para(doc, DOCX_TITLE, 18, True, center=True, font="方正小标宋简体")
    para(doc, "各乡镇人民政府，县安委会各成员单位，县有关单位：")
    para(doc, "为深入贯彻落实国务院安委会《安全生产治本攻坚三年行动方案（2024—2026年）》和安徽省、安庆市有关部署，"
              "扎实推进我县安全生产治本攻坚三年行动，现将《桐溪县安全生产治本攻坚三年行动2024年重点任务清单》印发给你们，"
              "请各责任领导、牵头单位切实履职尽责，配合单位积极主动配合，确保各项任务按时完成。"
              "各牵头单位请于每月25日前将任务进展情况报县安委会办公室（县应急管理局）。")
    para(doc, "附件：桐溪县安全生产治本攻坚三年行动2024年重点任务清单")
    para(doc, "桐溪县安全生产委员会", right=True)
    para(doc, DOCX_DATE, right=True)
    para(doc, "（此件公开发布）")
    doc.add_page_break()
    para(doc, "附件", 14, True)
    para(doc, "桐溪县安全生产治本攻坚三年行动2024年重点任务清单", 18, True, center=True, font="方正小标宋简体")

    # count rows
    nrows = 1
    for _, groups in DOCX_SECTIONS:
        nrows += 1
        for g in groups:
            nrows += len(g["rows"])
    table = doc.add_table(rows=nrows, cols=len(DOCX_COLS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(1.0), Cm(2.6), Cm(6.2), Cm(2.2), Cm(2.4), Cm(2.4), Cm(2.6), Cm(1.8)]
    for row in table.rows:
        for i, w in enumerate(widths):
            row.cells[i].width = w
    for i, h in enumerate(DOCX_COLS):
        cell_set(table.cell(0, i), h, 10, True, True)
    set_repeat_header(table.rows[0])

    truth = []
    r = 1
    for header, groups in DOCX_SECTIONS:
        m = table.cell(r, 0).merge(table.cell(r, len(DOCX_COLS) - 1))
        cell_set(m, header, 10, True)
        r += 1
        for g in groups:
            r0 = r
            k = len(g["rows"])
            for row in g["rows"]:
                cell_set(table.cell(r, 0), str(row["n"]), center=True)
                cell_set(table.cell(r, 2), row["text"])
                if "deadline" not in g:
                    cell_set(table.cell(r, 3), row["deadline"] or "")
                cell_set(table.cell(r, 5), "\n".join(row["lead"]))
                if "coop" in row:
                    cell_set(table.cell(r, 6), "\n".join(row["coop"]))
                cell_set(table.cell(r, 7), row["memo"])
                r += 1
            # merged 重点任务 and 责任领导 over the group
            mt = table.cell(r0, 1).merge(table.cell(r - 1, 1))
            cell_set(mt, g["task"])
            ml = table.cell(r0, 4).merge(table.cell(r - 1, 4))
            cell_set(ml, g["leader"], center=True)
            if "deadline" in g:
                md = table.cell(r0, 3).merge(table.cell(r - 1, 3))
                cell_set(md, g["deadline"])
            if "coop_span" in g:
                a, b, units = g["coop_span"]
                ia = r0 + [x["n"] for x in g["rows"]].index(a)
                ib = r0 + [x["n"] for x in g["rows"]].index(b)
                mc = table.cell(ia, 6).merge(table.cell(ib, 6))
                cell_set(mc, "\n".join(units))
            for row in g["rows"]:
                coop = row.get("coop")
                if coop is None:
                    a, b, units = g["coop_span"]
                    coop = units
                truth.append(dict(number=row["n"], content_start=row["text"][:12], lead=row["lead"],
                                  responsible=coop, deadline=g.get("deadline", row.get("deadline"))))
    para(doc, "注：1.“牵头单位”栏列有两个单位的，两个单位共同牵头；“配合单位”栏中的“县安委会各成员单位”以县安委会成员名单为准。"
              "2.完成时间为“持续推进”的任务，牵头单位每半年报送一次阶段性进展。3.“完成时间”栏空白的任务为常态化工作，不设完成时限。", 10)
    doc.save(os.path.join(HERE, DOCX_FILE))
    return dict(file=DOCX_FILE, title=DOCX_TITLE, issuer=DOCX_ISSUER, 文号=DOCX_NO, date=DOCX_DATE, tasks=truth)


# ---------------------------------------------------------------------------------------------
# Notice 3: .pdf (reportlab, STSong-Light), 甘肃省定西市 (invented) 岷阳县, 乡村振兴
# ---------------------------------------------------------------------------------------------
PDF_FILE = "minyang-2024-rural-revitalization.pdf"
PDF_TITLE = "岷阳县人民政府办公室关于印发《岷阳县2024年全面推进乡村振兴重点任务分工方案》的通知"
PDF_ISSUER = "岷阳县人民政府办公室"
PDF_NO = "岷政办发〔2024〕28号"
PDF_DATE = "2024年4月9日"

CO = "（共同牵头）"
# rows: (n, text, units, deadline, co_leads)  co_leads = number of leading units marked 共同牵头 (0 = first is lead)
PDF_SECTIONS = [
    ("一、确保粮食和重要农产品稳定安全供给", [
        (1, "稳定粮食播种面积在52万亩以上，粮食总产量稳定在14.5万吨以上，全面落实粮食生产目标任务。",
         ["县农业农村局", "各乡镇人民政府"], "2024年10月底前", 0),
        (2, "新建高标准农田3.2万亩，同步推进高效节水灌溉，强化建后管护。",
         ["县农业农村局", "县水务局", "县财政局"], "2024年11月底前", 0),
        (3, "落实耕地保护和粮食安全党政同责，坚决遏制耕地“非农化”、基本农田“非粮化”。",
         ["县自然资源局", "县农业农村局", "各乡镇人民政府"], "长期坚持", 0),
        (4, "加强生猪产能调控，能繁母猪存栏稳定在1.1万头左右，稳定牛羊肉和蔬菜供给。",
         ["县农业农村局"], None, 0),
    ]),
    ("二、巩固拓展脱贫攻坚成果", [
        (5, "健全防止返贫动态监测和帮扶机制，对监测对象做到应纳尽纳、应帮尽帮，坚决守住不发生规模性返贫底线。",
         ["县农业农村局", "县民政局", "县医疗保障局", "县教育局", "各乡镇人民政府"], "每月", 0),
        (6, "脱贫劳动力务工就业规模稳定在4.6万人以上，对有劳动能力的监测对象落实“一对一”就业帮扶。",
         ["县人力资源和社会保障局", "县农业农村局"], "2024年12月底前", 0),
        (7, "财政衔接推进乡村振兴补助资金用于产业发展的比例不低于60%，资金全部下达到项目。",
         ["县财政局", "县农业农村局", "县发展和改革局"], "2024年6月底前", 2),
        (8, "加强扶贫项目资产后续管理，经营性资产确权登记率达到100%。",
         ["县农业农村局", "县财政局", "各乡镇人民政府"], "2024年9月底前", 0),
    ]),
    ("三、提升乡村产业发展水平", [
        (9, "做大做强中药材产业，新建当归、黄芪标准化种植基地5万亩，打造岷阳道地药材区域公用品牌。",
         ["县农业农村局", "县林业和草原局", "县市场监督管理局"], "2024年10月底前", 0),
        (10, "培育县级以上农业产业化龙头企业5家以上，新增农民专业合作社示范社10家、家庭农场示范场20家。",
         ["县农业农村局", "县工业和信息化局"], "2024年12月底前", 0),
        (11, "发展农村电子商务，建成县级电商公共服务中心和县乡村三级物流配送体系。",
         ["县商务局", "县邮政分公司"], "2024年8月底前", 0),
    ]),
    ("四、推进宜居宜业和美乡村建设", [
        (12, "新改建农村卫生户厕3000座，完成问题厕所摸排整改“回头看”。",
         ["县农业农村局", "县卫生健康局", "各乡镇人民政府"], "2024年10月底前", 0),
        (13, "推进农村生活污水治理，全县农村生活污水治理率提高到22%以上。",
         ["市生态环境局岷阳分局", "县住房和城乡建设局"], "2024年10月底前", 0),
        (14, "实施农村公路提质改造120公里，新增通客车建制村6个。",
         ["县交通运输局", "各乡镇人民政府"], "2024年11月底前", 0),
        (15, "巩固提升农村供水保障水平，农村自来水普及率达到95%以上。",
         ["县水务局"], "2024年12月底前", 0),
    ]),
    ("五、加强和改进乡村治理", [
        (16, "深化党建引领乡村治理，在全县推广积分制、清单制、数字化等治理方式。",
         ["县委组织部", "县委社会工作部", "县民政局"], None, 0),
        (17, "开展高额彩礼、大操大办、人情攀比等移风易俗重点领域突出问题专项治理。",
         ["县委宣传部", "县民政局", "各乡镇人民政府"], "2024年12月底前", 0),
        (18, "推进“一村一法律顾问”全覆盖，开展“法律明白人”培养工程。",
         ["县司法局"], "长期坚持", 0),
    ]),
    ("六、深化农村改革", None),
    ("七、强化乡村振兴要素保障", [
        (19, "提高土地出让收益用于农业农村比例，全年土地出让收入用于农业农村比例不低于8%。",
         ["县财政局", "县自然资源局", "县农业农村局"], "2024年12月底前", 2),
        (20, "实施高素质农民培育计划，全年培训高素质农民800人。",
         ["县农业农村局", "县人力资源和社会保障局"], "2024年11月底前", 0),
        (21, "扩大农业保险覆盖面，推进中药材、马铃薯等地方特色农产品保险扩面增品。",
         ["县财政局", "县农业农村局", "县内各保险机构"], "2024年6月底前", 0),
    ]),
]
PDF_SPAN_DEADLINE = (12, 13)   # 时间节点 cell spans tasks 12-13


def build_pdf():
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle, PageBreak

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    F = "STSong-Light"
    body = ParagraphStyle("body", fontName=F, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    plain = ParagraphStyle("plain", fontName=F, fontSize=12, leading=20, wordWrap="CJK")
    right = ParagraphStyle("right", parent=plain, alignment=2)
    center = ParagraphStyle("center", parent=plain, alignment=1)
    head = ParagraphStyle("head", fontName=F, fontSize=22, leading=30, alignment=1, textColor=colors.red)
    title = ParagraphStyle("title", fontName=F, fontSize=16, leading=24, alignment=1, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=F, fontSize=9.5, leading=13, wordWrap="CJK")
    cellc = ParagraphStyle("cellc", parent=cell, alignment=1)
    cellb = ParagraphStyle("cellb", parent=cell, fontSize=10)

    story = [
        Paragraph("岷阳县人民政府办公室", head), Spacer(1, 6),
        Paragraph(PDF_NO, center), Spacer(1, 12),
        Paragraph(PDF_TITLE, title), Spacer(1, 12),
        Paragraph("各乡镇人民政府，县政府各部门，县直有关单位：", plain),
        Paragraph("为深入贯彻落实《中共甘肃省委 甘肃省人民政府关于学习运用“千万工程”经验有力有效推进乡村全面振兴的实施意见》"
                  "和定西市相关工作部署，经县政府同意，现将《岷阳县2024年全面推进乡村振兴重点任务分工方案》印发给你们，"
                  "请结合实际认真抓好落实。各牵头单位要于每季度末月20日前向县委农村工作领导小组办公室报送任务进展情况，"
                  "全年工作总结于2024年12月20日前报送。", body),
        Spacer(1, 12),
        Paragraph("岷阳县人民政府办公室", right),
        Paragraph(PDF_DATE, right),
        Paragraph("（此件公开发布）", plain),
        Spacer(1, 18),
        Paragraph("岷阳县2024年全面推进乡村振兴重点任务分工方案", title),
        Paragraph("（责任单位中排在第一位的为牵头单位，其余为配合单位；标注“共同牵头”的，所标单位均为牵头单位。）", center),
        Spacer(1, 6),
    ]
    data = [[Paragraph("序号", cellc), Paragraph("工作任务", cellc), Paragraph("责任单位", cellc),
             Paragraph("时间节点", cellc)]]
    style = [
        ("FONTNAME", (0, 0), (-1, -1), F),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
    ]
    truth = []
    span_rows = {}
    for sec, rows in PDF_SECTIONS:
        label = sec if rows is not None else sec + "（本部分任务按照县委全面深化改革委员会2024年工作要点执行，本方案不再列出）"
        data.append([Paragraph(label, cellb), "", "", ""])
        style.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
        for (n, text, units, deadline, co) in rows or []:
            if co:
                utext = "、".join(units[:co]) + "<br/>" + CO + "<br/>" + "<br/>".join(units[co:])
                lead = units[:co]
            else:
                utext = "<br/>".join(units)
                lead = units[:1]
            dl = Paragraph(deadline, cellc) if deadline else ""
            if n == PDF_SPAN_DEADLINE[1]:
                dl = ""
            data.append([Paragraph(str(n), cellc), Paragraph(text, cell), Paragraph(utext, cell), dl])
            span_rows[n] = len(data) - 1
            truth.append(dict(number=n, content_start=text[:12], lead=lead, responsible=units, deadline=deadline))
    a, b = PDF_SPAN_DEADLINE
    style.append(("SPAN", (3, span_rows[a]), (3, span_rows[b])))
    t = Table(data, colWidths=[11 * mm, 79 * mm, 46 * mm, 34 * mm], repeatRows=1)
    t.setStyle(TableStyle(style))
    story.append(t)

    def footer(canv, d):
        canv.saveState()
        canv.setFont(F, 10)
        canv.drawCentredString(A4[0] / 2, 12 * mm, f"— {d.page} —")
        canv.restoreState()

    doc = SimpleDocTemplate(os.path.join(HERE, PDF_FILE), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=22 * mm, bottomMargin=22 * mm, title="岷阳县2024年全面推进乡村振兴重点任务分工方案")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return dict(file=PDF_FILE, title=PDF_TITLE, issuer=PDF_ISSUER, 文号=PDF_NO, date=PDF_DATE, tasks=truth)


# ---------------------------------------------------------------------------------------------
# Questions (10 per notice)
# ---------------------------------------------------------------------------------------------
MD_DOC, DOCX_DOC, PDF_DOC = (os.path.splitext(f)[0] for f in (MD_FILE, DOCX_FILE, PDF_FILE))


def Q(i, lang, kind, doc, q, must=(), any_of=(), mnot=(), refuse=False, quote=None, note=""):
    d = dict(id=f"n003-{i:02d}", lang=lang, kind=kind, doc=doc)
    if isinstance(q, list):
        d["turns"] = q
    else:
        d["question"] = q
    d.update(must_include=list(must), any_of=list(any_of), must_not_include=list(mnot), refuse=refuse,
             source_quote=quote, note=note)
    return d


QUESTIONS = [
    # ---- Notice 1: 湘源县 营商环境 (.md outline)
    Q(1, "zh", "task", MD_DOC, "湘源那个营商环境清单第8项是哪个单位牵头的？完成时限呢",
      must=["县司法局", "持续推进"], quote="责任单位：县司法局、县市场监督管理局、县应急管理局",
      note="Lead = first unit of the 责任单位 line (说明: 排在第一位的为牵头单位)."),
    Q(2, "en", "task", MD_DOC, "Who leads item six of Xiangyuan's 2024 business environment task list, and who assists?",
      must=["县发展和改革局", "县商务局", "县市场监督管理局"],
      quote="牵头单位：县发展和改革局、县商务局；协办单位：县市场监督管理局",
      note="Two lead units; fields in parentheses at the end of the paragraph."),
    Q(3, "zh", "task", MD_DOC, "湘源县优化营商环境第１２项降成本那条要求啥时候完成？",
      any_of=["未明确", "未列", "没有", "未规定", "未标注", "无完成时限", "未注明"], mnot=["2024年12月底前"],
      quote="责任单位：县发展和改革局、国网湘源县供电公司、县住房和城乡建设局",
      note="Item 12 has no 完成时限 line; the next item (13) says 2024年12月底前."),
    Q(4, "en", "fact", MD_DOC, "In Xiangyuan, how many matters should each township (street) convenience service center be able to handle, and each village service station?",
      must=["120", "40"], quote="便民服务中心可办事项不少于120项",
      note="Item 5."),
    Q(5, "zh", "list", MD_DOC, "县司法局在湘源营商环境这份清单里牵头了哪几项？",
      must=["规范涉企行政检查", "包容审慎监管"], mnot=["依法保护企业合法权益"],
      quote="责任单位：县司法局、县直各行政执法单位",
      note="Items 8 and 15 list 县司法局 first; in item 16 it is second (lead 县公安局); item 7 lead is 县市场监督管理局."),
    Q(6, "en", "count", MD_DOC, "How many tasks in the Xiangyuan business-environment list don't give any completion deadline?",
      must=["12", "18"], any_of=["3", "three", "三"], mnot=[],
      quote="责任单位：县人民政府办公室、县直各相关单位",
      note="Items 4, 12 and 18 have no 完成时限."),
    Q(7, "zh", "unanswerable", MD_DOC, "湘源县2024年优化营商环境一共安排了多少专项资金？", refuse=True,
      note="The notice gives loan targets (8亿元) but no budget for the work."),
    Q(8, "en", "unanswerable", MD_DOC, "What's the deadline for task 22 in the Xiangyuan business environment list?", refuse=True,
      note="The list ends at item 21."),
    Q(9, "zh", "followup", MD_DOC, ["湘源县那个优化营商环境任务清单是哪天印发的？", "它第四部分列了哪些任务？"],
      must=["湘源工改办〔2024〕2号"], any_of=["不再重复列出", "没有列", "未列"],
      quote="本部分任务按照《湘源县工程建设项目审批制度改革2024年工作要点》",
      note="Section 四 has no tasks; it refers to another document. First turn: 2024年3月28日."),
    Q(10, "en", "followup", MD_DOC, ["In the Xiangyuan list, who is responsible for task 13 on financial services?", "And by when must it be done?"],
      any_of=["2024年12月底前", "December 2024", "Dec 2024"], mnot=["2024年7月底前"],
      quote="协办单位：县内各银行业金融机构；完成时限：2024年12月底前",
      note="Item 13: leads 县财政局、县金融工作服务中心."),
    # ---- Notice 2: 桐溪县 安全生产 (.docx, merged cells)
    Q(11, "zh", "task", DOCX_DOC, "桐溪縣安全生产治本攻坚那个清单，第13项配合单位是谁？",
      must=["县消防救援大队", "桐溪经济开发区管委会"], quote="开展粉尘涉爆、有限空间作业、涉氨制冷等工贸企业专项治理",
      note="配合单位 cell is merged over items 12-13."),
    Q(12, "en", "task", DOCX_DOC, "For task 5 in Tongxi's work safety list, what's the completion time and which county leader is in charge?",
      must=["程立新"], any_of=["2024年11月底前", "November 2024", "Nov 2024"], mnot=["周海涛"],
      quote="开展县级安全生产巡查，全年覆盖不少于6个乡镇和8个重点行业部门",
      note="完成时间 merged over items 4-5; 责任领导 merged over items 1-5."),
    Q(13, "zh", "task", DOCX_DOC, "桐溪安全生产清单第十项自建房排查谁牵头",
      must=["县住房和城乡建设局", "县自然资源和规划局"], quote="排查整治经营性自建房安全隐患，完成存量隐患整治销号",
      note="Two lead units in one cell (jointly lead per the 注)."),
    Q(14, "en", "task", DOCX_DOC, "Item 19 in the Tongxi safety list (enforcement staff training) - what's the deadline?",
      any_of=["2024年12月底前", "December 2024", "Dec 2024"], mnot=["2024年11月底前"],
      quote="开展安全生产执法人员轮训，全年培训不少于60人次",
      note="完成时间 merged over items 18-20."),
    Q(15, "zh", "list", DOCX_DOC, "桐溪那个清单里吴婧副县长负责的具体措施都有哪些？",
      must=["起重机械", "自建房", "在建工程", "危险化学品", "粉尘涉爆", "燃气"], mnot=["森林防灭火"],
      quote="推进城镇燃气安全专项整治，完成老旧燃气管道更新改造8.6公里",
      note="责任领导 吴婧 merged over items 9-11 and 12-14."),
    Q(16, "en", "count", DOCX_DOC, "How many of Tongxi's 2024 safety tasks does the county housing and urban-rural development bureau lead, counting joint leads?",
      any_of=["3", "three", "三"], quote="排查整治经营性自建房安全隐患，完成存量隐患整治销号",
      note="Items 9, 10 (joint with 县自然资源和规划局) and 14."),
    Q(17, "zh", "fact", DOCX_DOC, "桐溪安委会这个清单里消防安全那部分安排了啥任务？",
      must=["县消防安全委员会"], any_of=["另行部署"],
      quote="四、加强消防安全综合治理（本部分任务由县消防安全委员会另行部署）",
      note="Section 四 has no task rows."),
    Q(18, "en", "unanswerable", DOCX_DOC, "What budget has Tongxi set aside for replacing the old gas pipelines in 2024?", refuse=True,
      note="Item 14 gives 8.6公里 but no money amount."),
    Q(19, "en", "unanswerable", DOCX_DOC, "What's the phone number of 程立新, the leader in charge of several Tongxi safety tasks?", refuse=True,
      note="No phone numbers in the notice."),
    Q(20, "zh", "followup", DOCX_DOC, ["桐溪县安委会的治本攻坚任务清单里，第8项是做什么的？", "那这项要求什么时候完成？"],
      any_of=["不设完成时限", "常态化", "没有", "未"], mnot=["2024年10月底前"],
      quote="“完成时间”栏空白的任务为常态化工作，不设完成时限",
      note="Item 8 完成时间 cell is blank; item 7 above says 2024年10月底前."),
    # ---- Notice 3: 岷阳县 乡村振兴 (.pdf)
    Q(21, "zh", "task", PDF_DOC, "岷阳县乡村振兴分工方案第七项谁牵头？",
      must=["县财政局", "县农业农村局"], quote="财政衔接推进乡村振兴补助资金用于产业发展的比",
      note="Two units marked （共同牵头）; 县发展和改革局 is 配合."),
    Q(22, "en", "task", PDF_DOC, "When is task 13 of the Minyang rural revitalization plan (rural sewage treatment) due?",
      any_of=["2024年10月底前", "October 2024", "Oct 2024"], mnot=["2024年11月底前"],
      quote="推进农村生活污水治理，全县农村生活污水治理率",
      note="时间节点 cell spans items 12-13."),
    Q(23, "zh", "task", PDF_DOC, "岷阳 第4项 生猪那个 时间节点是？",
      any_of=["未", "没有", "无"], mnot=["2024年10月底前"],
      quote="加强生猪产能调控，能繁母猪存栏稳定在1.1万头左",
      note="Item 4 has an empty 时间节点 cell."),
    Q(24, "en", "fact", PDF_DOC, "How much new high-standard farmland is Minyang supposed to build in 2024?",
      must=["3.2万亩"], quote="新建高标准农田3.2万亩，同步推进高效节水灌溉，", note="Item 2."),
    Q(25, "zh", "list", PDF_DOC, "岷陽縣方案裡哪些任務是長期堅持的？",
      must=["耕地", "法律顾问"], quote="落实耕地保护和粮食安全党政同责，坚决遏制耕地",
      note="Items 3 and 18 have 长期坚持."),
    Q(26, "en", "count", PDF_DOC, "How many tasks in Minyang's plan list 各乡镇人民政府 among the responsible units?",
      any_of=["7", "seven", "七"], quote="稳定粮食播种面积在52万亩以上，粮食总产量稳定",
      note="Items 1, 3, 5, 8, 12, 14, 17."),
    Q(27, "zh", "fact", PDF_DOC, "岷阳的乡村振兴方案里，深化农村改革部分有几项任务？",
      must=["县委全面深化改革委员会"],
      quote="六、深化农村改革（本部分任务按照县委全面深化改革委员会2024年工作要点执行",
      note="Section 六 has no tasks."),
    Q(28, "en", "unanswerable", PDF_DOC, "How many rural toilets did Minyang renovate in 2023?", refuse=True,
      note="Only the 2024 target (3000座) is given."),
    Q(29, "zh", "unanswerable", PDF_DOC, "岷阳县乡村振兴分工方案第22项任务的牵头单位是哪个？", refuse=True,
      note="The table ends at item 21."),
    Q(30, "en", "followup", PDF_DOC, ["Which units are responsible for task 19 in the Minyang rural revitalization plan?", "Which of them are the lead units?"],
      must=["县财政局", "县自然资源局"], quote="提高土地出让收益用于农业农村比例，全年土地出",
      note="县财政局、县自然资源局（共同牵头）; 县农业农村局 is 配合."),
]


def write_questions():
    with open(os.path.join(HERE, "questions.jsonl"), "w", encoding="utf-8") as fh:
        for q in QUESTIONS:
            fh.write(json.dumps(q, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    notices = [build_md(), build_docx(), build_pdf()]
    notes = __doc__.split("Conventions for truth.json")[1].strip()
    for n in notices:
        n["conventions"] = "truth.json conventions " + notes
    with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(notices, fh, ensure_ascii=False, indent=1)
    write_questions()
    for n in notices:
        print(n["file"], len(n["tasks"]))
