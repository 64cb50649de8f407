"""Recognizers that need no training: number grammar, gazetteer and patterns.

They run on the prepared (simplified, cleaned) text and return `Span`s with
source="rules". QUANTITY and MONEY candidates are kept only when the normalizer can
read them, so what the recognizer finds is exactly what the normalizer understands.
Used at inference (the hybrid) and to label unlabeled text for weak supervision.
"""

from __future__ import annotations

import re
from functools import lru_cache

from serving.decode import Span
from serving.gazetteer import Gazetteer, load_gazetteer

RULE_SCORE = 0.9

# -- numbers --------------------------------------------------------------------------------

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟廿卅"
_ARABIC = r"\d+(?:[,，]\d{3})*(?:\.\d+)?"
_CN_NUM = rf"[{_CN_DIGITS}]+"
# A number: Arabic (with optional Chinese multiplier), or Chinese numerals; 多/余/几
# may sit inside (20多亿, 三千余, 8.9万余).
# Vague amounts (几十, 数百万, 上百) are mentions too; their value is null.
VAGUE = r"(?:[数几上][十百千万亿]+|几)"
NUMBER = rf"(?:{VAGUE}|{_ARABIC}(?:[多余]?[十百千万亿]+)*|{_CN_NUM})(?:[多余几](?:[十百千万亿]+)?)?"
_VAGUE_RE = re.compile(VAGUE)

PREFIX_MODS = (
    "不超过", "不低于", "不少于", "将近", "大约", "超过", "不足", "不到", "未满", "至少", "至多",
    "低于", "高于", "多于", "少于", "大于", "小于", "约", "近", "逾", "超",
)
SUFFIX_MODS = ("以上", "以下", "左右", "上下", "以内", "多", "余")

CURRENCIES = ("人民币元", "美元", "港元", "港币", "欧元", "日元", "英镑", "元", "块")
# Measure words and units, longest first so 个百分点 beats 个 and 千瓦时 beats 千瓦.
UNITS = (
    "个百分点", "平方公里", "平方千米", "平方米", "立方米", "千瓦时", "万千瓦", "人次", "户次", "公里",
    "批次", "场次", "架次", "车次", "双", "起", "桶", "盏", "尾", "包", "步", "片", "根", "粒", "匹",
    "艘", "幢", "顶", "枚", "把", "餐", "趟", "轮", "组", "队", "支队", "斤", "架", "款", "封", "遍",
    "千米", "厘米", "毫米", "公顷", "公斤", "千克", "吨", "千瓦", "兆瓦", "瓦", "亩", "斤", "米",
    "户", "人", "名", "个", "家", "所", "座", "处", "项", "条", "支", "辆", "台", "套", "头",
    "只", "株", "棵", "批", "次", "场", "期", "栋", "间", "张", "本", "册", "份", "件", "篇",
    "层", "级", "类", "种", "门", "口", "箱", "袋", "盒", "对", "毫升", "升", "笔",
    "m3", "m³", "m2", "m²", "㎡", "km", "kg", "MW", "kW", "℃", "°C", "°", "伏安", "伏", "页", "句",
    "字", "幅", "首", "部", "眼", "平米",
    "位", "%", "％", "成", "倍", "度", "方", "床",
)
# What after a number makes it a time expression, age or ordinal: never QUANTITY.
TIME_AFTER = ("年", "月", "日", "号", "时", "点", "分钟", "分", "秒", "周", "天", "岁", "季度",
              "个月", "小时", "世纪", "年代", "代", "后", "届")

_NUM_RE = re.compile(NUMBER)
COUNTED_NOUNS = (
    "贫困户", "贫困群众", "贫困人口", "贫困家庭", "贫困学生", "贫困劳动力", "农户", "村民", "群众",
    "家庭", "学生", "儿童", "老人", "党员", "干部", "企业", "合作社", "职工", "工人", "农民", "居民",
    "劳动力", "残疾人", "志愿者", "建档立卡",
)
# A one-character unit that is the first character of the next word: 400多万人口, 两部分.
_UNIT_GLUED_WORDS = frozenset(
    ["人口", "部分", "包裹", "部件", "家庭", "家乡", "户籍", "户口", "遍布", "字会", "部门", "部委", "部曲", "封面"]
)
_UNIT_WORD_NEXT = {"元": set("材结化论体素次性"), "方": set("便面式法向针案位")}
_QUOTED = re.compile(r"[“‘]([^“”‘’]{2,30})[”’]")
# Words for money that make a bare 万/亿 amount written shortly after them MONEY.
_MONEY_CONTEXT = re.compile(
    r"销售额|营业额|收入|资金|投资|筹款|产值|收益|利润|资产|捐款|借款|贷款|存款|赃款|工资|"
    r"出资|首付|存入|承建|收购|融资|集资|募集|罚款|赔偿|价值|造价|售价|年薪|月薪|分红"
)
MONEY_CONTEXT_CHARS = 8
_RANGE_SEP = ("至", "到", "—", "－", "-", "~", "～", "〜")


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MEASURE = re.compile(
    rf"(?P<pre>{_alternation(PREFIX_MODS)})?"
    rf"(?P<num>{NUMBER})"
    rf"(?:(?P<sep>{_alternation(_RANGE_SEP)})(?P<num2>{NUMBER}))?"
    # One space may sit between an Arabic number and its unit (3000 元); see _number_spans.
    rf"(?:(?P<space>[ \u00a0])?(?P<unit>万元|亿元|千元|百元|{_alternation(CURRENCIES)}|{_alternation(UNITS)}))?"
    rf"(?P<suf>{_alternation(SUFFIX_MODS)})?"
)
# Words that end in 约 (签约, 预约): the 约 before a number is not "about".
_YUE_WORDS = set("签预制节合公条契邀相违履毁践")
# A range whose first part carries its own unit: 80%至85%, 500多米到900多米.
_UNIT_RANGE = re.compile(
    rf"(?P<num>{NUMBER})(?P<u1>%|％|℃|[米元斤个户人])(?P<mid>[多余])?"
    rf"(?P<sep>{_alternation(_RANGE_SEP)})(?P<num2>{NUMBER})(?P<u2>%|％|℃|[米元斤个户人])"
)


def _is_money_unit(unit: str | None) -> bool:
    return unit is not None and any(unit.endswith(c) for c in CURRENCIES)


