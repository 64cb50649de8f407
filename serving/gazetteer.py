"""Gazetteer matching: administrative names (full and short forms), named areas, countries.

Longest match at each position over a name set built from `serving/data/regions.tsv`
(see REGIONS_SOURCE.md). Matching works on the prepared, simplified text.
"""

from __future__ import annotations

import csv
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from serving.regions import COUNTRIES as _NORMALIZER_COUNTRIES
from serving.regions import FOREIGN_CITIES, FOREIGN_PROVINCES, FORMER_NAMES

DATA = Path(__file__).resolve().parent / "data" / "regions.tsv"
# County short forms that name the place even in a text without the full county name
# (built from jieba's dictionary by training/build_short_forms.py; REGIONS_SOURCE.md).
SHORT_FORMS = DATA.parent / "county_short_forms.tsv"
# Frequent two-character words (same source): a standalone short form that straddles one
# (和政 in 党和政府) is not a name.
COMMON_WORDS = DATA.parent / "common_words.tsv"
RARE_DISTRICT = 50
# Named natural features from jieba's place names (D15; training/build_short_forms.py).
NATURAL_FEATURES = DATA.parent / "natural_features.tsv"
STRADDLE_MIN_FREQ = 300
# ... and frequent words of these kinds never sit inside a place name (召开村, 实现镇).
NOT_IN_NAME_TAGS = ("v", "p", "a", "d", "c", "r", "f", "m", "t", "q", "u")
NOT_IN_NAME_MIN_FREQ = 50
_VERBISH_TAGS = ("v", "p", "d", "c", "r", "u")
NOT_IN_NAME_NOUN_FREQ = 5000
# Last characters of a full division name (汉中市, 佳县).
_ADMIN_SUFFIX_CHARS = set("省市县区州旗盟")
# Prepositions, verbs and particles that a place name often follows directly (到佳县, 在和县).
_BEFORE_PLACE = set("到距了在赴从于对向往经至是的和与及为把将被让给来去回驻进出任")
_SUFFIX_WORDS = frozenset(["市民", "省长", "市长", "县长", "区长"])
# A short form listed right after another place is a place too (泰安、莱芜两地).
_LIST_JOINERS = set("、和与及至")
# After a natural feature these make it the head of a settlement's name (二道河村). A set,
# not a string: at the end of a text the next character is "", which a string contains.
_SETTLEMENT_SUFFIX_CHARS = set("村镇乡组屯社街")
# How a division or settlement name ends (石桥村, 桃花县, 和平街道): a name ending so is not
# bare (reads_as_name). One definition for the gazetteer, the model REGION checks
# (serving.combine) and the eval variants that want a division's ending.
DIVISION_ENDINGS: tuple[str, ...] = ("街道", "社区", *sorted(_ADMIN_SUFFIX_CHARS | _SETTLEMENT_SUFFIX_CHARS))


# How the name of a natural feature or a landform-named settlement ends (秦岭, 回水河, 果子沟,
# 巴茅坪): with a division ending, what makes a place name other than a bare one.
FEATURE_ENDINGS: tuple[str, ...] = tuple("山河岭沟溪峡洲川关坪湖江岛坝塘湾港")


def division_core(name: str) -> str:
    """The name without its division ending (桃花县 -> 桃花, 和平街道 -> 和平); the name itself
    when it has none or is nothing else."""
    for end in DIVISION_ENDINGS:
        if name.endswith(end) and len(name) > len(end):
            return name[: -len(end)]
    return name


