"""A synthetic government disclosure site for benchmarks: ``python tests/bench/generate.py DIR N [--seed S]``.

It follows the contract (shared spec, sections 1-3) exactly and builds without errors or warnings at
``--now 2026-11-27T12:00:00+08:00``: site.yaml, data/agencies.yaml with 20 agencies, and N catalog documents
in content/{disclosures,policies,interpretations,tenders}/<year>/ (each interpretation interprets an existing
policy, published the same day), every one reviewed (已审查) and about 1,400 Chinese characters long, plus a
few pages and topics; then, in proportion, 标准目录 in content/standards/ (2 per thousand, rows inline or in a CSV)
and 政策问答 in content/qa/ (5 per thousand, each citing a policy), and a monthly government gazette in
content/gazette/ listing the month's 行政规范性文件 (about 12 issues a year: 96 at N = 10,000, besides the N
documents). Topics and genres are drawn from the built-in taxonomy files. The same N and seed give
the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import string
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULTS = REPO_ROOT / "govsite" / "defaults"

FIRST_DAY = dt.date(2019, 1, 2)
LAST_DAY = dt.date(2026, 11, 20)  # before the benchmark's --now (2026-11-27): nothing is in the future
BODY_CHARS = 1400

# key, full name, 机关代字, preferred topics (parent or parent/child), subjects for titles and text
AGENCIES: list[tuple[str, str, str, list[str], list[str]]] = [
    (
        "czt",
        "示例省财政厅",
        "示财",
        ["财政、金融、审计/财政", "财政、金融、审计/审计"],
        ["省级财政专项资金", "预算绩效管理", "政府债务管理", "政府采购", "非税收入征管"],
    ),
    (
        "jyt",
        "示例省教育厅",
        "示教",
        ["科技、教育/教育"],
        ["义务教育课后服务", "高校毕业生就业", "学前教育普惠发展", "职业教育产教融合", "学生资助"],
    ),
    (
        "fgw",
        "示例省发展和改革委员会",
        "示发改",
        ["国民经济管理、国有资产监管/宏观经济", "国民经济管理、国有资产监管/重大建设项目"],
        ["重点建设项目", "营商环境优化", "价格监测", "节能降碳", "社会信用体系建设"],
    ),
    (
        "gxt",
        "示例省工业和信息化厅",
        "示工信",
        ["工业、交通"],
        ["制造业数字化转型", "中小企业发展", "工业园区建设", "专精特新企业培育", "工业节能"],
    ),
    (
        "kjt",
        "示例省科学技术厅",
        "示科",
        ["科技、教育/科技"],
        ["科技计划项目", "高新技术企业认定", "科技成果转化", "重点实验室建设", "科技特派员"],
    ),
    (
        "gat",
        "示例省公安厅",
        "示公",
        ["公安、安全、司法"],
        ["道路交通安全", "户籍管理服务", "出入境便民服务", "网络安全保护", "治安管理"],
    ),
    (
        "mzt",
        "示例省民政厅",
        "示民",
        ["民政、扶贫、救灾"],
        ["最低生活保障", "养老服务体系建设", "社会组织登记管理", "困难群众救助", "殡葬管理"],
    ),
    (
        "sft",
        "示例省司法厅",
        "示司",
        ["公安、安全、司法"],
        ["公共法律服务", "行政复议", "人民调解", "法治政府建设", "普法宣传"],
    ),
    (
        "rst",
        "示例省人力资源和社会保障厅",
        "示人社",
        ["劳动、人事、监察"],
        ["就业补助资金", "职业技能培训", "社会保险扶贫", "事业单位公开招聘", "劳动保障监察"],
    ),
    (
        "zrzyt",
        "示例省自然资源厅",
        "示自然资",
        ["国土资源、能源/土地", "国土资源、能源/矿产"],
        ["国土空间规划", "耕地保护", "不动产登记", "矿业权出让", "地质灾害防治"],
    ),
    (
        "sthjt",
        "示例省生态环境厅",
        "示环",
        ["城乡建设、环境保护"],
        ["大气污染防治", "水生态环境保护", "生态环境行政处罚", "固体废物管理", "环境影响评价"],
    ),
    (
        "zjt",
        "示例省住房和城乡建设厅",
        "示建",
        ["城乡建设、环境保护"],
        ["城镇老旧小区改造", "住房公积金管理", "建筑市场监管", "保障性住房建设", "城市更新"],
    ),
    (
        "jtyst",
        "示例省交通运输厅",
        "示交",
        ["工业、交通"],
        ["农村公路养护", "道路运输管理", "综合交通枢纽建设", "水路运输安全", "交通运输执法"],
    ),
    (
        "slt",
        "示例省水利厅",
        "示水",
        ["农业、林业、水利"],
        ["河湖长制", "水土保持", "农村供水保障", "水旱灾害防御", "水资源管理"],
    ),
    (
        "nynct",
        "示例省农业农村厅",
        "示农",
        ["农业、林业、水利"],
        ["高标准农田建设", "耕地地力保护补贴", "农产品质量安全", "乡村产业发展", "动物疫病防控"],
    ),
    (
        "swt",
        "示例省商务厅",
        "示商",
        ["商贸、海关、旅游"],
        ["外贸稳增长", "消费品以旧换新", "县域商业体系建设", "利用外资", "电子商务发展"],
    ),
    (
        "whlyt",
        "示例省文化和旅游厅",
        "示文旅",
        ["商贸、海关、旅游", "文化、广电、新闻出版"],
        ["公共文化服务", "旅游市场秩序整治", "非物质文化遗产保护", "文物安全", "A级旅游景区管理"],
    ),
    (
        "wsjkw",
        "示例省卫生健康委员会",
        "示卫健",
        ["卫生、体育"],
        ["基层医疗卫生机构绩效考核", "家庭医生签约服务", "公共卫生应急", "医疗机构监管", "妇幼健康服务"],
    ),
    (
        "yjglt",
        "示例省应急管理厅",
        "示应急",
        ["市场监管、安全生产监管"],
        ["安全生产专项整治", "防汛防台风", "森林防灭火", "危险化学品安全", "应急救援队伍建设"],
    ),
    (
        "scjgj",
        "示例省市场监督管理局",
        "示市监",
        ["市场监管、安全生产监管"],
        ["食品安全抽检", "特种设备安全", "知识产权保护", "价格监督检查", "市场主体登记"],
    ),
]

KIND_WEIGHTS = {"disclosures": 40, "policies": 25, "interpretations": 15, "tenders": 20}
NUMERALS = "一二三四五六七八九十"

# Sentences the bodies are made of; {s} subject, {a} agency, {y} year.
SENTENCES = [
    "为深入贯彻落实党中央、国务院决策部署，进一步做好{s}工作，结合我省实际，制定本方案。",
    "各地各部门要充分认识{s}的重要意义，把这项工作摆在更加突出的位置，切实加强组织领导。",
    "{a}会同有关部门建立工作协调机制，定期研究解决{s}中的重点难点问题。",
    "到{y}年底，全省{s}制度体系基本健全，工作机制更加完善，服务水平明显提升。",
    "坚持问题导向和目标导向，聚焦群众反映强烈的突出问题，推动{s}取得实效。",
    "各市、县（区）人民政府是{s}的责任主体，主要负责同志要亲自部署、亲自推动。",
    "严格落实信息公开要求，除依法不予公开的以外，有关情况应当及时向社会公布。",
    "加强资金保障，各级财政部门要按照事权与支出责任相适应的原则，统筹安排相关经费。",
    "建立健全监督考核机制，将{s}情况纳入年度绩效考核，考核结果作为奖惩的重要依据。",
    "充分运用政务服务平台，推行网上办理、掌上办理，做到“一次告知、一表申请、一窗受理”。",
    "对工作推进不力、问题整改不到位的地区和单位，予以通报批评，并督促限期整改。",
    "广泛开展政策宣传解读，通过政府网站、新闻发布会、政务新媒体等渠道回应社会关切。",
    "{y}年，全省共完成{s}相关任务{n}项，惠及群众{m}万人次，群众满意度持续提高。",
    "各有关单位应于每季度结束后10个工作日内，将{s}进展情况报送{a}。",
    "对符合条件的申请事项，应当在受理之日起20个工作日内作出决定；情况复杂的，经批准可以延长。",
    "鼓励社会力量参与{s}，引导企业、社会组织和志愿者发挥积极作用，形成工作合力。",
    "加强数据共享和业务协同，打破信息壁垒，提高{s}的精细化、智能化水平。",
    "强化风险防控，健全应急处置预案，确保{s}各项工作安全有序推进。",
    "本通知自印发之日起施行，执行中遇到的问题，请及时向{a}反映。",
    "经审核，现将有关情况予以公布，公布期间如有异议，可以书面形式向{a}反映。",
    "下一步，我们将持续加大工作力度，巩固提升{s}成效，不断增强人民群众的获得感、幸福感、安全感。",
    "根据《中华人民共和国政府信息公开条例》有关规定，结合{s}实际情况，对相关事项作如下说明。",
]
HEADINGS = {
    "policies": ["总体要求", "主要任务", "支持政策", "保障措施", "监督管理", "附则"],
    "interpretations": ["出台背景", "制定依据", "主要内容", "创新举措", "适用范围", "施行时间"],
    "disclosures": ["基本情况", "主要做法", "工作成效", "存在问题", "下一步安排", "联系方式"],
    "tenders": ["项目概况", "采购需求", "供应商资格要求", "获取采购文件", "提交投标文件", "联系方式"],
    "powers": ["事项说明", "时限计算", "监督方式"],
    "guides": ["温馨提示", "常见问题", "监督投诉"],
}

TENDER_ITEMS = [
    "信息化运维服务",
    "办公设备",
    "安全评估服务",
    "物业管理服务",
    "政务数据治理",
    "监测设备",
    "宣传服务",
    "课题研究",
    "系统升级改造",
    "印刷服务",
]
SUPPLIERS = [
    "示例数字科技有限公司",
    "示例信息技术股份有限公司",
    "示例工程咨询有限公司",
    "示例环境检测有限公司",
    "示例物业服务有限公司",
    "示例软件有限公司",
]
AUDIENCES = ["社会公众", "企业", "个体工商户", "高校毕业生", "农村居民", "老年人", "社会组织", "各级行政机关"]


@dataclass
class Agency:
    key: str
    name: str
    short: str
    topics: list[str]
    subjects: list[str]
    code: str


@dataclass
class Doc:
    kind: str
    path: Path  # relative to content/
    year: int
    index_no: str
    written: dt.date
    published: dt.date
    agency: Agency
    subject: str
    title: str
    front: dict[str, Any] = field(default_factory=dict)
    body: str = ""


def load_taxonomy() -> tuple[list[str], list[str]]:
    """Every valid topic value ('parent' and 'parent/child') and every genre name, from the built-in files."""
    topics_data = yaml.safe_load((DEFAULTS / "topics.yaml").read_text(encoding="utf-8"))
    topics: list[str] = []
    for parent in topics_data:
        topics.append(parent["name"])
        topics.extend(f"{parent['name']}/{child}" for child in parent.get("children") or [])
    genres_data = yaml.safe_load((DEFAULTS / "genres.yaml").read_text(encoding="utf-8"))
    groups = genres_data.values() if isinstance(genres_data, dict) else [genres_data]
    genres = [g["name"] if isinstance(g, dict) else str(g) for group in groups for g in group]
    return topics, genres


def make_agencies(rng: random.Random) -> list[Agency]:
    alphabet = string.digits + string.ascii_uppercase
    codes: set[str] = set()
    agencies = []
    for key, name, short, topics, subjects in AGENCIES:
        while True:  # 统一社会信用代码-shaped: 11 + 440000 + 10 characters
            code = "11440000" + "".join(rng.choice(alphabet) for _ in range(10))
            if code not in codes:
                codes.add(code)
                break
        agencies.append(Agency(key, name, short, topics, subjects, code))
    return agencies


def pick_topic(rng: random.Random, agency: Agency, all_topics: list[str]) -> str:
    valid = [t for t in agency.topics if t in all_topics]
    if valid and rng.random() < 0.85:
        return rng.choice(valid)
    return rng.choice(all_topics)


def pick_genre(rng: random.Random, wanted: list[str], all_genres: list[str]) -> str:
    valid = [g for g in wanted if g in all_genres]
    return rng.choice(valid) if valid else rng.choice(all_genres)


def rules_name(subject: str) -> str:
    """预算绩效管理 → 预算绩效管理办法; 学生资助 → 学生资助管理办法."""
    return subject + ("办法" if subject.endswith("管理") else "管理办法")


def random_day(rng: random.Random, start: dt.date = FIRST_DAY, end: dt.date = LAST_DAY) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def body_text(
    rng: random.Random, kind: str, agency: Agency, subject: str, year: int, links: list[str]
) -> str:
    """About BODY_CHARS characters: an opening paragraph, then ## sections of two or three paragraphs."""
    fill = {"s": subject, "a": agency.name, "y": str(year)}

    def paragraph() -> str:
        chosen = rng.sample(SENTENCES, rng.randint(2, 4))
        return "".join(t.format(n=rng.randint(12, 980), m=rng.randint(2, 600), **fill) for t in chosen)

    parts = [paragraph()]
    size = len(parts[0])
    headings = HEADINGS[kind]
    section = 0
    while size < BODY_CHARS - 200 and section < len(headings):  # sections add ~200 on average past it
        heading = f"## {NUMERALS[section]}、{headings[section]}"
        parts.append(heading)
        for _ in range(rng.randint(2, 3)):
            text = paragraph()
            parts.append(text)
            size += len(text)
        if section == 1 and rng.random() < 0.2:
            parts.append(
                "| 项目 | 责任单位 | 完成时限 |\n|---|---|---|\n"
                + "\n".join(
                    f"| {subject}任务{i} | {agency.name} | {year}年{rng.randint(1, 12)}月 |"
                    for i in range(1, 4)
                )
            )
        section += 1
    for link in links:
        parts.append(f"相关文件：[{link.split('|')[0]}]({link.split('|')[1]})。")
    return "\n\n".join(parts) + "\n"