def _number_spans(text: str) -> list[Span]:  # noqa: C901 (one grammar, one place)
    from serving.normalize import normalize

    out: list[Span] = []
    taken = [False] * len(text)
    candidates: list[tuple[int, int, str]] = []
    quoted = [(q.start(1), q.end(1)) for q in _QUOTED.finditer(text)]
    for m in _UNIT_RANGE.finditer(text):
        etype = "MONEY" if m.group("u2") == "元" else "QUANTITY"
        candidates.append((m.start(), m.end(), etype))
    for m in _MEASURE.finditer(text):
        num = m.group("num")
        unit = m.group("unit")
        start, end = m.start(), m.end()
        if m.group("space") and not num[0].isdigit():
            continue
        if m.group("pre") == "约" and start > 0 and text[start - 1] in _YUE_WORDS:
            start = m.start("num")  # 签约12个项目
        if unit and text[m.start("unit") : m.end("unit") + 1] in _UNIT_GLUED_WORDS:
            unit, end = None, m.end("num2") if m.group("num2") else m.end("num")  # 400多万|人口
        if not num or not any(ch.isdigit() or ch in _CN_DIGITS for ch in num) and not _VAGUE_RE.fullmatch(num):
            continue
        # A time expression, age or ordinal?
        after = text[m.end("num2") if m.group("num2") else m.end("num") :]
        if unit is None and after.startswith(TIME_AFTER):
            continue
        if unit in ("个", "分") and after.startswith(("个月", "分钟")):
            continue
        if unit == "个" and text[end:].startswith(("月", "小时", "星期", "礼拜", "工作日")):  # 2个多月
            continue
        # A bare 几 counts only as money (几元); 几个, 几次, 几块 are vague words.
        if num == "几" and not (_is_money_unit(unit) and unit != "块"):
            continue
        # A Chinese numeral opening a quoted name is part of the name: “三类人群”.
        if re.fullmatch(_CN_NUM, num) and any(qs <= start and end <= qe for qs, qe in quoted):
            continue
        if start > 0 and text[start - 1] in "第每周星礼初届":  # 第三, 十一届三次全会
            continue
        if unit is None:
            # Bare numbers count only with 万/亿 (32万群众), or Arabic ones right before a
            # counted noun of people or things (1500多贫困户, D48); percentages need their sign.
            counted = num[0].isdigit() and text.startswith(COUNTED_NOUNS, end)
            if not re.search(r"[万亿]", num + (m.group("num2") or "")) and not counted:
                continue
        elif unit == "度" and not re.match(r"\d", num):
            continue
        # A lone 十/百/千/万/亿 before a measure word is an idiom (千家万户, 万家灯火).
        if num in ("百", "千", "万", "亿") and not m.group("num2"):
            continue
        # 「一」 with a measure word alone means "a": not a quantity.
        # 二 with a measure word is an ordinal (二期, 二类, 二层, 二组): counts say 两.
        if num == "二" and unit is not None and unit not in ("人", "名") and not m.group("num2"):
            continue
        # 元/方 glued to a word: 三元材料, 二元结构, 3方便, 四方面.
        if unit in ("元", "方") and text[end : end + 1] in _UNIT_WORD_NEXT[unit]:
            continue
        # A list number glued to a word: 48组织生活会, 50双重组织.
        if (start == 0 or text[start - 1] in "\n \u3000") and unit and len(unit) == 1 and text[end - 1 : end + 1] in _gaz().common_words:
            continue
        if num in ("一", "壹") and not m.group("num2"):
            continue
        # A Chinese numeral glued to more CJK (一体, 三保障) is a word, not a number.
        if re.fullmatch(_CN_NUM, num) and unit is None:
            continue
        # Single Chinese numeral + single-char measure word before a CJK char often forms a
        # word (三农, 两会): keep only for real measure words.
        etype = "MONEY" if _is_money_unit(unit) else "QUANTITY"
        # A bare 万/亿 amount after a word for money is money: 销售额达到2000万.
        if unit is None and _MONEY_CONTEXT.search(text[max(0, start - MONEY_CONTEXT_CHARS) : start]):
            etype = "MONEY"
        # Digits glued to Latin letters or more digits are codes (4G, A1).
        if end < len(text) and re.match(r"[A-Za-z]", text[end]) and unit is None:
            continue
        if start > 0 and re.match(r"[A-Za-z0-9.]", text[start - 1]):
            continue
        candidates.append((start, end, etype))
    phrases = [(p.start(), p.end()) for p in _FIXED_PHRASE.finditer(text)]
    candidates = [c for c in candidates if not any(ps <= c[0] and c[1] <= pe for ps, pe in phrases)]
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    for s, e, etype in candidates:
        if any(taken[s:e]):
            continue
        span_text = text[s:e]
        if normalize(etype, span_text, []) is None and not (
            _VAGUE_RE.search(span_text) and re.search(rf"(?:{_alternation(CURRENCIES)}|{_alternation(UNITS)})$", span_text)
        ):
            continue
        for i in range(s, e):
            taken[i] = True
        out.append(Span(etype, s, e, RULE_SCORE, "rules"))
    return out


# Numeric slogans that are POLICY unquoted too (D33), and numbers in fixed phrases that
# are neither QUANTITY nor POLICY (goals, idioms, terms).
NUMERIC_SLOGANS = (
    "四个意识", "四个自信", "两个维护", "四个全面", "五位一体", "八项规定", "三严三实", "两学一做",
    "三会一课", "一村一品", "一事一议", "三品一标", "一户一策", "五个振兴", "四好农村路", "三权分置",
)
NOT_QUANTITY_PHRASES = (
    "四面八方", "三次产业", "一二三产业", "两个一百年", "四项基本原则", "八个明确", "十四个坚持",
    "三步走", "四梁八柱", "千家万户", "三产融合", "三轮车", "零起步", "三伏",
)
_FIXED_PHRASE = re.compile(_alternation(NOT_QUANTITY_PHRASES + NUMERIC_SLOGANS))


# -- places -------------------------------------------------------------------------------