_COMPASS = frozenset(["东北", "西北", "西南", "东南", "中东", "华中"])
_COUNTY_TAIL = re.compile("县|自治县|自治旗")
# Frequent surnames that are rarely anything else in running text (not 于, 向, 高, 金, 万,
# 方, 石, 江, 龙, 白, 常, 武, 林, 田, 马, 黄, 安, 周, 余, 任: words like 黄金周, 其余, 任职).
_SURNAMES = set(
    "王张李刘陈杨赵吴徐孙朱胡郭何罗郑梁谢宋唐许邓韩冯曹彭曾肖董潘袁蔡蒋杜叶程魏苏吕丁卢"
    "姚沈钟姜崔谭陆范汪廖贾韦夏付邹熊孟秦邱侯尹薛闫段雷黎史陶贺毛郝顾龚邵覃钱戴严莫孔汤耿赖"
)
# ... and those the comment above names, surnames only sometimes: named_person needs the
# text to call the name a person's.
_SOMETIMES_SURNAMES = set("向高金万方石江龙白常武林田马黄安周余任")  # not 于: mostly "at"
_ANY_SURNAME = frozenset(_SURNAMES | _SOMETIMES_SURNAMES)
_AFTER_DIRECTION = set("部方面侧角边向风高低")
# After a county's short form these make it the head of a feature's name (松山湖, 穆阳溪).
# A set, so that a short form ending the text still counts.
_FEATURE_AFTER_SHORT = set("湖河江岛溪")
# Where something is held: 在|万年|召开, 在|仙桃|分会场.
_HELD_BEFORE = ("在", "赴", "到", "来到", "前往", "走进", "深入")
_HELD_AFTER = re.compile("召开|举行|举办|分会场|主会场|开幕|闭幕|调研|考察|视察")
# After these a short form is the head of a town or village name (阳春镇), not the county
# (not across a determiner: 南雄|这个镇, 万年|各乡镇).
_TOWN_AFTER = re.compile(r"(?:(?![这那该个各每本全的了在是和与及])[\u4e00-\u9fff]){0,2}(?:镇|乡|村|街道|社区)")


# Position titles: written before a person's name here (村主任向洪江), and ending no ORG name
# in rules.org (三公局党委书记); the guideline tags none.
POSTS = (
    "村主任", "村支书", "支书", "书记", "主任", "村长", "镇长", "乡长", "县长", "市长", "区长", "局长",
    "处长", "科长", "站长", "队长", "组长", "社长", "院长", "校长", "行长", "部长", "厅长", "主席",
    "董事长", "总经理", "经理",
)
# A person's name is written right after a post or a kin word (村主任向洪江, 父亲向玉虎) or
# right before a verb of saying (向洪江说). Not after words for groups or roles that come
# before 向 used as "to" (村民向西安销售, 负责人向安康发货).
_POST_OR_KIN = re.compile(
    "|".join(POSTS + ("会计", "文书", "老师", "医生", "户主", "父亲", "母亲", "儿子", "女儿", "妻子", "丈夫"))
)
_SAYING_AFTER_NAME = re.compile("说(?![明服法])|告诉|坦言|回忆")
# named_person looks at a surname and a two-character given name (向|洪江), and wants the
# text to write the name this often: a person a report is about is named again, and
# 书记向西安汇报 once is no name.
GIVEN_NAME_CHARS = 2
NAMED_PERSON_MIN_MENTIONS = 2
_NAME_CHARS = GIVEN_NAME_CHARS + 1
_TEXT_ANSWERS = threading.local()  # per thread: the last text asked about, and its answers


def _answers_for(text: str) -> dict[object, object]:
    """Answers about one text (named_person, Gazetteer.supported), kept until this thread
    asks about another text: a long text asks the same questions for many candidates, and
    each answer would otherwise search the whole text again."""
    if getattr(_TEXT_ANSWERS, "text", None) is not text:
        _TEXT_ANSWERS.text, _TEXT_ANSWERS.answers = text, {}
    answers: dict[object, object] = _TEXT_ANSWERS.answers
    return answers


def _called_names(text: str) -> frozenset[str]:
    """Every surname + given name the text writes after a post or kin word or before a verb
    of saying."""
    answers = _answers_for(text)
    if "called" not in answers:
        names = {text[m.end() : m.end() + _NAME_CHARS] for m in _POST_OR_KIN.finditer(text)}
        names |= {text[m.start() - _NAME_CHARS : m.start()] for m in _SAYING_AFTER_NAME.finditer(text) if m.start() >= _NAME_CHARS}
        answers["called"] = frozenset(n for n in names if n[:1] in _ANY_SURNAME)
    return cast(frozenset[str], answers["called"])


