"""POLICY: 《》 document titles, quoted programme names and slogans, the closed list."""

from __future__ import annotations

import re

from serving.decode import Span
from serving.rules.common import QUOTED, RULE_SCORE, alternation, numeral_idioms
from serving.rules.org import KNOWN_ORGS, PLATFORM_AFTER
from serving.rules.quantity import CN_DIGITS, CURRENCIES, NUMBER, NUMERIC_SLOGANS, UNITS

CLOSED_POLICIES = (
    "易地扶贫搬迁", "东西部扶贫协作", "东西部协作", "对口帮扶", "对口支援", "定点扶贫", "万企帮万村",
    "千企帮千村", "以工代赈", "控辍保学", "雨露计划", "农村危房改造", "危房改造", "最低生活保障",
    "低保", "特困供养", "临时救助", "退耕还林", "退耕还草", "生态移民", "棚户区改造", "厕所革命",
    "先诊疗后付费", "两不愁三保障", "四个不摘", "五个一批", "三重保障", "十项制度", "七长制",
    "一站式服务", "一单式结算", "六个精准", "五个一批", "苏陕协作", "苏陕扶贫协作",
    # Written variants of the programs above.
    "农村最低生活保障", "城乡最低生活保障", "城市最低生活保障", "易地搬迁", "棚改", "一站式结算",
    # D38 abbreviations and D37 named local schemes found in the corpus review.
    "危改", "新民风",
    # D40a: variant spellings of 易地扶贫搬迁 / 易地搬迁, written as they are.
    "异地扶贫搬迁", "异地搬迁", "易地移民搬迁", "异地移民搬迁",
    # Named chief-responsibility mechanisms (like 七长制), quoted or not.
    "河长制", "湖长制", "河湖长制", "林长制", "路长制", "田长制",
    # The rule set's full name (the 中央 is part of it, not a body of its own).
    "中央八项规定",
)
_CLOSED = re.compile(alternation(CLOSED_POLICIES + NUMERIC_SLOGANS))
_NOT_POLICY_AFTER = ("户", "对象", "人员", "户数", "金", "群众", "人口", "家庭", "脱贫")
# Programmes whose name also names a population (低保群众, 易地搬迁脱贫户); for the others
# only a household or person word after the name makes it a category (危房改造户).
_GROUP_PROGRAMMES = frozenset(["低保", "最低生活保障", "农村最低生活保障", "城乡最低生活保障", "城市最低生活保障",
                               "特困供养", "易地扶贫搬迁", "易地搬迁", "生态移民", "临时救助",
                               "异地扶贫搬迁", "异地搬迁", "易地移民搬迁", "异地移民搬迁"])
_NOT_POLICY_AFTER_ANY = ("户", "对象", "人员", "户数")
_HOUSEHOLD_AFTER = re.compile(r"[\u4e00-\u9fff]{1,2}户(?![口籍主])")
# Generic activities used as common nouns (contract: never POLICY unless part of a name).
GENERIC_ACTIVITIES = frozenset(
    ["扶贫", "脱贫攻坚", "精准扶贫", "精准脱贫", "乡村振兴", "产业扶贫", "就业扶贫", "消费扶贫", "消费帮扶",
     "健康扶贫", "教育扶贫", "光伏扶贫", "电商扶贫", "社会救助", "扶贫政策", "惠民政策"]
)
# A work's title in 《》 is not a document: 小品《提意见》, 电影《战狼2》.
_WORK_BEFORE = re.compile(r"(?:小品|电影|影片|歌曲|节目|栏目|专题片|纪录片|话剧|图书|新书|小说|诗歌|文章|报道|剧)$")
_YEAR_PLAN = re.compile(r"[\u4e00-\u9fff]{4,}(?:19|20)\d\d$")
# Titles of plans and rules written without 《》 after the verb that issues them (D39).
_TITLE_HEADS = "行动计划|工作方案|实施方案|规划纲要|实施意见|指导意见|管理办法|实施办法|实施细则|暂行办法|评价办法|考核细则|考核办法"
_ISSUED_TITLE = re.compile(
    r"(?:出台|制定|印发|落实|实施|发布|公布|编制|修订|审议通过|颁布)了?"
    rf"([\u4e00-\u9fff]{{4,30}}?(?:三年行动计划|{_TITLE_HEADS}))"
    r"(?![\u4e00-\u9fff])"
)
# More titles listed after an issued one: 出台了…实施办法、管理养护实施细则、管理养护考核细则等.
_LISTED_TITLE = re.compile(
    rf"、([\u4e00-\u9fff]{{4,30}}?(?:{_TITLE_HEADS}))(?![\u4e00-\u9fff])"
    r"|、([\u4e00-\u9fff]{4,30}?(?:实施办法|实施细则|考核细则|管理办法))(?=等)"
)
# What the title of a policy document ends with (《十条措施》, 《责任清单》, 《…实施意见》).
DOCUMENT_HEADS = (
    "意见", "方案", "通知", "协议", "措施", "清单", "规划", "条例", "计划", "政策", "办法", "规定",
    "决定", "细则", "规则", "纲要", "标准", "指南", "目录", "名录", "公约", "法", "制度", "战略",
    "章程", "准则", "守则", "要点", "决议", "通告", "公告", "机制", "工程", "行动", "备忘录",
    "规范", "规程", "批复", "条", "程序", "协议书",
)
_BOOK = re.compile(r"《([^《》]{2,60})》")
_MEDIA_TITLE = re.compile(r"(?:日报|晚报|报|杂志|周刊|新闻|频道|栏目|关注|联播|访谈|之声|网)$")
# Quoted numeric slogans and mechanisms: 两不愁三保障, 三条铁律, 一周一调度、一周一通报.
_SLOGAN = re.compile(rf"^[{CN_DIGITS}双\d][\u4e00-\u9fff、+\dX]*$")