_TOWN_VILLAGE = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:镇|乡|街道|社区)|[\u4e00-\u9fff]镇|[\u4e00-\u9fff]{1,4}?村")
_VILLAGE_ONLY = re.compile(r"[\u4e00-\u9fff]{1,4}?村")
_VILLAGE_GROUP = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:村|组|屯)")
# A chain continues only from a full name: one that ends in an administrative suffix.
_ADMIN_END = set("省市县区镇乡村州旗盟道")
# Characters that never occur inside a chained town or village name (驻村, 所有贫困村).
_NOT_CHAINED = set("的了在是和与及等为对驻局委办部院所厅会队站贫困行政副正长以给要向把被让将从由任")
# Quantifiers never head a village or town name (城固县各乡镇, 多个镇): lenient links only.
_NOT_LENIENT = set("各多个几每该本全两原")
_GENERIC_VILLAGE = frozenset(
    ["贫困", "行政", "示范", "重点", "试点", "中心", "每个", "所有", "全部", "美丽", "特色", "新农", "易地",
     "山区", "部分", "个别", "偏远", "边远", "深度", "少数", "民族", "侗族", "苗族", "农业", "生态", "文明"]
)
_NOT_PLACE_HEAD = set("贫困行政示范该全本各每一个这那此重点中心新农乡村城镇山和")


_STANDALONE_PLACE = re.compile(
    r"(?:^|(?<=[，。、；：,;:\s“”（）()在到至于从和与及了是的进赴驻往向入经将把对]))"
    r"(?P<name>[\u4e00-\u9fff]{2,3}?(?P<suffix>镇|乡|村|社区|屯))(?![民级委务里庄落子口头亲土音愁情贤])"
)
_PLACE_SUFFIX = re.compile(r"(?:镇|乡|村|社区|屯)(?![民级委务里庄落子口头亲土音愁情贤])")
_PLACE_LEFT = set("，。、；：,;:.． “”（）()在到至于从和与及了是的进赴驻往向入经将把对由以让给为使")
# Words after which a town or village name starts (带动谢家河村, 其中谢家河村).
_WORDS_BEFORE_PLACE = frozenset(
    [
        "带动", "其中", "地处", "借助", "代表", "承包", "负责", "确定", "发现", "导致", "完成", "位于", "来到", "走进", "前往",
        "深入", "包括", "覆盖", "涉及", "整个", "帮扶", "联系", "挂联", "挂包", "包联", "结对", "对口", "帮助", "资助", "慰问",
        "考察", "调研", "视察", "走访", "入驻", "驻扎", "派驻", "选派", "就读", "居住", "搬迁", "搬到", "来自", "出生", "生活",
        "扎根", "落户", "回到", "返回", "留在", "住在", "成为", "建设", "打造",
    ]
)
# Pronouns and particles never inside such a name (跟她回村, 成我镇).
_NOT_IN_VILLAGE_NAME = set("她我他它其你咱您谁啥之时期边处办上下整回走进出入到于成给向无")
# A last character that makes a word with the suffix: 老乡, 家乡, 返乡, 整村, 到社区.
_BEFORE_SUFFIX_WORD = {"乡": "老家返回下故同城异还归水", "村": "全本该邻各外农山渔", "镇": "城乡集", "社区": "", "屯": "驻囤"}
# Prepositions and verbs that a sentence-initial match may carry in front: 以圣源村为例.
_LEAD_WORDS = set("以到原据驻在对从于将把为向往赴进经")
_NOT_PLACE_CHARS = set("贫困行政示范重点所有全部各个每这那此该本新农美丽城市县区省街道与及的了在是为等之让由")
# Words (not single characters) that never occur in a town or village name.
_NOT_PLACE_WORDS = re.compile("中心|城市|城乡|城镇|集中|中央|其中|中国")
# 城关镇 (the seat of a county) is a name although 城 heads many words.
_SEAT_TOWN = re.compile(r"城关(?:镇|乡|街道)")


def _region_spans(text: str, gaz: Gazetteer) -> list[Span]:
    out: list[Span] = []
    for s, e in gaz.find(text):
        out.append(Span("REGION", s, e, RULE_SCORE, "rules"))
    # Towns and villages standing alone after a clause boundary or a verb of motion:
    # 在荷叶坪村, 、王坝镇, 走进温泉镇.
    for m in _STANDALONE_PLACE.finditer(text):
        start, end = m.start("name"), m.end("name")
        while text[start] in _LEAD_WORDS and end - start > 3:  # 以圣源村, 驻花石镇
            start += 1
        name = text[start:end]
        core = name[: -len(m.group("suffix"))]
        if _NOT_PLACE_WORDS.search(name) or (len(core) >= 3 and core.endswith("和")) or (
            (any(ch in _NOT_PLACE_CHARS for ch in name) or name[0] in _NOT_PLACE_HEAD) and not _SEAT_TOWN.fullmatch(name)
        ):
            continue
        if any(ch in "乡村镇驻" for ch in core) or core.endswith(("小", "特色")) or not gaz.plausible_name(core):
            continue
        if any(sp.start < end and start < sp.end for sp in out):
            continue
        if m.group("suffix") == "乡" and text[end : end + 1] in ("村", "镇"):
            continue  # 助力乡村振兴, 打好乡镇…: the word 乡村/乡镇, not a township
        out.append(Span("REGION", start, end, RULE_SCORE, "rules"))
    # The same names after a frequent word (带动谢家河村, 其中谢家河村, 代表岭羊村), and those
    # the pattern above skipped because an earlier, rejected match swallowed them.
    for m in _PLACE_SUFFIX.finditer(text):
        k, end = m.start(), m.end()
        if any(sp.start < end and k < sp.end for sp in out):
            continue
        if m.group() == "乡" and text[end : end + 1] in ("村", "镇"):
            continue
        for length in (3, 2):
            start = k - length
            if start < 0:
                continue
            left_ok = start == 0 or text[start - 1] in _PLACE_LEFT or text[start - 2 : start] in _WORDS_BEFORE_PLACE
            core = text[start:k]
            if (
                left_ok
                and all(_is_cjk(ch) for ch in core)
                and not any(ch in _NOT_IN_VILLAGE_NAME for ch in core)
                and core[-1] not in _BEFORE_SUFFIX_WORD.get(m.group(), "")
                and core[0] not in _NOT_PLACE_HEAD
                and not any(ch in _NOT_PLACE_CHARS or ch in "乡村镇驻" for ch in core)
                and not _NOT_PLACE_WORDS.search(text[start:end])
                and not (len(core) >= 3 and core[-1] == "和")  # 向洪江和村干部: a conjunction
                and not core.endswith(("小", "特色"))
                and gaz.plausible_name(core)
                and core not in gaz.common_words
            ):
                out.append(Span("REGION", start, end, RULE_SCORE, "rules"))
                break
    # Towns, villages and village groups written right after a full place name:
    # 城固县三合镇黄牛嘴村, 阳春镇陈村龙沟组.
    ends = {sp.end: sp for sp in out if text[sp.end - 1] in _ADMIN_END}
    extra: list[Span] = []
    starts = {sp.start for sp in out}
    todo = sorted(ends)
    while todo:
        pos = todo.pop(0)
        if pos in starts:  # a gazetteer name follows (榆林市佳县): its own chain goes on
            continue
        pattern = _VILLAGE_GROUP if text[pos - 1] == "村" else _TOWN_VILLAGE
        link = pattern.match(text, pos)
        if link and link.group().endswith("乡") and text[link.end() : link.end() + 1] in ("村", "镇"):
            link = _VILLAGE_ONLY.match(text, pos)  # 高唐镇常口村|乡村振兴
        if link and link.group()[0] == "原" and len(link.group()) >= 4:
            link = pattern.match(text, pos + 1)  # 花石镇原|东晓村: the former village
        # Right after a town (a county), a two-character village (town) name may be an
        # ordinary word (雨母山镇幸福村, 城固县三合镇前进村, 兰西县奋斗乡).
        lenient = (
            link is not None
            and len(link.group()) == 3
            and (link.group()[-1] == "村" and text[pos - 1] in "镇乡" or link.group()[-1] in "镇乡" and text[pos - 1] in "县区市旗")
            and link.group()[:2] not in _GENERIC_VILLAGE
            and link.group()[:2] not in gaz.verbish  # 开展村: a verb, not a name
            and not any(ch in _NOT_LENIENT for ch in link.group()[:2])
        )
        if (
            link
            and (lenient or (link.group()[0] not in _NOT_PLACE_HEAD and gaz.plausible_name(link.group()[:-1])))
            and not any(ch in _NOT_CHAINED for ch in link.group())
            and link.end() not in ends
        ):
            extra.append(Span("REGION", link.start(), link.end(), RULE_SCORE, "rules"))
            ends[link.end()] = extra[-1]
            todo.append(link.end())
    return out + extra