def named_person(text: str, start: int, end: int) -> bool:
    """True when text[start:end], a surname character and a two-character given name, is
    written at least NAMED_PERSON_MIN_MENTIONS times, once at least as a person's name: after
    a post or kin word, or before a verb of saying."""
    full = text[start:end]
    if len(full) != _NAME_CHARS or full not in _called_names(text):
        return False
    return text.count(full) >= NAMED_PERSON_MIN_MENTIONS


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
CITY_SUFFIXES = ("自治州", "地区", "市", "盟")
COUNTY_SUFFIXES = ("自治县", "自治旗", "县", "新区", "区", "市", "旗")
# Ethnic names inside autonomous-unit names: 黔东南苗族侗族自治州 -> 黔东南.
# The 55 minority names that occur in autonomous-unit names (longest first).
ETHNIC_NAMES = (
    "乌孜别克", "柯尔克孜", "哈萨克", "达斡尔", "鄂温克", "鄂伦春", "维吾尔", "塔吉克", "塔塔尔",
    "俄罗斯", "土家", "布依", "蒙古", "哈尼", "仡佬", "纳西", "拉祜", "景颇", "傈僳", "独龙", "普米",
    "阿昌", "德昂", "布朗", "基诺", "门巴", "珞巴", "撒拉", "东乡", "保安", "裕固", "锡伯", "赫哲",
    "朝鲜", "毛南", "仫佬", "高山", "苗", "侗", "彝", "藏", "羌", "回", "满", "壮", "瑶", "白", "傣",
    "黎", "畲", "水", "佤", "怒", "土", "京", "各",
)
# 族 is sometimes left out after a long name (巴里坤哈萨克自治县).
_ETHNIC = re.compile(
    rf"(?:(?:{'|'.join(n for n in ETHNIC_NAMES if len(n) >= 2)})族?|(?:{'|'.join(ETHNIC_NAMES)})族)+$"
)