# Quoted numerals that are words, groups or people, not programs (guideline: population
# categories, bodies and events are not POLICY).
NOT_POLICY_SLOGANS = frozenset(["两会", "三农", "两委", "五老", "一把手", "一号", "三类人群", "四类人员", "五保"])
_NOT_POLICY_ENDINGS = ("后", "人群", "对象", "人员", "户", "委", "办", "币", "岁", "年", "日", "组织", "县", "村")
# Quoted numerals that are goals (“零辍学”, D30/D37), mottos (“一切以…”) or honours
# (“十佳…明星”), not programmes.
_NOT_SLOGAN = re.compile(r"^(?:零|一切)|十佳|百佳|最美|优秀|先进|标兵|明星|模范|十强|百强|奖章|奖|称号")
# A numeral with a measure word for things counts things; it does not name a programme.
_COUNTED_THINGS = re.compile(
    rf"^[{CN_DIGITS}\d.]+[多余]?[万亿]?(?:座|辆|只|名|家|户|人|张|本|台|头|株|棵|栋|间|件|篇|幅|首|元|吨|亩)[^{CN_DIGITS}]*$"
)
_GROUP_AFTER = ("人员", "儿童", "老人", "妇女", "群体", "人群", "对象", "家庭", "问题")

# Heads that make a quoted name a program on their own (“春风行动”, “电力扶贫共富工程”) or,
# written right after a quoted slogan, belong to its name (“5+X”特色产业扶贫).
_HEADS = ("工作法", "工作机制", "机制", "模式", "工程", "行动", "计划", "项目", "制度", "责任制",
          "战略", "政策", "方案", "专项", "特色产业扶贫", "特色产业", "健康扶贫", "产业扶贫", "名单",
          "清单", "经验", "改革", "创建", "战役", "试点")