# -- organisations --------------------------------------------------------------------------

ORG_SUFFIXES = (
    "人民政府新闻办公室", "人民政府办公室", "人民政府", "人大常委会", "政协", "乡村振兴局",
    "人力资源和社会保障局", "人力资源与社会保障局", "人力资源和社会保障厅", "组织部", "宣传部",
    "统战部", "领导小组", "基金会", "办公室", "大队", "服务队", "合作社", "村公所", "服务中心",
    "管理中心", "交易中心", "培训中心", "研究中心", "指挥中心", "监测中心", "晚报", "报社",
    "制造厂", "制品厂", "加工厂", "厂", "妇联", "联合会", "分会", "服务站", "服务厅", "文教办", "足协",
    "义工联", "工商联", "残联", "团委", "税务局", "国税局", "地税局", "卫计室", "卫生室", "卫生院",
    "委会", "分行", "农商行", "农商银行", "农村商业银行", "信用社", "农信社", "商业银行",
    "扶贫开发办公室", "扶贫办", "委员会", "党委", "区委", "县委", "市委", "省委", "州委", "政府",
    "发改委", "卫健委", "教育局", "民政局", "财政局", "人社局", "农业农村局", "水务局", "公安局",
    "交通运输局", "林业局", "文旅局", "商务局", "局", "厅", "日报", "电视台", "广播电视台", "大学",
    "学院", "职业学校", "技工学校", "中学", "小学", "医院", "人民医院", "银行", "集团有限公司",
    "村民委员会", "村委会", "党总支", "党支部", "党工委", "纪委", "委", "分局", "支行", "商会",
    "慈善会", "师范学院", "网", "海关", "支队", "派出所", "供电公司", "供电所", "学校", "幼儿园",
    "敬老院", "福利院", "养老院", "红十字会", "气象台", "律师事务所", "事务所", "总会", "商报",
    "都市报", "晨报", "考试院", "福利中心", "研究会", "促进会", "供销社", "财政所", "民政所",
    "服务站", "一中", "二中", "三中", "实验小学", "实验中学", "艺术团", "歌舞团", "科协", "总工会", "侨联", "文联", "消防中队",
    "中队", "管理站", "联谊会", "办事处",
    # Names of departments written with 和 (the generic pattern stops at 和).
    *(
        f"{dept}{body}"
        for dept in (
            "住房和城乡建设", "住房和城乡规划建设", "文化和旅游", "工业和信息化", "自然资源和规划",
            "规划和自然资源", "发展和改革", "卫生和计划生育", "教育和体育", "文化广电和旅游",
            "规划建设和住房保障", "商务和粮食", "农业和农村", "科学技术和工业信息化",
        )
        for body in ("局", "厅", "委员会", "委", "部")
    ),
    "有限公司", "股份有限公司", "公司", "集团", "协会", "商会", "研究院", "研究所", "法院", "检察院",
)
KNOWN_ORGS = (
    "国务院扶贫开发领导小组办公室", "国务院扶贫办", "国务院", "国家乡村振兴局", "国家卫健委",
    "国家卫生健康委员会", "国家发改委", "国家发展改革委", "农业农村部", "财政部", "民政部",
    "教育部", "人力资源和社会保障部", "人社部", "国家开发银行", "国开行", "中国农业发展银行",
    "农发行", "中国农业银行", "农业银行", "人民日报", "新华社", "中央电视台", "央视",
    "央视新闻频道", "中央广电总台", "中央广播电视总台", "国际在线", "中国国际广播电台", "光明日报",
    "经济日报", "农民日报", "中国扶贫基金会", "京东", "阿里巴巴", "淘宝", "拼多多", "腾讯",
    "苏宁", "中共中央", "全国人大", "全国政协", "共青团中央", "全国妇联", "中国科学院",
    "党中央", "公安部", "农业部", "商务部", "国家统计局", "红军", "共产党", "中国共产党",
    "搜狐", "新浪", "网易", "华商报", "中国政府网", "国家电网", "南方电网", "水滴筹",
    # Outlets (D21), national bodies, banks and companies known by name alone.
    "人民网", "新华网", "央广网", "央视网", "中新网", "中国新闻网", "中国网", "光明网", "中青网",
    "中国青年网", "中国青年报", "中国日报", "工人日报", "法制日报", "新京报", "齐鲁晚报",
    "澎湃新闻", "央视新闻", "腾讯新闻", "新华每日电讯", "经济参考报", "第一财经",
    "中组部", "中宣部", "中央农办", "中央纪委", "中央纪委国家监委", "国家监委", "国务院新闻办公室",
    "国新办", "国家税务总局", "水利部", "交通运输部", "生态环境部", "自然资源部", "司法部",
    "住房和城乡建设部", "工业和信息化部", "工信部", "科技部", "文化和旅游部", "国家医保局",
    "国家林业和草原局", "国家林草局", "国家民委", "国务院国资委", "退役军人事务部",
    "应急管理部", "审计署", "国家能源局", "中国工程院", "中国社会科学院", "中国科协", "中国残联",
    "全国总工会", "中华全国总工会", "团中央", "九三学社", "致公党", "中国人民银行", "人民银行", "中国工商银行", "工商银行", "中国建设银行",
    "建设银行", "中国银行", "交通银行", "中国邮政储蓄银行", "邮储银行", "招商银行", "中信银行",
    "民生银行", "兴业银行", "浦发银行", "光大银行", "华夏银行", "平安银行", "农行", "工行", "建行",
    "中国人寿", "中国人保", "中国平安", "中国移动", "中国联通", "中国电信", "中国铁塔", "中国邮政",
    "中粮集团", "中国石油", "中国石化", "中石油", "中石化", "国家能源集团", "顺丰", "万达集团",
    "碧桂园", "恒大集团", "盒马鲜生", "中科院", "最高人民检察院", "最高人民法院", "外交部",
    "证监会", "银保监会", "世界卫生组织", "世界银行", "联合国", "欧盟", "中新社", "红网", "南方日报",
    "东方卫视", "湖南卫视", "齐鲁网", "大旗网", "市场监管总局", "国家市场监督管理总局", "国家邮政局",
    "蚂蚁金服", "中国长安网", "中国证券报", "新文化报", "中国青年报", "中华慈善总会", "中国红十字会",
    "全国人大常委会", "中央党校", "中央统战部", "国家外汇管理局", "美联储", "经济观察报",
    "住房城乡建设部", "国土部", "国土资源部", "住建部", "税务总局", "国家林业局", "银监会", "保监会",
    "清华大学", "北京大学", "中国人民大学", "中铝集团", "中铝", "龙煤集团", "北大荒集团", "中煤集团",
    "国家开发投资集团", "中国建筑", "中交集团", "中国交建", "中国铁建", "中国中铁", "中国电建",
    "中国华能", "中国大唐", "中国华电", "国家电投", "三峡集团", "中国农业大学", "西北农林科技大学",
)
# Parent companies written before a place and a branch: 国网榆林供电公司 is one name.
_PARENT_PREFIX = re.compile(r"(?:国网|国家电网|南方电网|中煤|中铝|中石油|中石化|中国石油|中国石化|中国移动|中国联通|中国电信|中国邮政|中粮|中国人寿|中国农业银行|农业银行|中国银行|建设银行|工商银行|邮储银行)$")
_KNOWN_ORG = re.compile(_alternation(KNOWN_ORGS))
# Source lines name an outlet (D21): 来源：央视新闻, 本文来源:陕西农村报.
_SOURCE_LINE = re.compile(r"(?:来源|出处)\s*[:：]\s*")
_SOURCE_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,12}")
# What may follow the outlet's name on the same line (it ends the name) ...
_SOURCE_NEXT = re.compile(r"记者|总编|编辑|编审|责编|作者|通讯员|声明|原标题|图片|摄影|返回")
# ... and what is not an outlet.
_SOURCE_NOT = re.compile(
    r"综合|整理|转载|网络|网友|本报|本网|关于|"
    r"^(?:县|市|区|省|镇|州)?委?(?:新闻信息中心|新闻中心|融媒体中心|宣传部|外宣办|扶贫办|办公室)$"
)
_SOURCE_SEP = re.compile(r"\s*[/／、]\s*")
# Channels of an outlet: 中央纪委国家监委网站 is one name.
_CHANNEL = re.compile(r"网站|官网|客户端|微信|微博|公众号|APP|app|网|新闻|频道")
# Outlets in a dateline: 西部网讯, 大河网讯, 鲁网聊城5月22日讯.
_DATELINE_OUTLET = re.compile(r"(?:^|(?<=[\s，,。：:、（(【\[“]))([\u4e00-\u9fff]{1,5}网)(?=讯|[\u4e00-\u9fff]{0,4}\d{1,2}月\d{1,2}日[讯电])")
# Village bodies (D24): 岭羊村党支部, 荷叶坪村委会.
_VILLAGE_BODY = re.compile(
    r"([\u4e00-\u9fff]{2}村)(?:党支部|党总支|村委会|村民委员会|委会|卫计室|卫生室|股份经济合作社|经济合作社)"
)
_BEFORE_VILLAGE = set("兼任在到的了是与和及对为将把从由驻进赴至当、，。原该全本各每个这那其等向往于给")
# After these a matched name is a common noun: 公安部门, 教育部门; 党委委员; 中国网络.
_NOT_ORG_AFTER = ("门", "员", "长")
_BRANCHES = ("分局", "支行", "分行", "分院", "分公司", "分会", "分中心", "大队", "中队")
_NOT_AFTER_WEB = set("络群点站页民格上友店购状银商红")
_NET_WORDS = frozenset(["落网", "联网", "上网", "入网", "触网", "渔网", "管网", "光网", "天网", "电网", "路网", "水网"])
_ORG_AFTER_PLACE = re.compile(
    rf"(?:[^\W\d_与和及在对向为把被将从由的了是等共长兼副常]{{0,8}}?)(?:{_alternation(ORG_SUFFIXES)})"
)
# Departments written on after a body (国务院扶贫办政策法规司, 榆林市农业局农监科); a title
# must follow, or the word is the body's business (…局办公室 is covered by the suffixes).
_SUB_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{1,5}?(?:司|处|科|室)(?=[副正]?(?:司长|处长|科长|主任|负责人|工作人员))")