NAMED_AREAS = (
    "秦岭", "大巴山", "巴山", "秦巴山区", "秦巴山", "大别山", "武陵山", "乌蒙山", "六盘山", "吕梁山",
    "太行山", "燕山", "罗霄山", "大兴安岭", "小兴安岭", "长白山", "天山", "昆仑山", "祁连山",
    "横断山", "黄土高原", "青藏高原", "云贵高原", "四川盆地", "汉江", "黄河", "长江", "珠江",
    "淮河", "嘉陵江", "丹江", "汉水", "渭河", "洞庭湖", "鄱阳湖", "三峡", "滇桂黔石漠化区",
    "乌蒙山区", "武陵山区", "大别山区", "六盘山区", "吕梁山区", "燕山-太行山区", "秦巴山区",
    "长三角", "珠三角", "京津冀", "粤港澳大湾区", "东北", "西北", "西南", "华北", "华东", "华南", "中原",
    # Parts of provinces named after the province's one-character name (D15).
    "陕南", "陕北", "关中", "苏北", "苏南", "苏中", "皖北", "皖南", "皖西", "豫东", "豫西", "豫南",
    "豫北", "鲁西南", "鲁西北", "鲁南", "鲁中", "湘南", "湘中", "湘东", "赣南", "赣东北", "闽西",
    "闽东", "闽南", "粤东", "粤西", "粤北", "桂西", "桂北", "川西", "川南", "川北", "川东北", "滇西",
    "滇南", "滇东北", "滇西北", "豫东北", "豫西南", "川西北", "陇东", "冀北", "冀中", "冀南", "晋北", "晋南", "晋西北", "蒙东", "辽西", "藏北",
    "南疆", "北疆", "鄂西", "鄂西北", "渝东北", "渝东南", "浙南", "浙西", "黔北", "黔西北",
    "江汉平原", "海南岛", "关中平原", "汾渭平原", "华北平原", "东北平原",
    # Seas, bays, rivers, lakes and basins often named in the news (D15).
    "太平洋", "印度洋", "大西洋", "北冰洋", "黄海", "渤海", "北部湾", "杭州湾", "渤海湾", "长江经济带",
    "黄河流域", "长江流域", "珠江流域", "淮河流域", "湄公河", "尼罗河", "罗布泊", "雅鲁藏布江", "澜沧江",
    "金沙江", "岷江", "湘江", "赣江", "闽江", "乌江", "汾河", "青海湖", "太湖", "洱海", "滇池", "井冈山",
    "峨眉山", "武夷山", "大凉山", "小凉山", "内蒙古高原", "雄安新区", "雄安", "台湾海峡", "琼州海峡",
    "雷州半岛", "珠江三角洲", "长江三角洲", "黄浦江", "鄂西南", "鲁中南", "冀中平原", "塔里木盆地", "准噶尔盆地",
    # State-level new areas (国家级新区) that are not divisions (浦东新区, 滨海新区 are).
    "两江新区", "舟山群岛新区", "兰州新区", "南沙新区", "西咸新区", "贵安新区", "西海岸新区", "金普新区",
    "天府新区", "湘江新区", "江北新区", "福州新区", "滇中新区", "哈尔滨新区", "长春新区", "赣江新区", "京津", "潮汕",
)
# Well-known two-character features (jieba tags them ns; the built list keeps only names of
# three or more characters, because most two-character ones are words: 江山, 深山, 海峡).
# After a surname they are given names (郭红海).
TWO_CHAR_FEATURES = frozenset(
    ["华山", "嵩山", "恒山", "衡山", "庐山", "骊山", "阴山", "祁山", "苍山", "岷山", "茅山", "珠峰",
     "荆江", "西江", "北江", "东江", "辽河", "浑河", "滦河", "漳河", "洛河", "泾河", "汴河", "沱江",
     "漓江", "韩江", "抚河", "巫峡", "黑海", "红海", "里海", "咸海", "顿河"]
)
# Names of countries and continents beyond those the normalizer resolves (its COUNTRIES).
COUNTRIES = ("蒙古", "非洲", "欧洲", "亚洲")
# Parts of the world (D15, level area): 东南亚, 拉美, 亚太.
WORLD_AREAS = (
    "东南亚", "南亚", "中亚", "西亚", "东亚", "东北亚", "中东", "东非", "西非", "北非", "南部非洲",
    "东欧", "西欧", "北欧", "南欧", "中东欧", "北美", "南美", "拉美", "拉丁美洲", "南美洲",
    "北美洲", "大洋洲", "美洲", "欧亚大陆", "欧亚", "亚太", "南海", "西湖", "加勒比", "南极", "南极洲", "华中",
)
# Short forms that are ordinary words far more often than places.
SHORT_STOPLIST = frozenset(
    [
        "城关", "新区", "城区", "郊区", "矿区", "市中", "中心", "新城", "和平", "白云", "永和", "平安", "长安", "安全",
        "开发", "高新", "经济", "金山", "东区", "西区", "南区", "北区", "中区", "宝山", "青山", "红旗", "向阳", "新华",
        "城中", "城东", "城西", "城南", "城北", "江北", "江南", "河东", "河西", "河北", "河南", "山东", "山西", "湖南",
        "湖北", "广东", "广西", "海南", "东山", "西山", "南山", "北山", "清河", "新兴", "新民", "长寿", "永定", "和顺",
        "太和", "安定", "大同", "通州", "建设", "解放", "团结", "胜利", "光明", "东方", "朝阳", "南京", "双桥", "城厢",
        "普陀", "黄埔", "五华", "宁国", "凤凰", "金川", "石门", "天门", "龙门", "云龙", "龙华", "龙江", "兴化", "兴业",
        "丰都", "保定", "安平", "安居", "富民", "文明", "大方", "昌平", "东平", "西平", "南平", "北平", "和田", "吉利",
        "永安", "兴安", "恩平", "义乌", "长宁", "新建", "兴国", "乐业", "互助",
        # Words of this domain: 惠农补贴, 突破…大关; ordinary words (平原, 滨海, 河口, 山城).
        "惠农", "大关", "大新", "交城", "安新", "平原", "滨海", "河口", "凌云", "山城",
        # A mall, a station's forecourt, 人群中|站起来 (blind review, session 5).
        "商城", "站前", "中站",
    ]
)
# Full division names that are ordinary words far more often (城区 of 大同, 矿区 of 阳泉).
GENERIC_NAMES = frozenset(["城区", "矿区", "郊区", "新区"])
# Words for kinds of division, never a name (the guideline's 县区, 各县区): 街镇, 乡镇.
DIVISION_KIND_WORDS = frozenset(["街镇", "乡镇", "县区", "区县", "市县", "县市", "省市", "市区", "镇村", "村组", "乡村", "城乡"])
# Stoplisted short forms that are generic words even right after their own city (济南|市中心).
GENERIC_SHORT = frozenset(
    ["城关", "新区", "城区", "郊区", "矿区", "市中", "中心", "新城", "开发", "高新", "经济", "东区", "西区", "南区",
     "北区", "中区", "城中", "城东", "城西", "城南", "城北", "建设", "解放", "团结", "胜利", "光明", "东方", "文明",
     "安全", "平安", "新华", "红旗", "向阳", "和平", "新兴", "新民", "长寿", "太和", "安定", "大方", "吉利", "互助",
     "富民", "新建", "乐业", "惠农", "大关", "平原", "山城", "滨海", "河口", "凌云", "安居", "兴业", "江北", "江南",
     "河东", "河西"]
)
PROVINCE_SHORT_OK = frozenset(["河北", "山西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南"])
# Prefecture-level cities whose short form is on the stoplist only because a county of the
# same short name exists (南京县, 大同区): the city is what the short form means.
CITY_SHORT_OK = frozenset(["南京", "大同", "保定", "和田", "南平"])


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    level: str
    parent: str