def front_matter_text(front: dict[str, Any]) -> str:
    return yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000)


def generate(root: Path, n: int, seed: int = 1) -> list[Path]:
    """Write a synthetic site with ``n`` catalog documents into ``root``; returns the documents' paths."""
    rng = random.Random(seed)
    all_topics, all_genres = load_taxonomy()
    agencies = make_agencies(rng)
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(
        "title: 示例省人民政府信息公开（基准测试）\n"
        "base_url: https://www.example.gov.cn/xxgk/\n"
        "language: zh-CN\n"
        "timezone: Asia/Shanghai\n"
        "publisher:\n"
        "  sponsor: 示例省人民政府办公厅\n"
        "  operator: 示例省大数据中心\n"
        '  site_code: "4400000001"\n'
        "  icp: 粤ICP备00000000号\n"
        "  police: 粤公网安备44010402000000号\n"
        "  contact: {phone: 020-00000000, email: xxgk@example.gov.cn, address: 示例省示例市示例路1号}\n"
        "pagination: 20\n"
        "feed_limit: 50\n",
        encoding="utf-8",
    )
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "agencies.yaml").write_text(
        yaml.safe_dump(
            [{"key": a.key, "name": a.name, "code": a.code} for a in agencies],
            allow_unicode=True,
            sort_keys=False,
        ),
        encoding="utf-8",
    )

    seq: Counter[tuple[str, int]] = Counter()  # (agency code, year) → last 索引号 sequence number
    doc_no_seq: Counter[tuple[str, int]] = Counter()
    stems: Counter[tuple[str, int]] = Counter()
    docs: list[Doc] = []
    policies: list[Doc] = []
    tenders_open: list[Doc] = []
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())

    def new_doc(
        kind: str,
        agency: Agency,
        written: dt.date,
        published: dt.date,
        subject: str,
        title: str,
        stem_prefix: str,
    ) -> Doc:
        year = written.year
        seq[(agency.code, year)] += 1
        stems[(kind, year)] += 1
        index_no = f"{agency.code}/{year}-{seq[(agency.code, year)]:05d}"
        path = Path(kind) / str(year) / f"{stem_prefix}-{agency.key}-{stems[(kind, year)]:05d}.md"
        return Doc(kind, path, year, index_no, written, published, agency, subject, title)

    for _ in range(n):
        kind = rng.choices(kinds, weights)[0]
        if kind == "interpretations" and not policies:
            kind = "policies"
        agency = rng.choice(agencies)
        subject = rng.choice(agency.subjects)
        written = random_day(rng)
        published = min(written + dt.timedelta(days=rng.randint(0, 6)), LAST_DAY)
        front: dict[str, Any] = {}

        if kind == "policies":
            category = rng.choices(["行政规范性文件", "其他", "规章"], [60, 32, 8])[0]
            doc_no_seq[(agency.code, written.year)] += 1
            k = doc_no_seq[(agency.code, written.year)]
            if category == "规章":
                title = f"示例省{rules_name(subject)}"
                genre = pick_genre(rng, ["命令（令）"], all_genres)
                doc_no = f"示例省人民政府令第{k}号"
            else:
                verb = rng.choice(
                    [
                        "关于印发《示例省{r}》的通知",
                        "关于进一步加强{s}工作的意见",
                        "关于做好{y}年{s}工作的通知",
                        "关于推进{s}高质量发展的实施意见",
                    ]
                )
                title = agency.name + verb.format(s=subject, r=rules_name(subject), y=written.year)
                genre = pick_genre(rng, ["意见" if "意见" in verb else "通知"], all_genres)
                doc_no = (
                    f"{agency.short}{'规' if category == '行政规范性文件' else ''}〔{written.year}〕{k}号"
                )
            doc = new_doc(kind, agency, written, published, subject, title, "zhengce")
            front = {
                "doc_no": doc_no,
                "category": category,
                "genre": genre,
                "effective": published + dt.timedelta(days=rng.randint(0, 30)),
            }
            roll = rng.random()
            if roll < 0.05 and published < LAST_DAY - dt.timedelta(days=60):
                front["validity"] = "废止"
                front["repealed"] = random_day(rng, published + dt.timedelta(days=30), LAST_DAY)
            elif roll < 0.10 and published < LAST_DAY - dt.timedelta(days=60):
                front["validity"] = "失效"
                front["expires"] = random_day(rng, published + dt.timedelta(days=30), LAST_DAY)
            front["art20"] = 1
            policies.append(doc)
        elif kind == "interpretations":
            policy = rng.choice(policies)
            agency, subject = policy.agency, policy.subject
            core = policy.title.split("《")[1].split("》")[0] if "《" in policy.title else policy.title
            title = rng.choice([f"《{core}》政策解读", f"一图读懂《{core}》", f"《{core}》答记者问"])
            # Published with its policy: never late (spec 3.5: at most 3 working days).
            doc = new_doc(kind, agency, policy.written, policy.published, subject, title, "jiedu")
            front = {"genre": pick_genre(rng, ["解读"], all_genres), "interprets": policy.index_no}
        elif kind == "tenders":
            if tenders_open and rng.random() < 0.3:
                # A result notice for an earlier call for bids, when it fits before the last day.
                call = tenders_open.pop(rng.randrange(len(tenders_open)))
                deadline = call.front["deadline"].date()
                result_day = deadline + dt.timedelta(days=rng.randint(3, 15))
                if result_day <= LAST_DAY:
                    agency, subject = call.agency, call.subject
                    title = call.title.replace("招标公告", "中标结果公告")
                    doc = new_doc(kind, agency, result_day, result_day, subject, title, "zhongbiao")
                    budget = call.front["budget"]
                    front = {
                        "genre": pick_genre(rng, ["招标采购"], all_genres),
                        "project_code": call.front["project_code"],
                        "stage": "中标结果公告",
                        "method": "公开招标",
                        "purchaser": agency.name,
                        "award": {
                            "supplier": rng.choice(SUPPLIERS),
                            "amount": round(budget * rng.uniform(0.7, 0.98), 2),
                        },
                    }
                    docs.append(_finish(doc, front, rng, all_topics, docs))
                    continue
            item = rng.choice(TENDER_ITEMS)
            published = min(published, LAST_DAY - dt.timedelta(days=1))
            written = min(written, published)
            title = f"{agency.name}{written.year}年{subject}{item}项目招标公告"
            doc = new_doc(kind, agency, written, published, subject, title, "zhaobiao")
            project_code = f"SLZB-{written.year}-{agency.key.upper()}-{seq[(agency.code, written.year)]:05d}"
            deadline = dt.datetime.combine(published + dt.timedelta(days=rng.randint(21, 35)), dt.time(9, 30))
            front = {
                "genre": pick_genre(rng, ["招标采购"], all_genres),
                "project_code": project_code,
                "stage": "招标公告",
                "method": "公开招标",
                "purchaser": agency.name,
                "agent": "示例招标代理有限公司",
                "budget": rng.randrange(200_000, 9_000_000, 1000),
                "deadline": deadline,
                "opening": deadline,
            }
            tenders_open.append(doc)
        else:
            pattern, genre = rng.choice(
                [
                    ("{a}关于{y}年{s}情况的公告", "公告"),
                    ("关于{s}有关事项的通告", "通告"),
                    ("{y}年{s}统计数据", "统计数据"),
                    ("{a}{y}年{s}工作动态", "工作动态"),
                    ("{y}年{s}拟支持项目名单公示", "公示"),
                    ("{a}{y}年{s}工作计划", "规划计划"),
                    ("{a}关于{y}年{s}工作情况的报告", "报告"),
                    ("{a}关于开展{s}专项检查的通知", "通知"),
                ]
            )
            title = pattern.format(a=agency.name, y=written.year, s=subject)
            doc = new_doc(kind, agency, written, published, subject, title, "gongkai")
            front = {"genre": pick_genre(rng, [genre], all_genres)}
        docs.append(_finish(doc, front, rng, all_topics, docs))
    docs += _service_docs(n, seed, agencies, seq, all_topics, all_genres, docs)

    content = root / "content"
    for doc in docs:
        target = content / doc.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + front_matter_text(doc.front) + "---\n\n" + doc.body, encoding="utf-8")
    _write_pages(content, agencies)
    _write_standards_and_answers(content, n, seed, agencies, policies, docs, seq, all_topics)
    _write_gazette(content, docs, agencies[0], seq)
    return [content / d.path for d in docs]


