"""QUANTITY and MONEY: a number grammar shared with the normalizers.

A candidate is kept only when the normalizer can read it, so what the recognizer finds
is exactly what the normalizer understands. It knows what is not a quantity: dates,
ages, ordinals, codes, 一 + measure word, numbers inside names and fixed phrases.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from serving.decode import Span
from serving.rules.common import QUOTED, RULE_SCORE, alternation, gazetteer, in_idiom, is_cjk

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟廿卅"
_ARABIC = r"\d+(?:[,，]\d{3})*(?:\.\d+)?"
_CN_NUM = rf"[{CN_DIGITS}]+"
# A number: Arabic (with optional Chinese multiplier), or Chinese numerals; 多/余/几
# may sit inside (20多亿, 三千余, 8.9万余).
# Vague amounts (几十, 数百万, 上百) are mentions too; their value is null.
VAGUE = r"(?:[数几上][十百千万亿]+|几)"
NUMBER = rf"(?:{VAGUE}|{_ARABIC}(?:[多余]?(?:个(?=亿(?!元?[项级企])))?[十百千万亿]+)*|{_CN_NUM})(?:[多余几](?:[十百千万亿]+)?)?"
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
# Words for money that make a bare 万/亿 amount written shortly after them MONEY.
_MONEY_CONTEXT = re.compile(
    r"销售额|营业额|收入|资金|投资|筹款|产值|收益|利润|资产|捐款|借款|贷款|存款|赃款|工资|"
    r"出资|首付|存入|承建|收购|融资|集资|募集|罚款|赔偿|价值|造价|售价|年薪|月薪|分红|投入|经费|补助|补贴|估值"
)
MONEY_CONTEXT_CHARS = 8
# ... and a word for money right after it: 投入了1亿左右资金.
_MONEY_AFTER = re.compile(r"(?:左右|以上|多)?的?(?:资金|款项|经费|投资|贷款|捐款|补助|奖金|盈利|利润|收益|营收)")
# Verbs of earning right before a bare amount (D51).
_EARNED_BEFORE = re.compile(r"(?:赚了?|挣了?|能拿|拿了|月入|年入|月薪|年薪)$")
# After N期 these make it a project's phase (三期工程), not a count of sessions (三期培训班).
_PHASE_OF = ("工程", "项目", "扩建", "改扩建", "建设")
_DIGITS_SPACE_BEFORE = re.compile(r"(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)? $")
# A run of this many digits with no separator or multiplier is a code, not a count
# (an amount of money may be written so: 123456789元).
CODE_MIN_DIGITS = 9
_RANGE_SEP = ("至", "到", "—", "－", "-", "~", "～", "〜")

_MEASURE = re.compile(
    rf"(?P<pre>{alternation(PREFIX_MODS)})?"
    rf"(?P<num>{NUMBER})"
    rf"(?:(?P<sep>{alternation(_RANGE_SEP)})(?P<num2>{NUMBER}))?"
    # One space may sit between an Arabic number and its unit (3000 元); see _number_spans.
    rf"(?:(?P<space>[ \u00a0])?(?P<unit>万元|亿元|千元|百元|{alternation(CURRENCIES)}|{alternation(UNITS)}))?"
    rf"(?P<suf>{alternation(SUFFIX_MODS)})?"
)
# Words that end in 约 (签约, 预约): the 约 before a number is not "about".
_YUE_WORDS = set("签预制节合公条契邀相违履毁践")
# A vague amount ending in a unit (几十元, 数百亩) stands even though it has no value.
_UNIT_AT_END = re.compile(rf"(?:{alternation(CURRENCIES)}|{alternation(UNITS)})$")
# A range whose first part carries its own unit: 80%至85%, 500多米到900多米.
_UNIT_RANGE = re.compile(
    rf"(?P<num>{NUMBER})(?P<u1>%|％|℃|[米元斤个户人])(?P<mid>[多余])?"
    rf"(?P<sep>{alternation(_RANGE_SEP)})(?P<num2>{NUMBER})(?P<u2>%|％|℃|[米元斤个户人])"
)


def _is_money_unit(unit: str | None) -> bool:
    return unit is not None and any(unit.endswith(c) for c in CURRENCIES)


def _inside_quote(quoted: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one quoted name; `quoted` is sorted and flat, so only
    the last quote opening at or before `start` can hold it (a lookup, not a scan)."""
    k = bisect_right(quoted, (start, float("inf"))) - 1
    return k >= 0 and quoted[k][0] <= start and end <= quoted[k][1]