def _strip(name: str, suffixes: tuple[str, ...]) -> str:
    for suf in suffixes:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            core = name[: -len(suf)]
            ethnic = _ETHNIC.search(core)
            if ethnic and len(core) - len(ethnic.group()) >= 2:
                core = core[: ethnic.start()]
            return core
    return name


class Gazetteer:
    def __init__(
        self,
        entries: list[Entry],
        standalone_short: frozenset[str] = frozenset(),
        common_words: dict[str, tuple[int, str]] | None = None,
        features: frozenset[str] = frozenset(),
        distinctive: frozenset[str] | None = None,
    ) -> None:
        self.entries = entries
        words = common_words or {}
        self.common_words = frozenset(w for w, (f, _t) in words.items() if f >= STRADDLE_MIN_FREQ)
        # Straddling the start of a full place name, a foreign name is no word (抵达|西安 is
        # not 达西), nor is a locative before a city (以|南昌 is not 以南; but 以东|区域).
        self.names_not_words = frozenset(w for w, (_f, t) in words.items() if t in ("nrt", "nrfg"))
        self.locatives = frozenset(w for w, (_f, t) in words.items() if t == "f")
        # Frequent verbs, adverbs, prepositions... but not nouns (幸福, 前进 can name a village).
        self.verbish = frozenset(
            w for w, (f, t) in words.items() if t.startswith(_VERBISH_TAGS) and f >= NOT_IN_NAME_MIN_FREQ
        )
        self.not_in_name = frozenset(
            w
            for w, (f, t) in words.items()
            if (t.startswith(NOT_IN_NAME_TAGS) and f >= NOT_IN_NAME_MIN_FREQ) or f >= NOT_IN_NAME_NOUN_FREQ
        )
        self.names: set[str] = set()
        self.city_short: set[str] = set()
        # County short forms (南郑 for 南郑区) are ordinary words too often (合作, 振兴, 资源):
        # they count only in a text that also names the full county, unless listed in
        # `standalone_short` (short forms that are not ordinary words).
        self.county_short: dict[str, str] = {}
        for e in entries:
            self.names.add(e.name)
            if e.level == "province":
                short = _strip(e.name, PROVINCE_SUFFIXES)
                if len(short) >= 2 and (short not in SHORT_STOPLIST or short in PROVINCE_SHORT_OK):
                    self.names.add(short)
            elif e.level == "city":
                short = _strip(e.name, CITY_SUFFIXES)
                if len(short) >= 2 and (short not in SHORT_STOPLIST or short in CITY_SHORT_OK):
                    self.names.add(short)
                    self.city_short.add(short)
                    if e.name.endswith("自治州"):  # 黔西南州, 恩施州
                        self.names.add(short + "州")
            elif e.level == "county":
                short = _strip(e.name, COUNTY_SUFFIXES)
                if len(short) >= 2 and short not in SHORT_STOPLIST and short != e.name:
                    self.county_short.setdefault(short, e.name)
                    if "自治" in e.name:  # 五峰县 for 五峰土家族自治县
                        self.names.add(short + ("旗" if e.name.endswith("旗") else "县"))
        self.standalone_short = frozenset(k for k in standalone_short if k in self.county_short)
        self.distinctive = self.standalone_short if distinctive is None else distinctive
        self.short_forms = frozenset(self.city_short | set(self.county_short))
        # What makes a county's short form a place without its full name: its city or
        # province named in the same text (巫溪 with 重庆, 神木 with 榆林).
        by_code = {e.code: e for e in entries}
        support: dict[str, list[str]] = {}
        for e in entries:
            short = _strip(e.name, COUNTY_SUFFIXES) if e.level == "county" else ""
            if short not in self.county_short:
                continue  # every county of that short form counts (滨湖: 无锡 or 合肥)
            parent = by_code.get(e.parent)
            while parent is not None:
                support.setdefault(short, []).append(parent.name)
                short_parent = _strip(parent.name, PROVINCE_SUFFIXES if parent.level == "province" else CITY_SUFFIXES)
                if len(short_parent) >= 2:
                    support[short].append(short_parent)
                parent = by_code.get(parent.parent)
        self.support = {k: tuple(dict.fromkeys(v)) for k, v in support.items()}
        # Stoplisted short forms that still name their county right after its own city or
        # province (安徽|宁国, 四川|长宁, 浙江|义乌); never the generic ones (济南|市中心).
        self.after_parent: dict[str, set[str]] = {}
        for e in entries:
            short = _strip(e.name, COUNTY_SUFFIXES) if e.level == "county" else ""
            if short in SHORT_STOPLIST and short not in GENERIC_SHORT and len(short) >= 2:
                parent = by_code.get(e.parent)
                while parent is not None:
                    names = self.after_parent.setdefault(short, set())
                    names.add(parent.name)
                    parent_short = _strip(parent.name, PROVINCE_SUFFIXES if parent.level == "province" else CITY_SUFFIXES)
                    if len(parent_short) >= 2:
                        names.add(parent_short)
                    parent = by_code.get(parent.parent)
        self.names.update(NAMED_AREAS)
        self.names.update(TWO_CHAR_FEATURES)
        self.names.update(WORLD_AREAS)
        self.names.update(FORMER_NAMES)  # 户县, 彬县, 襄樊: the normalizer resolves them
        self.names.update(FOREIGN_CITIES)
        self.names.update(FOREIGN_PROVINCES)
        self.names.update(features)
        self.features = features
        self.names.update(COUNTRIES)
        self.names.update(n for n in _NORMALIZER_COUNTRIES if len(n) >= 2)
        # Name lengths by first character, longest first: most positions start no name.
        self.lengths: dict[str, tuple[int, ...]] = {}
        for name in list(self.names) + list(self.county_short) + list(self.after_parent):
            self.lengths[name[0]] = tuple(sorted({*self.lengths.get(name[0], ()), len(name)}, reverse=True))

    def find(self, text: str) -> list[tuple[int, int]]:
        out = []
        for s, e in self._find(text):
            if self._generic(text, s, e):
                continue
            # 西安市民 → 西安 (D10), 河北省长 → 河北: the suffix belongs to the next word.
            if (
                e - s >= 3
                and text[e - 1 : e + 1] in _SUFFIX_WORDS
                and text[s : e - 1] in self.names
                and not self._name_at(text, e)  # 吉林省|长春市
                and text[e : e + 2] not in self.common_words  # 乐山市|长途
            ):
                e -= 1
            out.append((s, e))
        return out

    def _name_at(self, text: str, pos: int) -> bool:
        """A full division name starts at `pos` (镇安县 after 陕西)."""
        return any(
            pos + n <= len(text) and text[pos : pos + n] in self.names and text[pos + n - 1] in _ADMIN_SUFFIX_CHARS
            for n in self.lengths.get(text[pos : pos + 1], ())
        )

    @staticmethod
    def _generic(text: str, start: int, end: int) -> bool:
        """Division names that are ordinary words in running text: 城区 (主城区, 老城区),
        矿区, 郊区; words for kinds of division (街镇, 县区); 中国 in 发展中国家."""
        piece = text[start:end]
        if piece in GENERIC_NAMES or piece in DIVISION_KIND_WORDS:
            return True
        if piece == "白银" and text[start - 2 : start] in ("真金", "现货", "黄金"):
            return True
        if piece == "日照" and text[end : end + 2] in ("时数", "时间", "小时", "充足", "强度", "条件", "时长"):
            return True  # sunshine
        return piece == "中国" and text[start - 2 : start] == "发展" and text[end : end + 1] == "家"

    def _find(self, text: str) -> list[tuple[int, int]]:
        """Longest-match, left-to-right, non-overlapping name spans."""
        out: list[tuple[int, int]] = []
        i, n, prev_end, prev_start = 0, len(text), -1, -1
        while i < n:
            for length in self.lengths.get(text[i], ()):
                if length < 2 or i + length > n:
                    continue
                piece = text[i : i + length]
                # A county's former name (旬阳县 for today's 旬阳市, 南郑县 for 南郑区) or its
                # short autonomous form (彭水自治县, 石柱自治县).
                tail = _COUNTY_TAIL.match(text, i + length) if piece in self.county_short else None
                if tail and not (len(piece) == 2 and i != prev_end and text[i - 1 : i + 1] in self.common_words):
                    out.append((i, tail.end()))
                    prev_start, prev_end = i, tail.end()
                    i = tail.end()
                    break
                if piece in self.names and self._whole(text, piece, i, i + length, prev_end) and not (
                    (piece in self.city_short or piece in TWO_CHAR_FEATURES) and self._person_name(text, i, prev_end, i + length)
                ) or (
                    piece in self.county_short
                    and (
                        self.county_short[piece] in text  # the text names the full county
                        or (
                            piece in self.standalone_short
                            and (
                                piece in self.distinctive
                                or self.supported(text, piece)
                                or (prev_end == i - 1 and text[i - 1] in _LIST_JOINERS)  # 泰安、莱芜
                            )
                            and self._stands_alone(text, i, i + length, prev_end)
                            and not self._person_name(text, i, prev_end, i + length)
                        )
                        # Where something is held, a short form that is also a word names its
                        # county when the text names the county's city or province
                        # (对接会在万年召开, 在仙桃分会场 with 上饶, 湖北).
                        or (
                            self.supported(text, piece)
                            and text[max(0, i - 2) : i].endswith(_HELD_BEFORE)
                            and _HELD_AFTER.match(text, i + length) is not None
                            and self._stands_alone(text, i, i + length, prev_end)
                            and not self._person_name(text, i, prev_end, i + length)
                        )
                    )
                    and not _TOWN_AFTER.match(text, i + length)
                    and not (  # 松山|湖: a lake (but 巫山|湖北: a province follows)
                        text[i + length : i + length + 1] in _FEATURE_AFTER_SHORT
                        and not any(text[i + length : i + length + n] in self.names for n in self.lengths.get(text[i + length], ()))
                    )
                ) or (
                    piece in self.after_parent
                    and prev_end == i
                    and text[prev_start:prev_end] in self.after_parent[piece]
                    and not _TOWN_AFTER.match(text, i + length)
                    and text[i + length - 1 : i + length + 1] not in self.common_words
                ):
                    out.append((i, i + length))
                    prev_start, prev_end = i, i + length
                    i += length
                    break
            else:
                i += 1
        return out

    def _whole(self, text: str, piece: str, start: int, end: int, prev_end: int = -1) -> bool:
        """False for a name that heads a town (巴山镇) or ends a common word (示范县)."""
        if piece in self.features and text[end : end + 1] in _SETTLEMENT_SUFFIX_CHARS:
            return False  # 二道河村: a village named after the river
        if (
            piece[-1] not in _ADMIN_SUFFIX_CHARS
            and text[end : end + 1] in ("镇", "乡")
            and not self._name_at(text, end)
            and text[end : end + 2] not in ("乡村", "乡镇")
        ):
            return False  # 巴山镇 (but 陕西|镇安县, 湖北|乡村振兴)
        # 东北, 西北 as directions: 毛集镇西北部, 向西北方向.
        if piece in _COMPASS and (text[end : end + 1] in _AFTER_DIRECTION or start == prev_end):
            return False
        straddle = text[start - 1 : start + 1]
        if (
            len(piece) == 2
            and start != prev_end
            and straddle in self.common_words
            and straddle not in self.names_not_words
            and not (straddle in self.locatives and piece in self.city_short)
        ):
            return False
        # A one-character county (和县, 沙县, 单县) glued to the word before it is a straddle
        # (刘逾和县林业局) unless what precedes is a higher division (榆林市佳县).
        return not (
            len(piece) == 2
            and piece[-1] == "县"
            and start > 0
            and _is_cjk(text[start - 1])
            and text[start - 1] not in _ADMIN_SUFFIX_CHARS
            and text[start - 1] not in _BEFORE_PLACE
            and start != prev_end
        )

    def _stands_alone(self, text: str, start: int, end: int, prev_end: int = -1) -> bool:
        """False when the piece straddles a frequent word: 和政 in 党和政府 (not across the
        end of a place just matched: 陕西|汉中)."""
        if text[end - 1 : end + 1] in self.common_words:
            return False
        return start == prev_end or text[start - 1 : start + 1] not in self.common_words

    @staticmethod
    def _person_name(text: str, start: int, prev_end: int = -1, end: int = -1) -> bool:
        """A short form right after a surname is most often a given name: 刘金平, 耿海东
        (not after a place just matched: 江苏|徐州); after a character that is a surname only
        sometimes (向, 高), when the text calls that name a person's (named_person)."""
        if start <= 0 or start == prev_end:
            return False
        return text[start - 1] in _SURNAMES or (end > start and named_person(text, start - 1, end))

    def reads_as_name(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] reads as a place name where it stands, by the tests the
        gazetteer puts its own short forms to: two characters at least, not a piece of a
        frequent word (党|和政|府), not a generic division word (城区, 街镇), and, for a bare name
        (no division or settlement suffix: 金平, not 石桥村), not a given name after a
        surname (刘|金平) and not a name the text calls a person's (儿子耿海东: named_person)."""
        bare = not text[start:end].endswith(DIVISION_ENDINGS)
        return (
            end - start >= 2
            and not (
                bare
                and (
                    self._person_name(text, start, end=end)
                    or (text[start:end] not in self.names and named_person(text, start, end))  # not 张家口
                )
            )
            and self._stands_alone(text, start, end)
            and not self._generic(text, start, end)
        )

    def supported(self, text: str, short: str) -> bool:
        """The text names the city or province of a county's short form (巫溪 with 重庆);
        answered once per text and short form (_answers_for)."""
        answers = _answers_for(text)
        key = ("supported", short)
        if key not in answers:
            answers[key] = any(n in text for n in self.support.get(short, ()))
        return answers[key] is True

    def plausible_name(self, core: str) -> bool:
        """False when a town/village name's core holds a common non-name word (召开, 实现)."""
        return not any(core[i : i + 2] in self.not_in_name for i in range(len(core) - 1))