def _finish(
    doc: Doc, kind_fields: dict[str, Any], rng: random.Random, all_topics: list[str], earlier: list[Doc]
) -> Doc:
    """The full front matter (common fields first, as editors write them) and the body."""
    first = pick_topic(rng, doc.agency, all_topics)
    topic: str | list[str] = first
    if rng.random() < 0.15:
        second = rng.choice(all_topics)
        if second != first:
            topic = [first, second]
    front: dict[str, Any] = {"title": doc.title, "index_no": doc.index_no, "agency": doc.agency.key}
    if "doc_no" in kind_fields:
        front["doc_no"] = kind_fields.pop("doc_no")
    front["written"] = doc.written
    if doc.published != doc.written:
        front["published"] = doc.published
    front["topic"] = topic
    front.update(kind_fields)
    front["keywords"] = [
        doc.subject,
        *rng.sample(
            [
                "政务公开",
                "政策文件",
                "便民服务",
                "监督管理",
                "专项资金",
                "高质量发展",
                "信息公开",
                "民生保障",
            ],
            2,
        ),
    ]
    if rng.random() < 0.3:
        front["audience"] = rng.sample(AUDIENCES, 2)
    links: list[str] = []
    if earlier and rng.random() < 0.1:
        front["related"] = [rng.choice(earlier).index_no]
    if earlier and rng.random() < 0.05:
        other = rng.choice(earlier)
        rel = os.path.relpath(other.path, doc.path.parent).replace(os.sep, "/")
        links.append(f"{other.title}|{rel}")
    front["review"] = "已审查"
    doc.front = front
    doc.body = body_text(rng, doc.kind, doc.agency, doc.subject, doc.year, links)
    return doc