def number_spans(text: str) -> list[Span]:  # noqa: C901 (one grammar, one place)
    from serving.normalize import normalize

    out: list[Span] = []
    taken = [False] * len(text)
    candidates: list[tuple[int, int, str]] = []
    quoted = [(q.start(1), q.end(1)) for q in QUOTED.finditer(text)]
    for m in _UNIT_RANGE.finditer(text):
        etype = "MONEY" if m.group("u2") == "元" else "QUANTITY"
        candidates.append((m.start(), m.end(), etype))
    for m in _MEASURE.finditer(text):
        num = m.group("num")
        unit = m.group("unit")
        start, end = m.start(), m.end()
        # Digits, a space, then 万/亿/余/多 (598 万余人): one amount; never a span without its digits.
        if num[:1] in "万亿余多" and not m.group("pre") and start >= 2 and text[start - 2].isdigit():
            first = start - 1  # scan back over the number only, not the whole text before it
            while first > 0 and (text[first - 1].isdigit() or text[first - 1] in ",."):
                first -= 1
            glued = _DIGITS_SPACE_BEFORE.search(text, first, start)
            if glued is not None:
                start = glued.start()
        if m.group("space") and not num[0].isdigit():
            continue
        if m.group("pre") == "约" and start > 0 and text[start - 1] in _YUE_WORDS:
            start = m.start("num")  # 签约12个项目
        if unit and text[m.start("unit") : m.end("unit") + 1] in _UNIT_GLUED_WORDS:
            unit, end = None, m.end("num2") if m.group("num2") else m.end("num")  # 400多万|人口
        if not num or not any(ch.isdigit() or ch in CN_DIGITS for ch in num) and not _VAGUE_RE.fullmatch(num):
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
        if re.fullmatch(_CN_NUM, num) and _inside_quote(quoted, start, end):
            continue
        if start > 0 and text[start - 1] in "第每周星礼初届":  # 第三, 十一届三次全会
            continue
        # A bare amount earned or paid is money with its currency implied (D51): 一个月能拿
        # 八九千, 赚了4000多.
        earned = (
            unit is None
            and _EARNED_BEFORE.search(text[max(0, start - 3) : start]) is not None
            and (re.search(r"\d\d|[十百千万亿]", num) is not None)
            and (end >= len(text) or not is_cjk(text[end]) or text[end] in "的左")
        )
        if unit is None and not earned:
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
        # 二 with a measure word is an ordinal (二期, 二类, 二层, 二组): counts say 两.
        if num == "二" and unit is not None and unit not in ("人", "名") and not m.group("num2"):
            continue
        # Numbered labels, not counts: a village's group (建坪村4至8组, 四合村2组组长) and a
        # project's phase (机场三期工程, 8号线三期).
        if unit == "组" and (text[start - 1 : start] == "村" or text.startswith(("组长", "村民", "贫困户"), end)):
            continue
        if (
            unit == "期"
            and text[start - 1 : start] not in ("分", "共", "用", "历")  # 分两期建设: a count
            and (text.startswith(_PHASE_OF, end) or text[max(0, start - 2) : start] in ("号线", "机场", "港区"))
        ):
            continue
        # Chinese numeral + 方 names parties (三方共管, 四方协议, 四方堡), not cubic metres.
        if unit == "方" and re.fullmatch(_CN_NUM, num):
            continue
        # A grade of disability is a label, not a count (三级残疾, 一至四级残疾人, 三、四级残疾人).
        if unit == "级" and text.startswith(("残疾", "伤残", "残"), end):
            continue
        # 元/方 glued to a word: 三元材料, 二元结构, 3方便, 四方面.
        if unit in ("元", "方") and text[end : end + 1] in _UNIT_WORD_NEXT[unit]:
            continue
        # A list number glued to a word: 48组织生活会, 50双重组织.
        if (start == 0 or text[start - 1] in "\n \u3000") and unit and len(unit) == 1 and text[end - 1 : end + 1] in gazetteer().common_words:
            continue
        # 「一」 with a measure word alone means "a": not a quantity.
        if num in ("一", "壹") and not m.group("num2"):
            continue
        # A Chinese numeral glued to more CJK (一体, 三保障) is a word, not a number.
        if re.fullmatch(_CN_NUM, num) and unit is None and not earned:
            continue
        etype = "MONEY" if _is_money_unit(unit) or earned else "QUANTITY"
        # A bare 万/亿 amount after a word for money is money: 销售额达到2000万.
        if unit is None and (
            _MONEY_CONTEXT.search(text[max(0, start - MONEY_CONTEXT_CHARS) : start]) or _MONEY_AFTER.match(text, end)
        ):
            etype = "MONEY"
        # Digits glued to Latin letters or more digits are codes (4G, A1), and so are long
        # runs of digits (phone and QQ numbers: 18985792229).
        if end < len(text) and re.match(r"[A-Za-z]", text[end]) and unit is None:
            continue
        if etype == "QUANTITY" and re.fullmatch(rf"\d{{{CODE_MIN_DIGITS},}}", num):
            continue
        if start > 0 and re.match(r"[A-Za-z0-9.]", text[start - 1]):
            continue
        candidates.append((start, end, etype))
    phrases = [(p.start(), p.end()) for p in _FIXED_PHRASE.finditer(text)]
    candidates = [
        c for c in candidates if not any(ps <= c[0] and c[1] <= pe for ps, pe in phrases) and not in_idiom(text, c[0], c[1])
    ]
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    for s, e, etype in candidates:
        if any(taken[s:e]):
            continue
        span_text = text[s:e]
        if normalize(etype, span_text, []) is None and not (_VAGUE_RE.search(span_text) and _UNIT_AT_END.search(span_text)):
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
    "三天两头", "三次产", "两个样",
)
_FIXED_PHRASE = re.compile(alternation(NOT_QUANTITY_PHRASES + NUMERIC_SLOGANS))
