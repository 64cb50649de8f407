"""REGION: gazetteer names plus towns, villages and village groups by pattern."""

from __future__ import annotations

import re

from serving.decode import Span
from serving.gazetteer import DIVISION_ENDINGS, Gazetteer
from serving.regions import HAMLET
from serving.rules.common import RULE_SCORE, is_cjk

_TOWN_VILLAGE = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:镇|乡|街道|社区)|[\u4e00-\u9fff]镇|[\u4e00-\u9fff]{1,4}?村")
_VILLAGE_ONLY = re.compile(r"[\u4e00-\u9fff]{1,4}?村")
_NUMBERED_GROUP = re.compile(r"[0-9一二三四五六七八九十两]+[组队社]")
_VILLAGE_GROUP = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:村|组|屯)")
# A chain continues only from a full name: one that ends like a division (gazetteer.DIVISION_ENDINGS).
ADMIN_END = frozenset(ending[-1] for ending in DIVISION_ENDINGS)
# Characters that never occur inside a chained town or village name (驻村, 所有贫困村).
_NOT_CHAINED = set("的了在是和与及等为对驻局委办部院所厅会队站贫困行政副正长以给要向把被让将从由任")


def _chain_blocked(name: str) -> bool:
    """A character never inside a chained town or village name; 和 may be inside one
    (玉泉镇暖和湾村, 和平村), but not first or right before the suffix (三合镇和黄牛嘴村)."""
    return any(ch in _NOT_CHAINED and not (ch == "和" and 0 < i < len(name) - 2) for i, ch in enumerate(name))

# Quantifiers never head a village or town name (城固县各乡镇, 多个镇): lenient links only.
_NOT_LENIENT = set("各多个几每该本全两原")
_GENERIC_VILLAGE = frozenset(
    ["贫困", "行政", "示范", "重点", "试点", "中心", "每个", "所有", "全部", "美丽", "特色", "新农", "易地",
     "山区", "部分", "个别", "偏远", "边远", "深度", "少数", "民族", "侗族", "苗族", "农业", "生态", "文明"]
)
NOT_PLACE_HEAD = set("贫困行政示范该全本各每一个这那此重点中心新农乡村城镇山和")
# Descriptions of a kind of village or town, not names (网红村, 小山村, 文化村, 旅游镇).
_KIND_OF_PLACE = _GENERIC_VILLAGE | {"网红", "小山", "文化", "旅游", "明星", "样板", "模范", "淘宝", "电商"}


_STANDALONE_PLACE = re.compile(
    r"(?:^|(?<=[，。、；：,;:\s“”（）()?!《》【】\[\]在到至于从和与及了是的进赴驻往向入经将把对])|(?<=\d年)"
    r"|(?<=该县|该乡|该镇|该市|该区|本县|本乡|本镇|全县|全乡|全镇))"
    r"(?P<name>[\u4e00-\u9fff]{2,3}?(?P<suffix>镇|乡|村|社区|街道|屯))(?![民级委务里庄落子口头亲土音愁情贤])"
)
_PLACE_SUFFIX = re.compile(r"(?:镇|乡|村|社区|屯)(?![民级委务里庄落子口头亲土音愁情贤])")
PLACE_LEFT = set("，。、；：,;:.． “”（）()?!《》【】[]在到至于从和与及了是的进赴驻往向入经将把对由以让给为使")
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
_BEFORE_SUFFIX_WORD = {"乡": "老家返回下故同城异还归水", "村": "全本该邻各外农山渔通", "镇": "城乡集", "社区": "", "屯": "驻囤"}
# Prepositions and verbs that a sentence-initial match may carry in front: 以圣源村为例.
_LEAD_WORDS = set("以到原据驻在对从于将把为向往赴进经")
NOT_PLACE_CHARS = set("贫困行政示范重点所有全部各个每这那此该本新农美丽城市县区省街道与及的了在是为等之让由")
# The characters above that do occur in names (新关村, 二道河村, 农丰村) make a non-name
# only as part of one of these words.
_NOT_PLACE_WORD_CHARS = set("贫困行政示范重点新农美丽城街道")
_NOT_PLACE_WORDS_IN_NAME = re.compile("贫困|行政|示范|重点|所有|全部|新农|美丽|城[市乡镇区]|街道|农[业民村户]|新[建增]")