STANDARD_FIELDS = ["义务教育", "户籍管理", "社会救助", "养老服务", "就业", "社会保险", "医疗卫生", "公共文化服务"]
STANDARD_COLUMNS = "一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级,截止日期,公开文件"


def _write_standards_and_answers(content: Path, n: int, seed: int, agencies: list[Agency], policies: list[Doc],
                                 docs: list[Doc], seq: Counter[tuple[str, int]], all_topics: list[str]) -> None:
    """标准目录 (2 per thousand documents, at least one; every other one's rows in a CSV) and 政策问答 (5 per
    thousand, at least one, each citing a policy), drawn from a random source of their own and numbered after the
    other documents, so that what generate() wrote before them is unchanged. None is overdue: every 主动 row is
    fulfilled by a document or due after the benchmark's day."""
    rng = random.Random(f"{seed}-standards-qa")
    day = LAST_DAY - dt.timedelta(days=30)
    for i in range(max(1, n * 2 // 1000)):
        agency = rng.choice(agencies)
        field_name = STANDARD_FIELDS[i % len(STANDARD_FIELDS)]
        seq[(agency.code, day.year)] += 1
        rows = []
        for r in range(8):
            fulfilled = rng.choice(docs).index_no if docs and r % 3 == 0 else ""
            mode = "依申请" if r == 7 else "主动"
            due = "" if fulfilled or mode == "依申请" else "2026-12-31"
            rows.append([f"{field_name}事项{r // 3 + 1}", f"{field_name}子项{r + 1}", "办理条件、所需材料、办理流程、办理时限",
                         "《中华人民共和国政府信息公开条例》", "信息形成或变更之日起20个工作日内", "县级人民政府有关部门",
                         "政府网站、政务服务网、公告栏", rng.choice(["全社会", "特定群体"]), mode,
                         rng.choice(["县级", "乡级", "县级、乡级"]), due, fulfilled])
        front: dict[str, Any] = {
            "title": f"示例省{field_name}领域基层政务公开标准目录（{i + 1}）",
            "index_no": f"{agency.code}/{day.year}-{seq[(agency.code, day.year)]:05d}", "agency": agency.key,
            "written": day, "topic": pick_topic(rng, agency, all_topics), "genre": "其他", "review": "已审查",
            "field": field_name}
        stem = f"biaozhun-{i + 1:04d}"
        folder = content / "standards" / str(day.year)
        folder.mkdir(parents=True, exist_ok=True)
        if i % 2:
            front["data"] = f"{stem}.csv"
            lines = [STANDARD_COLUMNS] + [",".join(row) for row in rows]
            (folder / f"{stem}.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
        else:
            keys = STANDARD_COLUMNS.split(",")
            front["items"] = [{k: v for k, v in zip(keys, row, strict=True) if v} for row in rows]
        (folder / f"{stem}.md").write_text("---\n" + front_matter_text(front) + "---\n\n本目录供县、乡两级对照使用。\n",
                                          encoding="utf-8")
    for i in range(max(1, n * 5 // 1000) if policies else 0):
        policy = rng.choice(policies)
        agency = policy.agency
        published = min(policy.published + dt.timedelta(days=rng.randint(1, 60)), LAST_DAY)
        seq[(agency.code, published.year)] += 1
        front = {"title": f"{policy.subject}有关政策怎样申请办理？（{i + 1}）",
                 "index_no": f"{agency.code}/{published.year}-{seq[(agency.code, published.year)]:05d}",
                 "agency": agency.key, "written": published, "topic": pick_topic(rng, agency, all_topics),
                 "genre": "其他", "review": "已审查", "qa_topic": policy.subject,
                 "question": f"我想了解{policy.subject}的申请条件和办理流程，应当向哪个部门咨询？",
                 "asked": published - dt.timedelta(days=rng.randint(1, 10)), "channel": rng.choice(["来信", "12345热线"]),
                 "policies": [policy.index_no]}
        folder = content / "qa" / str(published.year)
        folder.mkdir(parents=True, exist_ok=True)
        body = body_text(rng, "disclosures", agency, policy.subject, published.year, [])
        (folder / f"wenda-{i + 1:05d}.md").write_text("---\n" + front_matter_text(front) + "---\n\n" + body,
                                                      encoding="utf-8")


GAZETTE_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\n"
    b"endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def _write_gazette(content: Path, docs: list[Doc], publisher: Agency, seq: Counter[tuple[str, int]]) -> int:
    """A monthly government gazette (政府公报): for each month with 行政规范性文件 published in it, one issue
    (numbered from 1 each year, 总期号 from 1001) listing them by 索引号, with a small PDF beside it, published on
    the month's last day (at most LAST_DAY). No randomness: the documents drawn above are unchanged. 规章 are left
    out: they would need promulgation order data the generator does not write. Returns the number of issues."""
    by_month: dict[tuple[int, int], list[Doc]] = {}
    for doc in docs:
        if doc.kind == "policies" and doc.front.get("category") == "行政规范性文件":
            by_month.setdefault((doc.published.year, doc.published.month), []).append(doc)
    used: Counter[int] = Counter()  # year → the publisher's last 索引号 sequence number
    for doc in docs:
        if doc.agency.code == publisher.code:
            used[doc.year] = max(used[doc.year], int(doc.index_no.rsplit("-", 1)[1]))
    for (code, year), last in seq.items():  # numbers taken after `docs` (标准目录, 政策问答)
        if code == publisher.code:
            used[year] = max(used[year], last)
    number: Counter[int] = Counter()
    total = 1000
    for (year, month), items in sorted(by_month.items()):
        next_month = dt.date(year + month // 12, month % 12 + 1, 1)
        day = min(next_month - dt.timedelta(days=1), LAST_DAY)
        number[year] += 1
        total += 1
        used[year] += 1
        front: dict[str, Any] = {
            "title": f"示例省人民政府公报{year}年第{number[year]}期", "index_no": f"{publisher.code}/{year}-{used[year]:05d}",
            "agency": publisher.key, "written": day, "topic": "综合政务/政务公开", "genre": "公报", "year": year,
            "issue": number[year], "total": total, "pdf": f"{year}-{number[year]:02d}.pdf",
            "items": [{"document": d.index_no, "page": 1 + 6 * i} for i, d in enumerate(items)],
            "review": "已审查",
        }
        folder = content / "gazette" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        body = f"本期刊登行政规范性文件{len(items)}件。\n"
        (folder / f"di-{number[year]}-qi.md").write_text("---\n" + front_matter_text(front) + "---\n\n" + body,
                                                          encoding="utf-8")
        (folder / front["pdf"]).write_bytes(GAZETTE_PDF)
    return sum(number.values())
SERVICES_PER_THOUSAND = 3  # power items, and as many service guides, per 1,000 documents
POWER_CATEGORIES = ["行政许可", "行政处罚", "行政强制", "行政检查", "行政给付", "行政确认"]
GUIDE_THEMES = [("个人", "出生"), ("个人", "入学"), ("个人", "就业"), ("个人", "婚育"), ("个人", "退休"),
                ("法人", "开办"), ("法人", "经营"), ("法人", "注销")]
FLOW = [{"id": "shouli", "name": "受理", "actor": "政务服务窗口", "limit": "即时", "next": ["shencha", "buyu"]},
        {"id": "buyu", "name": "不予受理并说明理由", "actor": "政务服务窗口", "limit": "5个工作日"},
        {"id": "shencha", "name": "审查", "actor": "业务处室", "limit": "5个工作日", "next": ["jueding"]},
        {"id": "jueding", "name": "作出决定", "actor": "分管负责人", "limit": "2个工作日", "next": ["songda"]},
        {"id": "songda", "name": "送达", "actor": "政务服务窗口", "limit": "3个工作日"}]


def _service_docs(n: int, seed: int, agencies: list[Agency], seq: Counter[tuple[str, int]], all_topics: list[str],
                  all_genres: list[str], earlier: list[Doc]) -> list[Doc]:
    """权责清单 items and 办事指南 (issue 14), a few per thousand documents, with their own random stream so
    that the documents of the other kinds stay exactly as they were; one guide in five is a public enterprise's."""
    rng = random.Random(f"{seed}-services")
    docs: list[Doc] = []
    count = max(1, n * SERVICES_PER_THOUSAND // 1000)
    for kind, number in [("powers", i) for i in range(count)] + [("guides", i) for i in range(count)]:
        agency = rng.choice(agencies)
        subject = rng.choice(agency.subjects)
        written = random_day(rng)
        seq[(agency.code, written.year)] += 1
        index_no = f"{agency.code}/{written.year}-{seq[(agency.code, written.year)]:05d}"
        statutory = rng.choice([10, 15, 20, 30, 60])
        front: dict[str, Any] = {"genre": pick_genre(rng, ["其他"], all_genres)}
        if kind == "powers":
            category = rng.choice(POWER_CATEGORIES)
            title = f"{subject}{category}事项"
            front.update({"code": f"{number + 1:06d}{rng.randrange(10**6):06d}", "category": category,
                          "basis": f"《示例省{rules_name(subject)}》第{rng.randint(2, 40)}条", "implementer": agency.name,
                          "duties": ["受理责任", "审查责任", "决定责任", "送达责任"],
                          "accountability": ["对符合法定条件的申请不予受理的", "未在法定期限内作出决定的"],
                          "promised_days": rng.randint(1, statutory), "statutory_days": statutory, "steps": FLOW})
        else:
            applicant, theme = rng.choice(GUIDE_THEMES)
            title = f"{subject}办事指南"
            front.update({"applicant": applicant, "life_event": theme, "scope": f"在本省办理{subject}相关事项的{applicant}",
                          "conditions": ["材料齐全、符合法定形式"], "steps": FLOW,
                          "materials": [{"name": "申请表", "form": "原件", "copies": 1},
                                        {"name": "身份证明", "form": "复印件", "copies": 1}],
                          "promised_days": rng.randint(1, statutory), "statutory_days": statutory,
                          "place": "示例省政务服务中心", "phone": "020-00000000", "complaint_phone": "12345"})
            if number % 5 == 0:
                front.update({"provider": f"示例市{subject}服务有限公司", "provider_type": "公共企事业单位",
                              "fees": [{"item": "服务费", "amount": f"{rng.randint(10, 900)}.{rng.randint(0, 99):02d}",
                                        "unit": "元/户"}]})
        path = Path(kind) / str(written.year) / f"{kind[:-1]}-{agency.key}-{number + 1:05d}.md"
        doc = Doc(kind, path, written.year, index_no, written, written, agency, subject, title)
        docs.append(_finish(doc, front, rng, all_topics, earlier + docs))
    return docs


def _write_pages(content: Path, agencies: list[Agency]) -> None:
    pages = {
        "pages/guide.md": "---\ntitle: 政府信息公开指南\nmenu: 1\n---\n\n## 一、主动公开\n\n"
        "主动公开的政府信息，自形成或者变更之日起20个工作日内予以公开。\n\n## 二、依申请公开\n\n"
        "公民、法人或者其他组织可以向行政机关申请获取相关政府信息。\n",
        "pages/accessibility.md": "---\ntitle: 无障碍声明\nmenu: 2\n---\n\n"
        "本网站支持大字体和高对比度阅读模式。\n",
        "topics/caizheng.md": "---\ntitle: 财政资金专题\nmatch:\n  topic: 财政、金融、审计\n---\n\n"
        "财政资金使用情况专题。\n",
        "topics/zhengce.md": "---\ntitle: 财政厅政务公开专题\nmatch:\n  keywords: [政务公开]\n"
        f"  agency: {agencies[0].key}\n---\n\n{agencies[0].name}政务公开文件。\n",
        "topics/keji.md": "---\ntitle: 科技教育专题\nmatch:\n  topic: [科技、教育]\n---\n\n"
        "科技和教育文件汇总。\n",
    }
    for rel, text in pages.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("dir", type=Path, help="the site folder to write (created; should be empty)")
    parser.add_argument("n", type=int, help="number of catalog documents")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    paths = generate(args.dir, args.n, args.seed)
    print(f"wrote {len(paths)} documents to {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