_ORG_SUFFIX_AT_END = re.compile(rf"(?:{_alternation(ORG_SUFFIXES)})$")
# Verbs of a clause: a place, then one of these, then a body is not one name
# (宁陕县四亩地镇开展村监委会主任培训, 汉阴聆听农业厅宣讲).
_CLAUSE_VERB = re.compile(
    "开展|聆听|采取|召开|举办|参加|实施|推进|落实|走进|来到|深入|前往|宣讲|表示|指出|要求|提出|认为|"
    "介绍|获得|荣获|启动|印发|出台|邀请|督促|调研|考察|视察|慰问|看望|部署|审议|签订|签署|投入|"
    "安排|申报|选派|创新|打造|成立|设立|召集|会同|配合|协助|牵头|负责|积极|主动|认真|全面|进一步|"
    "目前|各级|各类|所有|全部|有关|收到|接到|按照|依托|通过|报请|上报|贯彻|以|向|"
    "加快|加强|推动|促进|深化|完善|建立|健全|探索|发挥|境内|建国|下属"
)


def _org_end(text: str, end: int, places: frozenset[int] = frozenset()) -> int:
    """Extend an ORG ending at `end` over sub-bodies written on: 水务局机关党委, 公安局刑警大队."""
    while True:
        more = _ORG_AFTER_PLACE.match(text, end) or _SUB_DEPARTMENT.match(text, end)
        if more is None or len(more.group()) > 6 or re.search(r"[，。、；：,;:“”《》\s]", more.group()):
            return end
        # A new place starts a new name, except for a branch: 公安局武昌区分局.
        if end in places and not more.group().endswith(_BRANCHES):
            return end
        if not _org_head_ok(text, more.end()) or _CLAUSE_VERB.search(_ORG_SUFFIX_AT_END.sub("", more.group())):
            return end  # 皇冠镇纪委|收到中央纪委
        end = more.end()