def load_gazetteer(path: Path = DATA, with_features: bool = True) -> Gazetteer:
    rows = _read_tsv(path, required=True)
    entries = [Entry(r["code"], r["name"], r["level"], r.get("parent_code") or "") for r in rows]
    short_rows = _read_tsv(SHORT_FORMS)
    standalone = frozenset(r["short"] for r in short_rows)
    # Short forms that name a place on their own even where the text names neither their
    # city nor province: an autonomous county's (五峰), and one that jieba knows only as a
    # place (沭阳, 敦煌; not 洪江, a given name) unless it is a district's frequent word
    # (东城, 滨湖, 江海 need their city; 南郑, 綦江 are rare words).
    distinctive = frozenset(
        r["short"]
        for r in short_rows
        if "自治" in r["county"]
        or (r["jieba_tag"] in ("ns", "-") and (not r["county"].endswith("区") or int(r["jieba_freq"]) < RARE_DISTRICT))
    )
    common = {r["word"]: (int(r["jieba_freq"]), r["jieba_tag"]) for r in _read_tsv(COMMON_WORDS)}
    features = frozenset(r["name"] for r in _read_tsv(NATURAL_FEATURES)) if with_features else frozenset()
    return Gazetteer(entries, standalone, common, features, distinctive)


def _read_tsv(path: Path, required: bool = False) -> list[dict[str, str]]:
    """Rows of a headed TSV file; none when an optional file is absent."""
    if not required and not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))