# How the names of venues, parks, zones, streets, routes and buildings end: the guideline
# (D15) tags none of them, only a place name inside them (临港|智能终端产业园, 外海街道办事处 is
# an ORG). Not 新区: state-level new areas are divisions.
VENUE_ENDINGS: tuple[str, ...] = (
    "开发区", "高新区", "经开区", "工业园区", "工业园", "产业园", "科技园", "园区", "景区", "公园",
    "广场", "办事处", "小区", "安置点", "安置区", "大道", "路", "巷", "段", "站", "机场", "码头",
    "大桥", "隧道", "大厦", "酒店", "宾馆", "博物馆", "纪念馆", "市场", "商城", "基地", "庄园", "山庄",
)


# A route named by the places it joins, each by one character (京沪高铁, 郑万、郑阜高铁, 渝黔、
# 兰渝等多条线路): the guideline (D18) tags no abbreviation inside a railway's name.
_ROUTE_PHASE = r"(?:二期|南延|北延)?"  # 宁启|二期, 荆荆|南延
_ROUTE_AFTER = re.compile(
    rf"{_ROUTE_PHASE}(?:[、和及与][\u4e00-\u9fff]{{2,3}}{_ROUTE_PHASE})*(?:等[0-9一二三四五六七八九十多]*[条个]?)?"
    r"(?:高铁|高速|铁路|城际|客专|动车|线路|干线|通道)"
)