def _org_head_ok(text: str, end: int) -> bool:
    if text.startswith("员工", end):
        return True  # 京东员工
    if text[end - 1] == "会" and text[end : end + 1] == "场":
        return False  # 珠海分会场: a venue (D23)
    if text[end - 2 : end] in ("一中", "二中", "三中") and text[end : end + 1] in "等心央国华间学":
        return False  # 第一中等专业学校, 一中心
    if text.startswith(_NOT_ORG_AFTER, end) and not text.startswith("门诊", end):
        return False
    if text[end - 1] == "网" and text[end - 2 : end] in _NET_WORDS:
        return False  # 落网, 互联网: words, not an outlet
    return not (text[end - 1] == "网" and end < len(text) and text[end] in _NOT_AFTER_WEB)


# Companies named without a place: 五峰印象网络科技有限公司, 中晋资产管理（上海）有限公司.
_COMPANY = re.compile(
    r"[\u4e00-\u9fff]{2,14}(?:[（(][\u4e00-\u9fff]{2,4}[）)])?(?:股份有限公司|有限责任公司|有限公司)"
)
_QUOTED_ORG = re.compile(r"“([^“”]{2,14}(?:公司|集团|商会|协会|合作社|银行))”")
# A quoted name followed by one of these is a platform or outlet: “五峰蓝”电商平台.
_PLATFORM = r"(?:电商|网络|服务|销售)?(?:平台|公众号|APP|app|小程序)"
_PLATFORM_AFTER = re.compile(rf"”{_PLATFORM}")
_QUOTED_PLATFORM = re.compile(rf"“([^“”]{{2,14}})”(?={_PLATFORM})")
# A company named without a place or legal form after a verb of dealing with it
# (注册成立万顺牧业公司, 与美德力建筑装饰公司, 走进新时达公司; D25).
_SHORT_COMPANY = re.compile(
    r"(?:与|同|跟|注册成立|成立|注册|走进|引进|依托|联合|入股|收购|签约|携手|帮助|支持)([\u4e00-\u9fff]{2,8}?(?:公司|集团))"
)
_GENERIC_COMPANY_HEAD = ("国外", "国内", "外资", "外地", "本地", "当地", "知名", "大型", "龙头", "骨干", "高科", "相关", "民营", "国有", "上市")
_NOT_IN_SHORT_COMPANY = set("家该本这那子分母省市县区各其所等有关相一两几个们大小总公司集团的了在是和及与为")
_CUT_BEFORE_COMPANY = set("的了在是和与及对向为把被将从由等让给、")
# Last characters of a body's name: a company written right after one starts anew.
_BODY_END = set("厂队局司会院所部社委")
_VERBS_BEFORE_COMPANY = ("利用", "依托", "通过", "成立", "注册", "创办", "联合", "组建", "收购", "包括",
                         "成为", "设立", "引进", "入驻", "来到", "走进", "参观", "考察", "签约", "携手")


def _company_spans(text: str, place_starts: frozenset[int]) -> list[Span]:
    out: list[Span] = []
    for m in _COMPANY.finditer(text):
        start = m.start()
        head = text[start : m.end()]
        # Cut at the last function character, verb, other body or place in front of the name.
        cut = 0
        for i in range(len(head) - 6):
            if start + i in place_starts and head[i - 1 : i] not in ("（", "("):
                cut = i
            elif head[i] in _CUT_BEFORE_COMPANY or head[i] in _BODY_END:
                cut = i + 1
            elif head.startswith(_VERBS_BEFORE_COMPANY, i):
                cut = i + 2
        if len(head) - cut >= 6:
            out.append(Span("ORG", start + cut, m.end(), RULE_SCORE, "rules"))
    for m in _QUOTED_ORG.finditer(text):
        out.append(Span("ORG", m.start(1), m.end(1), RULE_SCORE, "rules"))
    for m in _SHORT_COMPANY.finditer(text):
        name = m.group(1)
        if not any(ch in _NOT_IN_SHORT_COMPANY for ch in name[:-2]) and not name.startswith(_GENERIC_COMPANY_HEAD):
            out.append(Span("ORG", m.start(1), m.end(1), RULE_SCORE, "rules"))
    for m in _QUOTED_PLATFORM.finditer(text):
        if m.group(1).isdigit() or sum(ch in _CN_DIGITS for ch in m.group(1)) >= 2:
            continue  # “二合一”平台, “12345”平台: a government service, not a company
        out.append(Span("ORG", m.start(1), m.end(1), RULE_SCORE, "rules"))
    return out