# A quoted name made a programme only by one of these heads is not spread to its other
# mentions (“金娃娃”项目 … 多抱几个“金娃娃”).
_WEAK_HEADS = ("项目", "政策", "名单", "清单", "经验", "方案", "专项", "改革", "创建", "战役", "试点")
# Heads that count only written right after the quote (“统派直管”改革, but not “成就”经济建设…).
_NEAR_HEADS = ("改革", "创建", "战役", "试点")
_GENERIC_HEADS = ("政策", "经验", "名单", "清单", "计划", "方案", "专项", "战略")
_PROGRAM_NAME = re.compile(rf"[\u4e00-\u9fff\w+]{{2,18}}(?:{alternation(_HEADS)})")
_PROGRAM_HEAD = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{alternation(_HEADS)})")
_PLAIN_AMOUNT = re.compile(rf"{NUMBER}(?:{alternation(UNITS)}|{alternation(CURRENCIES)})?")
# Quoted mechanisms named after an office holder: “路长制”, “林长制” (D30).
_CHIEF_SYSTEM = re.compile(r"[\u4e00-\u9fff]{1,3}长制|[\u4e00-\u9fff]{2,5}制|(.)\1[通清美净亮绿]")  # “路长制”, “申领制”, “村村通”
# A trailing note in a document title: 《…办法（试行）》, 《…计划（2018—2020年）》.
_TITLE_NOTE = re.compile(r"[（(][^（）()]{1,16}[）)]$")
# Titles of policy documents written without 《》 (D39): 关于……的意见.
_BARE_TITLE = re.compile(
    r"关于[^，。；：、《》“”\s]{4,40}?(?:“[^“”]{1,12}”[^，。；：、《》“”\s]{0,30}?)?的"
    r"(?:实施意见|指导意见|若干意见|意见|通知|决定|实施方案|工作方案|方案|实施办法|办法|规定|若干措施)"
)
# Quoted lists of short clauses (“守底线、抓衔接、促振兴”) and "A+B" models (党建+合作社).
# Clauses of at least three characters joined by 、 (a comma only between numbered clauses:
# “一村一主题，一村一特色”); comma-joined quotes are people's words, and lists of two-character
# words are attributes (“绿色、健康”, D30).
_CLAUSE_LIST = re.compile(
    rf"[\u4e00-\u9fff]{{3,8}}(?:、[\u4e00-\u9fff]{{3,8}}){{1,5}}"
    rf"|[{CN_DIGITS}][\u4e00-\u9fff]{{2,7}}(?:[，,][{CN_DIGITS}][\u4e00-\u9fff]{{2,7}}){{1,5}}"
)
_SHORT_CLAUSE_LIST = re.compile(r"[\u4e00-\u9fff]{2,8}(?:、[\u4e00-\u9fff]{2,8}){1,5}")
_LIST_HEAD_AFTER = re.compile(
    r"(?:的|等)?[\u4e00-\u9fff]{0,4}?(?:要求|原则|主线|活动|格局|组合拳|方式|方法|行动|机制|模式|工作法|思路|方针|"
    r"战略|工程|制度|政策|理念|举措|措施|路径|体系|标准|方略|做法|工作)"
)
_LIST_VERB_BEFORE = re.compile(r"(?:按照|坚持|实行|落实|推行|推进|开展|结合|通过|围绕|实施|打出|做到|践行|遵循|贯彻)[^，。；“”]{0,3}$")
_PLUS_MODEL = re.compile(r"[\u4e00-\u9fff\w]{1,8}(?:\+[\u4e00-\u9fff\w]{1,8})+\+?")


# After the closing quote: a goal, a label, an epithet or a facility named by the quote,
# not a programme (“双千”目标, “五岳之首”的美誉, “一老一少”关爱中心, “百人百盏”工作室).
_NOT_PROGRAMME_AFTER = re.compile(
    r"(?:的|之)?(?:目标|之争|美誉|美称|之称|称号|称谓|定位|雅称|品牌|商标|"
    r"(?:关爱|服务|活动|文化|培训|体验|展示|电商)?(?:中心|工作室|微信群|群|超市|驿站|基地|餐厅|公寓|小院|农庄|号))"
)
_DESIGNATION = re.compile(r"示范[区县市镇乡村]$|示范单位$|先进[县市区]$")
# A quote opening with one of these verbs is a sentence of requirements, not a name
# (“开展赋予农民对集体资产股份权能改革试点”).
_SENTENCE_VERBS = ("开展", "推进", "实施", "加快", "深化", "推动", "加强", "完善", "建立", "健全", "坚持", "落实")
# Runs of quoted items are read at most this many items long, so that a text made of
# thousands of quotes costs linear time, not quadratic (no real list is this long).
QUOTE_RUN_MAX_ITEMS = 30
_QUOTE_RUN = re.compile(
    rf"(?P<items>(?:[“‘][^“”‘’]{{2,12}}[”’][、，,]?){{2,{QUOTE_RUN_MAX_ITEMS}}})"
    r"(?:[\u4e00-\u9fff]{0,6}?等(?:制度|机制|办法|举措|措施|政策)|等?创建)"
)
QUOTE_RUN_ITEM_MAX_CHARS = 10
_GLOSS = re.compile(r"[（(][^（）()]{1,20}[)）]")
_PRINCIPLE_AFTER = re.compile(r"的?(?:原则|方针)")
PRINCIPLE_MAX_CHARS = 8
# Nicknames of national action plans: “水十条”, “土十条”, “气十条”.
_TEN_ARTICLES = re.compile(r"[\u4e00-\u9fff]{1,2}十条")
_MORE_QUOTES = re.compile(rf"(?:[、，,]?[“‘][^“”‘’]{{1,20}}[”’]){{0,{QUOTE_RUN_MAX_ITEMS}}}")