def abbreviated_route(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is two or three characters that name a route with what
    follows it (京沪|高铁), not a place."""
    return end - start <= 3 and _ROUTE_AFTER.match(text, end) is not None and text[start - 1 : start] not in ("至", "到")


def not_place_chars(name: str) -> bool:
    """True when the name holds a character or word that never occurs in a place name."""
    return any(ch in NOT_PLACE_CHARS and ch not in _NOT_PLACE_WORD_CHARS for ch in name) or bool(
        _NOT_PLACE_WORDS_IN_NAME.search(name)
    )
# Words (not single characters) that never occur in a town or village name.
_NOT_PLACE_WORDS = re.compile("中心|城市|城乡|城镇|集中|中央|其中|中国|时任|当上")
# 城关镇 (the seat of a county) is a name although 城 heads many words.
_SEAT_TOWN = re.compile(r"城关(?:镇|乡|街道)")


# A list of bare names closed by what they are: 王坝、白河、石桥等乡镇, 圣源、西官和宫家楼6个行政村.
# At most this many names are read before the list's last one: a long run of 、-joined names
# without a closing word costs linear time, not quadratic.
LISTED_PLACES_MAX_ITEMS = 30
_LISTED_PLACES = re.compile(
    rf"(?P<items>(?:[\u4e00-\u9fff]{{2,4}}、){{1,{LISTED_PLACES_MAX_ITEMS}}}"
    r"(?:(?!等)[\u4e00-\u9fff]){2,4}(?:[和及与](?:(?!等)[\u4e00-\u9fff]){2,4})?)"
    r"(?=(?:等|等?(?:[0-9]+|[一二两三四五六七八九十]+)个?)(?:行政)?(?:乡镇|镇|乡(?![村镇])|村|社区|街道))"
)


def _listed_places(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Each name of a list that its closing word calls towns or villages; none if one item
    is an ordinary word (教育、卫生等乡镇干部)."""
    out: list[tuple[int, int]] = []
    for m in _LISTED_PLACES.finditer(text):
        pos, items = m.start(), []
        for sep_item in re.split(r"(、|(?<=[\u4e00-\u9fff]{2})[和及与](?=[\u4e00-\u9fff]{2,4}$))", m.group("items")):
            if sep_item and sep_item not in "、和及与":
                items.append((pos, pos + len(sep_item)))
            pos += len(sep_item)
        first_s, first_e = items[0]
        # The first item may carry the words before the list (覆盖王坝, 涉及圣源).
        cut = first_s if first_s == 0 or not is_cjk(text[first_s - 1]) else -1
        if "的" in text[first_s:first_e]:  # 在加勉乡的|党港、污俄: a name never holds 的
            cut = text.rindex("的", first_s, first_e) + 1
        for k in range(max(cut, first_s) + 1, first_e - 1):
            lead = text[first_s:k]
            if lead in _WORDS_BEFORE_PLACE or lead in gaz.verbish or lead in gaz.common_words or lead in _LEAD_WORDS:
                cut = k
                break
        if cut < 0 or first_e - cut < 2:
            items = items[1:]
        else:
            items[0] = (cut, first_e)
        names = [text[a:b] for a, b in items]
        if len(names) < 2 or any(
            n in gaz.not_in_name or not gaz.plausible_name(n) or not_place_chars(n) for n in names
        ) or all(n in gaz.common_words for n in names):
            continue
        out.extend(items)
    return out


def _bad_head(name: str, gaz: Gazetteer) -> bool:
    """A first character that does not start a place name (贫困村, 该镇, 中心村), except 中
    heading a name that is no word (中厂镇, 中平村; not 中心, 中国)."""
    if name[0] == "中":
        return name[:2] in gaz.common_words or name[:2] in ("中心", "中国", "中央", "中部", "中小", "中间")
    return name[0] in NOT_PLACE_HEAD


def _village_follows(text: str, pos: int, gaz: Gazetteer) -> bool:
    """A village name follows: a town written between a county and a village is a town even
    when its name is a word (兰西县奋斗乡前途村, 四季镇天坪村)."""
    v = _VILLAGE_ONLY.match(text, pos)
    return (
        v is not None
        and len(v.group()) >= 3
        and v.group()[0] not in NOT_PLACE_HEAD
        and not _chain_blocked(v.group())
        and gaz.plausible_name(v.group()[:-1])
    )


def _town_spans(text: str, start: int, end: int, gaz: Gazetteer) -> list[Span]:
    """A town or village found by pattern; where its first character ends a county's short
    form with the character before it (贵州从江|加勉乡), the short form and the rest."""
    short = text[start - 1 : start + 1]
    if start > 0 and end - start >= 4 and short in gaz.county_short and (gaz.county_short[short] in text or gaz.supported(text, short)):
        return [Span("REGION", start - 1, start + 1, RULE_SCORE, "rules"), Span("REGION", start + 1, end, RULE_SCORE, "rules")]
    return [Span("REGION", start, end, RULE_SCORE, "rules")]


def _not_a_name(gaz: Gazetteer, name: str, core: str) -> bool:
    """Checks every standalone town or village candidate must pass (name = core + suffix)."""
    return bool(
        _NOT_PLACE_WORDS.search(name)
        or (len(core) >= 3 and core.endswith("和"))  # 向洪江和村干部: a conjunction
        or any(ch in "乡村镇驻" for ch in core)
        or core.endswith(("小", "特色"))
        or core[-1] in "两几任"  # 泰和|两村 (two villages), 向洪江|任村主任 (to serve as)
        or "组" in core  # 桂花社区六组|村组路: a group, then the word 村组
        or core[-2:] in _KIND_OF_PLACE
        or not (gaz.plausible_name(core) or core in gaz.features)  # 二道河村: named after the river
    )


# A province's one-character abbreviation after a verb of coming or staying and before
# what one does there (来川视察, 援藏干部, 进京上访). Characters that start common words
# (新, 云, 青, 宁, 晋, 辽 ...) are left out.
_ABBREVIATION = re.compile(
    "(?<=[来在赴入进回离援驻抵])[京津冀沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔滇藏陕陇疆]"
    "(?=[^\u4e00-\u9fff]|[的后时]|视察|调研|考察|工作|上访|务工|期间|参加|开展|挂职|干部|学习|创业|投资|落户|"
    "访问|参观|就医|求学|打工|经商|任职|援建|帮扶|医疗|人员|企业|教师|支教)"
)


# Hamlets named after a family and the land (张家坝, 杨家院子, 刘家沟): a surname, 家 and a
# word for a landform or settlement. Not before a settlement suffix (张家坝村 is the village).
_HAMLET = re.compile(HAMLET.pattern + r"(?![\u4e00-\u9fff]{0,2}(?:村|镇|乡|社区|组|屯|街道))")


def _hamlets(text: str, gaz: Gazetteer) -> list[Span]:
    return [
        Span("REGION", m.start(), m.end(), RULE_SCORE, "rules")
        for m in _HAMLET.finditer(text)
        if m.start() == 0 or text[m.start() - 1 : m.start() + 1] not in gaz.common_words  # 大王|家…
    ]


def region_spans(text: str, gaz: Gazetteer) -> list[Span]:
    listed = [Span("REGION", s, e, RULE_SCORE, "rules") for s, e in gaz.find(text)]
    listed += [Span("REGION", m.start(), m.end(), RULE_SCORE, "rules") for m in _ABBREVIATION.finditer(text)]
    listed += _hamlets(text, gaz)
    found = _patterned_places(text, gaz, listed)
    found += _list_mates(text, listed + found)
    return listed + found + _repeats(text, gaz, listed + found, found)


_LIST_MATE_AFTER = {suffix: re.compile(rf"[\u4e00-\u9fff]{{2,3}}?{suffix}") for suffix in "镇乡村"}


def _list_mates(text: str, spans: list[Span]) -> list[Span]:
    """An item of a list of towns or villages written with the same suffix as a neighbour
    found as a place is a place too, even when its name is a word (民主镇、南宫山镇)."""
    taken = {(sp.start, sp.end) for sp in spans}
    busy = bytearray(len(text))
    for sp in spans:
        busy[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
    out: list[Span] = []
    for sp in spans:
        suffix = text[sp.end - 1]
        if suffix not in "镇乡村" or sp.end - sp.start < 3:
            continue
        for start, end in ((sp.end + 1, None), (None, sp.start - 1)):
            if start is not None and text[sp.end : sp.end + 1] == "、":  # the item after it
                m = _LIST_MATE_AFTER[suffix].match(text, start)
                cand = (m.start(), m.end()) if m else None
            elif end is not None and text[end : end + 1] == "、":  # the item before it
                cand = next(
                    ((end - n - 1, end) for n in (2, 3) if end - n - 1 >= 0 and text[end - 1] == suffix
                     and (end - n - 1 == 0 or not is_cjk(text[end - n - 2]) or text[end - n - 2] in PLACE_LEFT)),
                    None,
                )
            else:
                cand = None
            if cand is None or cand in taken or any(busy[cand[0] : cand[1]]):
                continue
            core = text[cand[0] : cand[1] - 1]
            if (
                all(is_cjk(ch) for ch in core)
                and core[0] not in NOT_PLACE_HEAD
                and not not_place_chars(core)
                and not any(ch in "乡村镇驻" for ch in core)
                and not _NOT_PLACE_WORDS.search(core)
            ):
                out.append(Span("REGION", cand[0], cand[1], RULE_SCORE, "rules"))
                taken.add(cand)
                busy[cand[0] : cand[1]] = b"\x01" * (cand[1] - cand[0])
    return out


_SUFFIXES = ("社区", "街道", "村", "镇", "乡", "组", "屯")
# Verbs that act on a village and its bodies, never its name (开展村监委会主任培训).
_ACTION_VERBS = frozenset(
    ["开展", "召开", "实施", "推进", "落实", "建设", "组织", "举办", "参加", "加强", "完善", "建立", "健全", "推动",
     "指导", "督促", "帮助", "支持", "进行", "深入", "走进", "来到", "前往", "进入", "到达", "覆盖", "实现", "完成"]
)
_VILLAGE_WORD_AFTER = set("级委务规")
# After a town's name these make a word (镇村, 乡镇); a set, so that a town at the text's end
# still counts.
_TOWN_WORD_AFTER = set("村乡镇")
# After 村 these make a word (村级, 村民, 村干部): the 村 is not a village's suffix.
_WORD_AFTER_VILLAGE = re.compile(r"[民级委务里庄落子口头亲土音愁情贤干组规容貌情史]")
_SHORT_FORM_TOWN = re.compile(r"(?P<core>[\u4e00-\u9fff]{2,3}?)(?:镇|乡(?![村镇])|街道)")
# After a core these make another name: a river, a hill, a dialect (穆阳溪, 长营话).
_FEATURE_AFTER_CORE = set("溪河江湖山岭峰海湾岛话")
# Ethnic townships (卡蒲|毛南族乡, 江口|回族镇): the town pattern is too short for them.
_ETHNIC_TOWN = re.compile(
    r"(?:(?:毛南|土家|蒙古|哈尼|傈僳|拉祜|纳西|仫佬|锡伯|布依|仡佬|朝鲜|达斡尔|鄂温克|鄂伦春|撒拉|"
    r"东乡|保安|裕固|塔吉克|普米|布朗|阿昌|独龙|基诺|德昂|门巴|珞巴|赫哲|维吾尔|哈萨克|柯尔克孜|景颇|"
    r"[回苗彝瑶侗壮满藏畲白傣黎佤水羌土京怒])族)+(?:乡|镇)"
)


def _repeats(text: str, gaz: Gazetteer, spans: list[Span], patterned: list[Span]) -> list[Span]:
    """A town or village found once is a place wherever else the text writes it, in full
    (鱼中村 after an odd left word) or by its core (黑虎庙 for 黑虎庙村, D10)."""
    busy = bytearray(len(text))  # characters already in a place span
    for sp in spans:
        busy[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
    out: list[Span] = []

    def add(start: int, end: int) -> None:
        if not any(busy[start:end]):
            busy[start:end] = b"\x01" * (end - start)
            out.append(Span("REGION", start, end, RULE_SCORE, "rules"))

    # Longest first; names of one length in a fixed order, so the output never depends on
    # the order of a set.
    names = sorted({text[sp.start : sp.end] for sp in patterned if sp.end - sp.start >= 3}, key=lambda n: (-len(n), n))
    for name in names:
        for m in re.finditer(re.escape(name), text):
            if not (name.endswith("村") and text.startswith("民", m.end())):  # 高圪塔村民: see below
                add(m.start(), m.end())
    for name in names:
        suffix = next((x for x in _SUFFIXES if name.endswith(x)), None)
        core = name[: -len(suffix)] if suffix else ""
        if (
            len(core) < 2
            or suffix in ("组", "屯")
            or core in gaz.common_words
            or core in gaz.not_in_name
            or core[0] in NOT_PLACE_HEAD
            or not gaz.plausible_name(core)
        ):
            continue
        for m in re.finditer(re.escape(core), text):
            if (
                (text.startswith(_SUFFIXES, m.end()) and not text.startswith("村民", m.end()))  # D10: 高圪塔|村民
                or text[m.end() : m.end() + 1] in _FEATURE_AFTER_CORE
                or (m.start() > 0 and text[m.start() - 1 : m.start() + 1] in gaz.common_words)
            ):
                continue  # another place with this core (黑虎庙镇, 穆阳溪), or a straddle
            add(m.start(), m.end())
    return out


def _patterned_places(text: str, gaz: Gazetteer, listed: list[Span]) -> list[Span]:
    """Towns, villages and village groups found by pattern (not in the gazetteer)."""
    out: list[Span] = []
    taken = bytearray(len(text) + 1)  # 1 where a span in `out` lies: overlap tests in O(span)

    def free(start: int, end: int) -> bool:
        return 1 not in taken[start:end]

    def place(spans: list[Span]) -> None:
        out.extend(spans)
        for sp in spans:
            taken[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)

    place(listed)
    # Towns and villages standing alone after a clause boundary or a verb of motion:
    # 在荷叶坪村, 、王坝镇, 走进温泉镇.
    for m in _STANDALONE_PLACE.finditer(text):
        start, end = m.start("name"), m.end("name")
        while text[start] in _LEAD_WORDS and end - start > 3:  # 以圣源村, 驻花石镇
            start += 1
        name = text[start:end]
        core = name[: -len(m.group("suffix"))]
        if (
            _not_a_name(gaz, name, core) or name[-2:] in ("家乡", "通村")  # 了解家乡, 硬化通村
        ) or (
            (not_place_chars(core if m.group("suffix") == "街道" else name) or _bad_head(name, gaz))
            and not _SEAT_TOWN.fullmatch(name)
        ):
            continue
        if not free(start, end):
            continue
        if m.group("suffix") == "乡" and text[end : end + 1] in ("村", "镇"):
            continue  # 助力乡村振兴, 打好乡镇…: the word 乡村/乡镇, not a township
        place(_town_spans(text, start, end, gaz))
    for m in _ETHNIC_TOWN.finditer(text):
        for n in (2, 3, 4):  # the shortest name with a word boundary before it
            start = m.start() - n
            if start < 0 or not all(is_cjk(ch) for ch in text[start : m.start()]):
                break
            left = text[start - 1] if start > 0 else "，"
            if (not is_cjk(left) or left in PLACE_LEFT or left in ADMIN_END or left in _LEAD_WORDS) and (
                text[start] not in NOT_PLACE_HEAD and gaz.plausible_name(text[start : m.start()])
            ):
                if free(start, m.end()):
                    place([Span("REGION", start, m.end(), RULE_SCORE, "rules")])
                break
    # The same names after a frequent word (带动谢家河村, 其中谢家河村, 代表岭羊村), and those
    # the pattern above skipped because an earlier, rejected match swallowed them.
    for m in _PLACE_SUFFIX.finditer(text):
        k, end = m.start(), m.end()
        if not free(k, end):
            continue
        if m.group() == "乡" and text[end : end + 1] in ("村", "镇"):
            continue
        # A town with a village written right after it is a town even when its name is a
        # word (图为钱集镇效佐村, 7.四季镇天坪村).
        town_of_village = m.group() in ("镇", "乡") and _village_follows(text, end, gaz)
        for length in (3, 2):
            start = k - length
            if start < 0:
                continue
            left_ok = (
                start == 0
                or text[start - 1] in PLACE_LEFT
                or text[start - 2 : start] in _WORDS_BEFORE_PLACE
                or (town_of_village and text[start - 1] in ADMIN_END)  # 省定贫困村|高桥镇白石源村
            )
            if left_ok and length == 3 and text[start] == "原":
                start += 1  # 以原|溢河镇: the former town
            core = text[start:k]
            if (
                left_ok
                and all(is_cjk(ch) for ch in core)
                and not any(ch in _NOT_IN_VILLAGE_NAME for ch in core)
                and (town_of_village or core[-1] not in _BEFORE_SUFFIX_WORD.get(m.group(), ""))
                and core[0] not in NOT_PLACE_HEAD
                and not not_place_chars(core)
                and (
                    (
                        town_of_village
                        and not _NOT_PLACE_WORDS.search(core)
                        and not any(ch in "乡村镇驻" for ch in core)
                        and core not in gaz.verbish
                    )
                    or (not _not_a_name(gaz, text[start:end], core) and core not in gaz.common_words)
                )
            ):
                place(_town_spans(text, start, end, gaz))
                break
    for start, end in _listed_places(text, gaz):
        if free(start, end):
            place([Span("REGION", start, end, RULE_SCORE, "rules")])
    # A town written right after a short form (江西瑞金|沙洲坝镇, 萍乡|湘东镇): the chain below
    # then goes on from the town.
    for sp in list(out):
        if text[sp.end - 1] in ADMIN_END or not (sp.end - sp.start >= 2 and text[sp.start : sp.end] in gaz.short_forms):
            continue
        town = _SHORT_FORM_TOWN.match(text, sp.end)
        if (
            town
            and town.group()[0] not in NOT_PLACE_HEAD
            and not _chain_blocked(town.group())
            and not not_place_chars(town.group())
            and not _not_a_name(gaz, town.group(), town.group("core"))
            and free(sp.end, town.end())
        ):
            place([Span("REGION", sp.end, town.end(), RULE_SCORE, "rules")])
    # Towns, villages and village groups written right after a full place name:
    # 城固县三合镇黄牛嘴村, 阳春镇陈村龙沟组.
    ends = {sp.end: sp for sp in out if text[sp.end - 1] in ADMIN_END}
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
        village = _VILLAGE_ONLY.match(text, pos) if text[pos - 1] in "镇乡" else None
        if link and village and village.end() < link.end():
            link = village  # after a town, its village first: 堰门镇青春村|向镇扶贫办
        if link and link.group()[0] == "原" and len(link.group()) >= 4:
            link = pattern.match(text, pos + 1)  # 花石镇原|东晓村: the former village
        # Right after a town (a county), a two-character village (town) name may be an
        # ordinary word (雨母山镇幸福村, 城固县三合镇前进村, 兰西县奋斗乡).
        lenient = (
            link is not None
            and len(link.group()) == 3
            and (link.group()[-1] == "村" and text[pos - 1] in "镇乡" or link.group()[-1] in "镇乡" and text[pos - 1] in "县区市旗")
            and link.group()[:2] not in _GENERIC_VILLAGE
            and (
                link.group()[:2] not in gaz.verbish  # 开展村级: a verb
                or _village_follows(text, link.end(), gaz)
                or (  # 展望村 (not 开展村监委会: an action on the village's bodies)
                    link.group()[-1] == "村"
                    and link.group()[:2] not in _ACTION_VERBS
                    and not _WORD_AFTER_VILLAGE.match(text, link.end())
                )
                or (  # 汉滨区大同镇 (not 城固县开展镇村…)
                    link.group()[-1] in "镇乡"
                    and link.group()[:2] not in _ACTION_VERBS
                    and text[link.end() : link.end() + 1] not in _TOWN_WORD_AFTER
                )
            )
            and not any(ch in _NOT_LENIENT for ch in link.group()[:2])
        )
        if link and link.group()[-1] == "村" and text[link.end() : link.end() + 1] in _VILLAGE_WORD_AFTER:
            link = None  # 勉县模式村级股份合作社: 村级, not a village
        if link and _NUMBERED_GROUP.match(link.group()):
            link = None  # 李庙村三组, 桂花社区六组|村组路: a numbered group is no named place (D55)
        if (
            link
            and (lenient or (not _bad_head(link.group(), gaz) and gaz.plausible_name(link.group()[:-1])))
            and not _chain_blocked(link.group())
            and link.end() not in ends
        ):
            extra.append(Span("REGION", link.start(), link.end(), RULE_SCORE, "rules"))
            ends[link.end()] = extra[-1]
            todo.append(link.end())
        elif (feature := _FEATURE_LINK.match(text, pos)) is not None and _named_feature(text, feature, gaz):
            # A named feature written right after its county or town (灌云县开山岛, 款庄镇青平水库, D15).
            extra.append(Span("REGION", feature.start(), feature.end(), RULE_SCORE, "rules"))
    return out[len(listed) :] + extra


_FEATURE_LINK = re.compile(
    r"(?P<core>[\u4e00-\u9fff]{2,3}?)(?:水库|海峡|岛|湖|河|江|山|峡|岭|峰)(?![\u4e00-\u9fff]{0,2}(?:村|镇|乡|区|县|市|社区|街道|组|屯))"
)


def _named_feature(text: str, feature: re.Match[str], gaz: Gazetteer) -> bool:
    name, core = feature.group(), feature.group("core")
    return (
        name[0] not in NOT_PLACE_HEAD
        and name[0] not in PLACE_LEFT  # 广州|至松山湖: a preposition
        and not _chain_blocked(name)
        and not not_place_chars(name)
        and core not in gaz.common_words
        and name not in gaz.common_words
        and gaz.plausible_name(core)
        and not any(ch in _NOT_IN_VILLAGE_NAME for ch in core)
    )