def _org_spans(text: str, regions: list[Span]) -> list[Span]:
    out: list[Span] = []
    for m in _KNOWN_ORG.finditer(text):
        if not _org_head_ok(text, m.end()):
            continue
        out.append(Span("ORG", m.start(), _org_end(text, m.end()), RULE_SCORE, "rules"))
    # place (+ place ...) + body: 南郑区人民政府, 汉中市扶贫办, 商洛市商州区委.
    by_start = {r.start: r for r in regions}
    places = frozenset(by_start)
    for r in regions:
        if any(o.start <= r.start < o.end for o in out):
            continue
        end = r.end
        while end in by_start:  # chained places
            end = by_start[end].end
        head = _ORG_AFTER_PLACE.match(text, end)
        if (
            head
            and not re.search(r"[，。、；：,;:“”《》\s]", head.group())
            and _org_head_ok(text, head.end())
            and not _CLAUSE_VERB.search(_ORG_SUFFIX_AT_END.sub("", head.group()))  # 宁陕县…开展村监委会
        ):
            out.append(Span("ORG", r.start, _org_end(text, head.end(), places), RULE_SCORE, "rules"))
    # A parent company before a place + branch: 国网|榆林供电公司 → one ORG.
    out = [
        Span("ORG", r.start - len(p.group()), r.end, r.score, r.source)
        if (p := _PARENT_PREFIX.search(text, max(0, r.start - 6), r.start)) and r.start > 0
        else r
        for r in out
    ]
    return out + _company_spans(text, places) + _outlet_spans(text) + _village_body_spans(text)


def _outlet_spans(text: str) -> list[Span]:
    out: list[Span] = []
    for m in _SOURCE_LINE.finditer(text):
        pos = m.end()
        while True:
            name = _SOURCE_NAME.match(text, pos)
            if name is None:
                break
            stop = _SOURCE_NEXT.search(name.group())
            end = name.start() + stop.start() if stop else name.end()  # 央视新闻编辑：…
            if (
                end - name.start() < 2
                or _SOURCE_NOT.search(text[name.start() : end])
                or not any(_is_cjk(c) for c in text[name.start() : end])
                or (not stop and _SOURCE_NAME.match(text, end - 1) and len(name.group()) == 12)
            ):
                break
            known = _KNOWN_ORG.match(text, name.start(), end)
            rest = text[known.end() : end] if known else ""
            if known and len(rest) >= 2 and not _CHANNEL.fullmatch(rest):  # 中央广电总台国际在线 (D21)
                out.append(Span("ORG", name.start(), known.end(), RULE_SCORE, "rules"))
                out.append(Span("ORG", known.end(), end, RULE_SCORE, "rules"))
            else:
                out.append(Span("ORG", name.start(), end, RULE_SCORE, "rules"))
            sep = _SOURCE_SEP.match(text, end)
            if stop or sep is None or sep.end() == end:
                break
            pos = sep.end()
    for m in _DATELINE_OUTLET.finditer(text):
        out.append(Span("ORG", m.start(1), m.end(1), RULE_SCORE, "rules"))
    return out


def _village_body_spans(text: str) -> list[Span]:
    out: list[Span] = []
    gaz = _gaz()
    for m in _VILLAGE_BODY.finditer(text):
        start = m.start(1)
        if any(ch in _BEFORE_VILLAGE for ch in text[start : m.end(1) - 1]) or text[start] in _NOT_PLACE_HEAD:
            continue
        if (
            start > 0
            and _is_cjk(text[start - 1])
            and text[start - 1] not in _BEFORE_VILLAGE | _ADMIN_END
            and text[start - 2 : start] not in gaz.common_words  # 项目|石洋村
        ):
            start -= 1  # 荷叶坪村: a three-character name
        if text[start] in _NOT_PLACE_HEAD or not gaz.plausible_name(text[start : m.end(1) - 1]):
            continue
        # The town written before the village is part of the name (D24): 上栗镇石洋村村委会.
        for n in (2, 3):
            core = text[start - n - 1 : start - 1]
            if (
                start - n - 1 >= 0
                and text[start - 1] in "镇乡"
                and all(_is_cjk(ch) and ch not in _NOT_PLACE_CHARS for ch in core)
                and core[0] not in _NOT_PLACE_HEAD
                and gaz.plausible_name(core)
                and (start - n - 1 == 0 or text[start - n - 2] in _PLACE_LEFT or text[start - n - 3 : start - n - 1] in gaz.common_words)
            ):
                start -= n + 1
                break
        out.append(Span("ORG", start, m.end(), RULE_SCORE, "rules"))
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# -- policies -------------------------------------------------------------------------------

CLOSED_POLICIES = (
    "易地扶贫搬迁", "东西部扶贫协作", "东西部协作", "对口帮扶", "对口支援", "定点扶贫", "万企帮万村",
    "千企帮千村", "以工代赈", "控辍保学", "雨露计划", "农村危房改造", "危房改造", "最低生活保障",
    "低保", "特困供养", "临时救助", "退耕还林", "退耕还草", "生态移民", "棚户区改造", "厕所革命",
    "先诊疗后付费", "两不愁三保障", "四个不摘", "五个一批", "三重保障", "十项制度", "七长制",
    "一站式服务", "一单式结算", "六个精准", "五个一批", "苏陕协作", "苏陕扶贫协作",
    # Written variants of the programs above.
    "农村最低生活保障", "城乡最低生活保障", "城市最低生活保障", "易地搬迁", "棚改", "一站式结算",
)
_NOT_POLICY_AFTER = ("户", "对象", "人员", "户数", "金", "群众", "人口", "家庭", "脱贫")
# What the title of a policy document ends with (《十条措施》, 《责任清单》, 《…实施意见》).
DOCUMENT_HEADS = (
    "意见", "方案", "通知", "协议", "措施", "清单", "规划", "条例", "计划", "政策", "办法", "规定",
    "决定", "细则", "规则", "纲要", "标准", "指南", "目录", "名录", "公约", "法", "制度", "战略",
    "报告", "章程", "准则", "守则", "要点", "决议", "通告", "公告", "机制", "工程", "行动", "备忘录",
    "规范", "规程", "批复", "条",
)
_BOOK = re.compile(r"《([^《》]{2,60})》")
_MEDIA_TITLE = re.compile(r"(?:日报|晚报|报|杂志|周刊|新闻|频道|栏目|关注|联播|访谈|之声|网)$")
# Quoted numeric slogans and mechanisms: 两不愁三保障, 三条铁律, 一周一调度、一周一通报.
_SLOGAN = re.compile(rf"^[{_CN_DIGITS}双\d][\u4e00-\u9fff、+\dX]*$")