def _after_quotes(text: str, pos: int) -> int:
    """The position after any further quoted items listed right after `pos`."""
    more = _MORE_QUOTES.match(text, pos)
    return more.end() if more else pos
# Before the opening quote: an epithet (素有“千年茶乡”美誉, 被誉为“…”).
_EPITHET_BEFORE = re.compile(r"(?:被誉为|誉为|素有|号称|堪称|称为|美称|人称|有着)$")
# Records, not programmes: “十四连丰”, “三连冠”.
_COUNTED_LABEL = re.compile(rf"^[{CN_DIGITS}\d]+连[\u4e00-\u9fff]{{1,2}}$")


def policy_spans(text: str) -> list[Span]:
    out: list[Span] = []
    for m in _BOOK.finditer(text):
        title = m.group(1)
        core = _TITLE_NOTE.sub("", title)
        if _WORK_BEFORE.search(text, max(0, m.start() - 4), m.start()):
            continue  # 小品《提意见》, 电影《战狼2》: a work, not a document
        planned = _YEAR_PLAN.search(core) is not None  # 《中国制造2025》
        if _MEDIA_TITLE.search(core) or title in KNOWN_ORGS or not (core.endswith(DOCUMENT_HEADS) or planned):
            continue  # a newspaper, programme, book or article title
        # A quote mark that opens the title is punctuation around the name, never in the span:
        # 《“沭阳县诚信网站”评定管理暂行办法》 → 「沭阳县诚信网站”评定管理暂行办法」.
        start = m.start(1) + (1 if title[:1] in "“‘\"" else 0)
        out.append(Span("POLICY", start, m.end(1), RULE_SCORE, "rules"))
    strong: set[str] = set()  # quoted names whose other quoted mentions are the same programme
    quotes = list(QUOTED.finditer(text))
    # A quoted name that the text once calls a platform or company is that ORG everywhere
    # (“五峰蓝”电商平台 … “五峰蓝”是赵鹏的心血).
    platforms = {m.group(1) for m in quotes if PLATFORM_AFTER.match(text, m.end(1))}
    for m in quotes:
        # A bracketed gloss inside the quotes does not change what the name is:
        # “龙头公司+合作社+农户(贫困户)”, “三扶(扶志向、扶学业、扶生活)”.
        inner = _GLOSS.sub("", m.group(1)) or m.group(1)
        if m.group(1) in platforms:
            continue  # an ORG (see _company_spans)
        if inner in GENERIC_ACTIVITIES:
            continue  # “精准扶贫”: a generic activity, never POLICY (contract)
        # A quoted list of clauses is a programme's principle or requirement only when the
        # text says so (按照“…”, “…”的原则, “…”主线); else it is a goal, a saying or a
        # description (“搬得出、稳得住、能致富”, “融资难、融资贵”问题; D30, D37).
        head_after = _LIST_HEAD_AFTER.match(text, m.end())
        verb_before = _LIST_VERB_BEFORE.search(text, max(0, m.start() - 6), m.start())
        listed = (
            _PLUS_MODEL.fullmatch(inner)
            or (_CLAUSE_LIST.fullmatch(inner) and (head_after or verb_before))
            # Two-character clauses only when the text says both: 坚持“富民、优业、兴村”三个原则.
            or (_SHORT_CLAUSE_LIST.fullmatch(inner) and head_after and verb_before)
        )
        if inner in NOT_POLICY_SLOGANS or (inner.endswith(_NOT_POLICY_ENDINGS) and not listed):
            continue
        if (
            _NOT_PROGRAMME_AFTER.match(text, _after_quotes(text, m.end()))  # “五岳之首”、“…”的美誉
            or inner.endswith(("之首", "之长", "之一", "之最", "次性"))  # epithets, “一次性” (not “四性”)
            or _DESIGNATION.search(inner)  # “全域旅游示范区”: a title conferred, not a programme
            or _EPITHET_BEFORE.search(text, max(0, m.start() - 3), m.start())
            or _COUNTED_LABEL.match(inner)
            or inner.endswith("定制")  # “全屋定制”: made to order, not a 制度
        ):
            continue
        # A short principle's name (“能加固绝不重建”的原则); a long quoted sentence before 原则
        # is ad hoc (D40a).
        principle = (
            _PRINCIPLE_AFTER.match(text, m.end())
            and len(inner) <= PRINCIPLE_MAX_CHARS
            and not re.search(r"[，,。；;、]", inner)
        )
        named = (
            principle or (_PROGRAM_NAME.fullmatch(inner) and not inner.startswith(_SENTENCE_VERBS)) or _CHIEF_SYSTEM.fullmatch(inner)
        ) and not re.search(
            r"[，,。；;！!？?]", inner
        )
        # A slogan names a program together with the head written after it:
        # “5+X”特色产业扶贫, “345”工作法. Only a slogan of digits or letters needs its head.
        head = _PROGRAM_HEAD.match(text, m.end())
        if head and ("的" in head.group() or (head.group().endswith(_NEAR_HEADS) and head.group() not in _NEAR_HEADS)):
            head = None
        # A code: digits or letters (5+X, 432), or 双 and one character (双基, 双线; D31).
        coded = re.search(r"[0-9A-Za-z]", inner) is not None or re.fullmatch(r"双[\u4e00-\u9fff]", inner) is not None
        slogan = _TEN_ARTICLES.fullmatch(inner) or (
            _SLOGAN.match(inner)
            and not _NOT_SLOGAN.search(inner)
            and inner not in numeral_idioms()  # “一马当先”
            and not _COUNTED_THINGS.match(inner)  # “两座金山银山”, “60万辆产能”
            and (len(inner) <= 6 or sum(ch in CN_DIGITS for ch in inner) >= 3 or "、" in inner or coded)
            and not text.startswith(_GROUP_AFTER, m.end())  # “三留守”人员: a population group
            and (not _PLAIN_AMOUNT.fullmatch(inner) or (coded and head))
        ) or listed
        # A coined name written right before a programme head: “领头雁”工程 (D32: the
        # quoted name alone is tagged).
        headed = (
            head is not None
            and not coded
            and len(inner) <= 10
            and not re.search(r"[，,。；;！!？?在是]", inner + head.group())
            and not _PLAIN_AMOUNT.fullmatch(inner)
        )
        if not (named or slogan or headed):
            continue
        end = m.end(1)
        if slogan and head and coded and not head.group().endswith(_GENERIC_HEADS):
            end = head.end()  # “5+X”特色产业扶贫, but “1+10”|政策 (D31)
        out.append(Span("POLICY", m.start(1), end, RULE_SCORE, "rules"))
        if named or slogan or (headed and head is not None and not head.group().endswith(_WEAK_HEADS)):
            strong.add(m.group(1))
    # Every name of a run of quoted mechanisms or campaigns closed by what they are (D30):
    # “统派直管”“多见面常联系”“科学化选人用人”…等制度, “党员先锋队”“党员示范岗”…创建.
    for run in _QUOTE_RUN.finditer(text):
        for q in QUOTED.finditer(run.group("items")):
            name = q.group(1)
            if len(name) <= QUOTE_RUN_ITEM_MAX_CHARS and not re.search(r"[，,。；;]", name):
                out.append(Span("POLICY", run.start("items") + q.start(1), run.start("items") + q.end(1), RULE_SCORE, "rules"))
    # A quoted name found once is the same programme wherever else the text quotes it
    # (“校农结合”工作, 邹联克说，“校农结合”是…).
    starts = {sp.start for sp in out}
    for m in quotes:
        if m.group(1) in strong and m.start(1) not in starts:
            out.append(Span("POLICY", m.start(1), m.end(1), RULE_SCORE, "rules"))
    for m in _BARE_TITLE.finditer(text):
        out.append(Span("POLICY", m.start(), m.end(), RULE_SCORE, "rules"))
    for m in _ISSUED_TITLE.finditer(text):
        out.append(Span("POLICY", m.start(1), m.end(1), RULE_SCORE, "rules"))
        pos = m.end()
        while (more := _LISTED_TITLE.match(text, pos)) is not None:
            group = 1 if more.group(1) is not None else 2
            out.append(Span("POLICY", more.start(group), more.end(group), RULE_SCORE, "rules"))
            pos = more.end()
    for m in _CLOSED.finditer(text):
        after = _NOT_POLICY_AFTER if m.group() in _GROUP_PROGRAMMES else _NOT_POLICY_AFTER_ANY
        if text.startswith(after, m.end()) or _HOUSEHOLD_AFTER.match(text, m.end()):
            continue  # 危房改造户, 危房改造享受户: a kind of household
        out.append(Span("POLICY", m.start(), m.end(), RULE_SCORE, "rules"))
    return out