# Quoted numerals that are words, groups or people, not programs (guideline: population
# categories, bodies and events are not POLICY).
NOT_POLICY_SLOGANS = frozenset(["两会", "三农", "两委", "五老", "一把手", "一号", "三类人群", "四类人员", "五保"])
_NOT_POLICY_ENDINGS = ("后", "人群", "对象", "人员", "户", "委", "办", "币", "岁", "年", "日", "组织", "县", "村")
# Quoted numerals that are goals (“零辍学”, D30/D37), mottos (“一切以…”) or honours
# (“十佳…明星”), not programmes.
_NOT_SLOGAN = re.compile(r"^(?:零|一切)|十佳|百佳|最美|优秀|先进|标兵|明星|模范|十强|百强|奖章|奖|称号")
# A numeral with a measure word for things counts things; it does not name a programme.
_COUNTED_THINGS = re.compile(
    rf"^[{_CN_DIGITS}\d.]+[多余]?[万亿]?(?:座|辆|只|名|家|户|人|张|本|台|头|株|棵|栋|间|件|篇|幅|首|元|吨|亩)[^{_CN_DIGITS}]*$"
)
_GROUP_AFTER = ("人员", "儿童", "老人", "妇女", "群体", "人群", "对象", "家庭", "问题")

# Heads that make a quoted name a program on their own (“春风行动”, “电力扶贫共富工程”) or,
# written right after a quoted slogan, belong to its name (“5+X”特色产业扶贫).
_HEADS = ("工作法", "工作机制", "机制", "模式", "工程", "行动", "计划", "项目", "制度", "责任制",
          "战略", "政策", "方案", "专项", "特色产业扶贫", "特色产业", "健康扶贫", "产业扶贫", "名单",
          "清单", "经验")
_GENERIC_HEADS = ("政策", "经验", "名单", "清单", "计划", "方案", "专项", "战略")
_PROGRAM_NAME = re.compile(rf"[\u4e00-\u9fff\w+]{{2,18}}(?:{_alternation(_HEADS)})")
_PROGRAM_HEAD = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{_alternation(_HEADS)})")
_PLAIN_AMOUNT = re.compile(rf"{NUMBER}(?:{_alternation(UNITS)}|{_alternation(CURRENCIES)})?")
# Quoted mechanisms named after an office holder: “路长制”, “林长制” (D30).
_CHIEF_SYSTEM = re.compile(r"[\u4e00-\u9fff]{1,3}长制")
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
    rf"|[{_CN_DIGITS}][\u4e00-\u9fff]{{2,7}}(?:[，,][{_CN_DIGITS}][\u4e00-\u9fff]{{2,7}}){{1,5}}"
)
_SHORT_CLAUSE_LIST = re.compile(r"[\u4e00-\u9fff]{2,8}(?:、[\u4e00-\u9fff]{2,8}){1,5}")
_LIST_HEAD_AFTER = re.compile(
    r"(?:的|等)?[\u4e00-\u9fff]{0,4}?(?:要求|原则|主线|活动|格局|组合拳|方式|方法|行动|机制|模式|工作法|思路|方针|"
    r"战略|工程|制度|政策|理念|举措|措施|路径|体系|标准|方略|做法|工作)"
)
_LIST_VERB_BEFORE = re.compile(r"(?:按照|坚持|实行|落实|推行|推进|开展|结合|通过|围绕|实施|打出|做到|践行|遵循|贯彻)[^，。；“”]{0,3}$")
_PLUS_MODEL = re.compile(r"[\u4e00-\u9fff\w]{1,8}(?:\+[\u4e00-\u9fff\w]{1,8})+\+?")


def _policy_spans(text: str) -> list[Span]:
    out: list[Span] = []
    for m in _BOOK.finditer(text):
        title = m.group(1)
        core = _TITLE_NOTE.sub("", title)
        if _MEDIA_TITLE.search(core) or title in KNOWN_ORGS or not core.endswith(DOCUMENT_HEADS):
            continue  # a newspaper, programme, book or article title
        out.append(Span("POLICY", m.start(1), m.end(1), RULE_SCORE, "rules"))
    for m in _QUOTED.finditer(text):
        inner = m.group(1)
        if _PLATFORM_AFTER.match(text, m.end(1)):
            continue  # an ORG (see _company_spans)
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
        named = (_PROGRAM_NAME.fullmatch(inner) or _CHIEF_SYSTEM.fullmatch(inner)) and not re.search(
            r"[，,。；;！!？?]", inner
        )
        # A slogan names a program together with the head written after it:
        # “5+X”特色产业扶贫, “345”工作法. Only a slogan of digits or letters needs its head.
        head = _PROGRAM_HEAD.match(text, m.end())
        if head and "的" in head.group():
            head = None
        coded = re.search(r"[0-9A-Za-z]", inner) is not None
        slogan = (
            _SLOGAN.match(inner)
            and not _NOT_SLOGAN.search(inner)
            and not _COUNTED_THINGS.match(inner)  # “两座金山银山”, “60万辆产能”
            and (len(inner) <= 6 or sum(ch in _CN_DIGITS for ch in inner) >= 3 or "、" in inner or coded)
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
    # A quoted name found once is the same programme wherever else the text quotes it
    # (“校农结合”工作, 邹联克说，“校农结合”是…).
    quoted_names = {text[sp.start : sp.end] for sp in out if text[sp.start - 1 : sp.start] in ("“", "‘")}
    starts = {sp.start for sp in out}
    for m in _QUOTED.finditer(text):
        if m.group(1) in quoted_names and m.start(1) not in starts:
            out.append(Span("POLICY", m.start(1), m.end(1), RULE_SCORE, "rules"))
    for m in _BARE_TITLE.finditer(text):
        out.append(Span("POLICY", m.start(), m.end(), RULE_SCORE, "rules"))
    for m in re.finditer(_alternation(CLOSED_POLICIES + NUMERIC_SLOGANS), text):
        if text.startswith(_NOT_POLICY_AFTER, m.end()):
            continue
        out.append(Span("POLICY", m.start(), m.end(), RULE_SCORE, "rules"))
    return out


# -- all --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _gaz() -> Gazetteer:
    return load_gazetteer()


def recognize(text: str) -> list[Span]:
    """All rule spans on a prepared text, resolved to a flat list (outer and longer first)."""
    regions = _region_spans(text, _gaz())
    cands = _policy_spans(text) + _org_spans(text, regions) + regions + _number_spans(text)
    taken: list[Span] = []
    for c in sorted(cands, key=lambda s: (-(s.end - s.start), s.start)):
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda s: s.start)
