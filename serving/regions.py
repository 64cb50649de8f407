"""REGION resolution against the GB/T 2260 gazetteer in ``data/regions.tsv``.

``resolve(mention, context)`` returns ``{"name", "full_name", "code", "level"}`` as in
``normalized-values.md``. Lookup order: official name or known former name, short form
(汉中, 陕西, 黔东南, 黔东南州), a renamed unit found by its stem (南郑县 -> 南郑区), a chain
written as one mention (城固县三合镇), then towns/villages. Countries and the listed
geographic areas (秦岭, 汉江) are checked first; other unknown names get a level from their
suffix (山/江/河… -> area) and ``code``/``full_name`` ``None``.

Ambiguity is settled with ``context`` (the other REGION mentions of the document, in text
order): a candidate wins when it lies inside, or contains, an unambiguous context region,
the most specific relation counting most. A bare short form then names the highest-level
unit carrying it (吉林 -> 吉林省, 长沙 -> 长沙市). Anything still ambiguous gets
``code`` and ``full_name`` ``None``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from opencc import OpenCC

DATA_PATH = Path(__file__).parent / "data" / "regions.tsv"

COUNTRY, PROVINCE, CITY, COUNTY = "country", "province", "city", "county"
TOWN, VILLAGE, AREA = "town", "village", "area"
RANK = {PROVINCE: 1, CITY: 2, COUNTY: 3}  # smaller = higher level

MIN_SHORT_FORM = 2  # 陕 alone never matches
MAX_T2S_REVERTS = 3
# Suffixes stripped to build short forms, longest first per level.
PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市")
CITY_SUFFIXES = ("自治州", "地区", "盟", "市")
COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "新区", "县", "区", "旗", "市")
AUTONOMOUS = ("自治州", "自治县", "自治旗")
# Suffix of an unknown or former name -> levels its stem may match (南郑县 -> 南郑区).
SUFFIX_LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("自治区", (PROVINCE,)), ("省", (PROVINCE,)), ("自治州", (CITY,)), ("地区", (CITY,)),
    ("盟", (CITY,)), ("州", (CITY,)), ("市", (CITY, COUNTY)), ("自治县", (COUNTY,)),
    ("县", (COUNTY,)), ("区", (COUNTY,)), ("旗", (COUNTY,)),
)
ETHNIC_GROUPS = (
    "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族",
    "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族",
    "畲族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族",
    "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
    "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族",
    "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族", "高山族", "各族",
    "蒙古", "哈萨克", "柯尔克孜", "锡伯", "塔吉克", "鄂伦春",
)
# Former names whose stem changed (same-stem renames such as 南郑县 are found by rule).
FORMER_NAMES = {
    "襄樊市": "420600", "襄樊": "420600", "思茅市": "530800", "户县": "610118",
    "彬县": "610482", "大同县": "140215", "崇文区": "110101", "宣武区": "110102",
    "闸北区": "310106", "卢湾区": "310101", "南汇区": "310115", "梅列区": "350404",
    "大厂区": "320116", "上饶县": "361104",
}
EXTRA_SHORT_FORMS = {"内蒙": "150000"}
# One-character abbreviations of provinces (来川视察, 援藏干部): a short form resolves like its
# full form. Only these single characters are resolved; the recognizer decides where one is a place.
PROVINCE_ABBREVIATIONS = {
    "京": "110000", "津": "120000", "冀": "130000", "晋": "140000", "蒙": "150000", "辽": "210000",
    "吉": "220000", "黑": "230000", "沪": "310000", "苏": "320000", "浙": "330000", "皖": "340000",
    "闽": "350000", "赣": "360000", "鲁": "370000", "豫": "410000", "鄂": "420000", "湘": "430000",
    "粤": "440000", "桂": "450000", "琼": "460000", "渝": "500000", "川": "510000", "蜀": "510000",
    "黔": "520000", "贵": "520000", "滇": "530000", "云": "530000", "藏": "540000", "陕": "610000",
    "秦": "610000", "甘": "620000", "陇": "620000", "青": "630000", "宁": "640000", "新": "650000",
    "疆": "650000",
}
# Countries: short name -> official full name (None where no single official form is used).
COUNTRIES: dict[str, str | None] = {
    "中国": "中华人民共和国", "中华人民共和国": "中华人民共和国",
    "美国": "美利坚合众国", "英国": "大不列颠及北爱尔兰联合王国", "法国": "法兰西共和国",
    "德国": "德意志联邦共和国", "意大利": "意大利共和国", "西班牙": "西班牙王国",
    "俄罗斯": "俄罗斯联邦", "日本": "日本国", "韩国": "大韩民国",
    "朝鲜": "朝鲜民主主义人民共和国", "蒙古国": "蒙古国", "印度": "印度共和国",
    "巴基斯坦": "巴基斯坦伊斯兰共和国", "尼泊尔": "尼泊尔联邦民主共和国",
    "越南": "越南社会主义共和国", "老挝": "老挝人民民主共和国", "缅甸": "缅甸联邦共和国",
    "泰国": "泰王国", "柬埔寨": "柬埔寨王国", "新加坡": "新加坡共和国", "马来西亚": "马来西亚",
    "印度尼西亚": "印度尼西亚共和国", "菲律宾": "菲律宾共和国", "哈萨克斯坦": "哈萨克斯坦共和国",
    "吉尔吉斯斯坦": "吉尔吉斯共和国", "塔吉克斯坦": "塔吉克斯坦共和国",
    "澳大利亚": "澳大利亚联邦", "新西兰": "新西兰", "加拿大": "加拿大",
    "巴西": "巴西联邦共和国", "埃及": "阿拉伯埃及共和国", "南非": "南非共和国", "阿富汗": None,
    "埃塞俄比亚": "埃塞俄比亚联邦民主共和国", "瑞士": "瑞士联邦", "瑞典": "瑞典王国",
    "荷兰": "荷兰王国", "比利时": "比利时王国", "挪威": "挪威王国", "丹麦": "丹麦王国",
    "芬兰": "芬兰共和国", "奥地利": "奥地利共和国", "葡萄牙": "葡萄牙共和国",
    "希腊": "希腊共和国", "波兰": "波兰共和国", "乌克兰": "乌克兰", "白俄罗斯": "白俄罗斯共和国",
    "土耳其": "土耳其共和国", "以色列": "以色列国", "伊朗": "伊朗伊斯兰共和国",
    "沙特阿拉伯": "沙特阿拉伯王国", "阿联酋": "阿拉伯联合酋长国", "孟加拉国": "孟加拉人民共和国",
    "斯里兰卡": "斯里兰卡民主社会主义共和国", "乌兹别克斯坦": "乌兹别克斯坦共和国",
    "肯尼亚": "肯尼亚共和国", "坦桑尼亚": "坦桑尼亚联合共和国", "尼日利亚": "尼日利亚联邦共和国",
    "卢旺达": "卢旺达共和国", "乌干达": "乌干达共和国", "赞比亚": "赞比亚共和国",
    "津巴布韦": "津巴布韦共和国", "莫桑比克": "莫桑比克共和国", "安哥拉": "安哥拉共和国",
    "墨西哥": "墨西哥合众国", "阿根廷": "阿根廷共和国", "智利": "智利共和国", "秘鲁": "秘鲁共和国",
}
# The other UN member states (and Palestine), by their usual short names; D17:
# full_name and code null. Left out on purpose: names that are mostly something else in
# Chinese text (中非 = China–Africa, 黑山 also a county, 刚果 without its qualifier).
OTHER_COUNTRIES = (
    "巴林", "孟加拉", "不丹", "文莱", "塞浦路斯", "伊拉克", "约旦", "科威特", "黎巴嫩", "马尔代夫",
    "阿曼", "巴勒斯坦", "卡塔尔", "沙特", "叙利亚", "东帝汶", "土库曼斯坦", "也门", "格鲁吉亚",
    "亚美尼亚", "阿塞拜疆", "印尼", "阿尔巴尼亚", "安道尔", "波黑", "保加利亚", "克罗地亚", "捷克",
    "爱沙尼亚", "匈牙利", "冰岛", "爱尔兰", "拉脱维亚", "列支敦士登", "立陶宛", "卢森堡", "马耳他",
    "摩尔多瓦", "摩纳哥", "北马其顿", "罗马尼亚", "圣马力诺", "塞尔维亚", "斯洛伐克", "斯洛文尼亚",
    "梵蒂冈", "阿尔及利亚", "贝宁", "博茨瓦纳", "布基纳法索", "布隆迪", "佛得角", "喀麦隆", "乍得",
    "科摩罗", "吉布提", "赤道几内亚", "厄立特里亚", "加蓬", "冈比亚", "加纳", "几内亚", "几内亚比绍",
    "科特迪瓦", "莱索托", "利比里亚", "利比亚", "马达加斯加", "马拉维", "马里", "毛里塔尼亚",
    "毛里求斯", "摩洛哥", "纳米比亚", "尼日尔", "塞内加尔", "塞舌尔", "塞拉利昂", "索马里", "南苏丹",
    "苏丹", "多哥", "突尼斯", "埃斯瓦蒂尼", "斯威士兰", "安提瓜和巴布达", "巴哈马", "巴巴多斯", "伯利兹",
    "玻利维亚", "哥伦比亚", "哥斯达黎加", "古巴", "多米尼克", "多米尼加", "厄瓜多尔", "萨尔瓦多",
    "格林纳达", "危地马拉", "圭亚那", "海地", "洪都拉斯", "牙买加", "尼加拉瓜", "巴拿马", "巴拉圭",
    "苏里南", "特立尼达和多巴哥", "乌拉圭", "委内瑞拉", "圣卢西亚", "斐济", "基里巴斯", "马绍尔群岛",
    "密克罗尼西亚", "瑙鲁", "帕劳", "巴布亚新几内亚", "萨摩亚", "所罗门群岛", "汤加", "图瓦卢",
    "瓦努阿图", "新几内亚",
)
COUNTRIES.update({c: None for c in OTHER_COUNTRIES if c not in COUNTRIES})
# Capitals and large cities abroad (D17: level city, code and full_name null). Left out:
# names that are also words or Chinese places (汉堡 hamburger, 泗水 a county in Shandong,
# 万象 as in 包罗万象).
# First-level divisions and territories of other countries named in the news (D17, level
# province): US states, the UK's nations, overseas territories, well-known regions.
FOREIGN_PROVINCES = frozenset(
    [
        "加利福尼亚州", "加州", "德克萨斯州", "得克萨斯州", "佛罗里达州", "夏威夷", "阿拉斯加", "纽约州",
        "华盛顿州", "密歇根州", "俄亥俄州", "宾夕法尼亚州", "伊利诺伊州", "亚利桑那州", "内华达州", "弗吉尼亚州",
        "英格兰", "苏格兰", "威尔士", "北爱尔兰", "百慕大", "格陵兰", "波多黎各", "关岛", "安大略省", "魁北克省",
        "不列颠哥伦比亚省", "新南威尔士州", "昆士兰州", "维多利亚州", "西伯利亚", "巴伐利亚", "加泰罗尼亚",
        "克里米亚", "车臣", "克什米尔", "北海道", "冲绳", "济州岛", "巴厘岛",
    ]
)
FOREIGN_CITIES = frozenset(
    [
        "纽约", "洛杉矶", "芝加哥", "休斯敦", "费城", "波士顿", "西雅图", "华盛顿", "拉斯维加斯", "迈阿密", "底特律", "檀香山", "多伦多",
        "温哥华", "蒙特利尔", "渥太华", "墨西哥城", "哈瓦那", "波哥大", "加拉加斯", "布宜诺斯艾利斯", "里约热内卢", "巴西利亚", "伦敦", "爱丁堡",
        "曼彻斯特", "利物浦", "都柏林", "巴黎", "马赛", "里昂", "柏林", "慕尼黑", "法兰克福", "科隆", "维也纳", "苏黎世", "日内瓦", "伯尔尼",
        "布鲁塞尔", "阿姆斯特丹", "海牙", "鹿特丹", "马德里", "巴塞罗那", "里斯本", "罗马", "米兰", "威尼斯", "佛罗伦萨", "那不勒斯", "雅典",
        "伊斯坦布尔", "安卡拉", "布拉格", "华沙", "布达佩斯", "布加勒斯特", "索非亚", "贝尔格莱德", "萨格勒布", "哥本哈根", "斯德哥尔摩", "奥斯陆",
        "赫尔辛基", "雷克雅未克", "莫斯科", "圣彼得堡", "新西伯利亚", "符拉迪沃斯托克", "哈巴罗夫斯克", "伊尔库茨克", "喀山", "基辅", "明斯克",
        "维尔纽斯", "里加", "塔林", "阿斯塔纳", "阿拉木图", "塔什干", "撒马尔罕", "比什凯克", "杜尚别", "阿什哈巴德", "巴库", "第比利斯",
        "埃里温", "德黑兰", "巴格达", "大马士革", "贝鲁特", "耶路撒冷", "特拉维夫", "安曼", "利雅得", "吉达", "麦加", "迪拜", "阿布扎比",
        "多哈", "科威特城", "马斯喀特", "萨那", "喀布尔", "伊斯兰堡", "卡拉奇", "拉合尔", "新德里", "孟买", "加尔各答", "班加罗尔", "金奈",
        "加德满都", "达卡", "科伦坡", "马累", "廷布", "仰光", "内比都", "曼德勒", "曼谷", "清迈", "琅勃拉邦", "金边", "暹粒", "河内",
        "胡志明市", "岘港", "芽庄", "吉隆坡", "槟城", "雅加达", "马尼拉", "东京", "大阪", "京都", "横滨", "名古屋", "札幌", "福冈",
        "神户", "首尔", "釜山", "仁川", "平壤", "乌兰巴托", "开罗", "亚历山大港", "内罗毕", "蒙巴萨", "亚的斯亚贝巴", "达累斯萨拉姆", "坎帕拉",
        "基加利", "拉各斯", "阿布贾", "阿克拉", "达喀尔", "约翰内斯堡", "开普敦", "比勒陀利亚", "罗安达", "卢萨卡", "哈拉雷", "马普托", "喀土穆",
        "的黎波里", "突尼斯城", "阿尔及尔", "拉巴特", "卡萨布兰卡", "悉尼", "墨尔本", "布里斯班", "珀斯", "堪培拉", "阿德莱德", "惠灵顿",
        "奥克兰",
    ]
)
# Sub-county units, coarse to fine; village groups (组, 队, 屯) have level village.
SUB_COUNTY: tuple[tuple[tuple[str, ...], str], ...] = (
    (("镇", "乡", "街道", "苏木", "办事处"), TOWN),
    (("村", "社区", "嘎查", "居委会", "村委会"), VILLAGE),
    (("组", "队", "屯"), VILLAGE),
)
SUB_COUNTY_LEVELS = frozenset(level for _, level in SUB_COUNTY)
AREAS = frozenset(
    {
        "秦岭", "大巴山", "巴山", "米仓山", "汉江", "汉水", "黄河", "长江", "淮河", "珠江",
        "嘉陵江", "丹江", "渭河", "太行山", "大别山", "武陵山", "乌蒙山", "六盘山", "吕梁山",
        "燕山", "罗霄山", "长白山", "天山", "祁连山", "小兴安岭", "秦巴山区", "乌蒙山区",
        "武陵山区", "大别山区", "六盘山区", "吕梁山区", "黄土高原", "青藏高原", "云贵高原",
        "四川盆地", "华北平原", "洞庭湖", "鄱阳湖", "三峡", "关中", "陕南", "陕北", "苏北", "苏南",
        "南疆", "北疆", "三区三州", "滇桂黔石漠化区", "长三角", "珠三角", "京津冀", "粤港澳大湾区",
        "大湾区", "东北", "西北", "西南", "华北", "华东", "华南", "华中", "中原",
    }
)
# Hamlets named after a family and the land: a common surname, 家, a landform or settlement
# word (张家坝, 杨家院子, 刘家沟). The recognizer finds them by this pattern too.
HAMLET_SURNAMES = (
    "张王李赵刘陈杨黄周吴徐孙马胡朱郭何罗高林郑梁谢唐许冯宋韩邓彭曹曾田萧潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈"
    "钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易"
    "乔赖文施洪"
)
HAMLET = re.compile(
    rf"[{HAMLET_SURNAMES}]家(?:院子|坝|湾|沟|坪|岭|寨|庄|洼|峁|塬|梁|坡|垭|坳|岔|咀|嘴|堡|营|店|集|冲|垄|岗|山|河)"
)
AREA_SUFFIXES = (
    "山区", "山脉", "山", "岭", "江", "河", "湖", "海", "高原", "盆地", "平原", "流域", "水库",
    "库区", "片区", "峡", "沙漠", "草原",
)
UNKNOWN_AREA_SUFFIX = "区"
KEEP_IN_T2S = frozenset("乾")  # t2s turns 乾县 into 干县; 乾 in simplified text is a name
VARIANTS = str.maketrans({"陜": "陕"})  # variant forms OpenCC leaves alone
BMP_LAST = 0xFFFF  # t2s maps a few names (礐石) to rare supplementary-plane characters


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    parent: str | None


@dataclass(frozen=True)
class RegionContext:
    """Other REGION mentions of the same document, in text order. What resolution reads from
    them (simplified forms, unambiguous anchors, where each kind of mention stands) is worked
    out once per document, so a document with thousands of mentions costs linear time."""

    mentions: tuple[str, ...] = ()

    @classmethod
    def of(cls, mentions: Iterable[str]) -> RegionContext:
        return cls(tuple(mentions))

    @functools.cached_property
    def strings(self) -> list[str]:
        return [m for m in self.mentions if isinstance(m, str)]

    @functools.cached_property
    def simple(self) -> list[str]:
        return [_simplify(m) for m in self.strings if m and m.strip()]

    @functools.cached_property
    def anchors(self) -> list[Region]:
        """The unambiguous mentions' regions, each once (``_pick`` reads only the best)."""
        return list(dict.fromkeys(r for r in map(_alone, self.simple) if r is not None))

    @functools.cached_property
    def index(self) -> _MentionIndex:
        return _MentionIndex(self.simple, self.anchors)


# --------------------------------------------------------------------------- script

@functools.lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def to_simplified(text: str, known: frozenset[str] | None = None) -> str:
    """Traditional -> simplified; keeps characters t2s over-converts (乾), and, when the raw
    or a partly reverted form is in ``known``, prefers that form."""
    text = text.translate(VARIANTS)
    if known is not None and text in known:
        return text
    converted = _t2s().convert(text)
    changed = [i for i, (a, b) in enumerate(zip(text, converted, strict=False)) if a != b]
    if len(converted) != len(text) or not changed:
        return converted
    chars = list(converted)
    for i in changed:
        if text[i] in KEEP_IN_T2S or ord(chars[i]) > BMP_LAST:
            chars[i] = text[i]
    best = "".join(chars)
    if known is None or best in known or len(changed) > MAX_T2S_REVERTS:
        return best
    for mask in range(1, 2 ** len(changed)):
        trial = list(converted)
        for bit, i in enumerate(changed):
            if mask >> bit & 1:
                trial[i] = text[i]
        if "".join(trial) in known:
            return "".join(trial)
    return best


# --------------------------------------------------------------------------- gazetteer

def _strip_ethnic(stem: str) -> str:
    while True:
        for group in sorted(ETHNIC_GROUPS, key=len, reverse=True):
            if stem.endswith(group) and len(stem) - len(group) >= MIN_SHORT_FORM:
                stem = stem[: -len(group)]
                break
        else:
            if stem in ETHNIC_GROUPS and stem.endswith("族"):
                return stem[:-1]  # 东乡族自治县 -> 东乡
            return stem


def short_forms(name: str, level: str) -> set[str]:
    """Short forms of an official name: 陕西省 -> 陕西, 黔东南苗族侗族自治州 -> 黔东南, 黔东南州."""
    suffixes = {PROVINCE: PROVINCE_SUFFIXES, CITY: CITY_SUFFIXES}.get(level, COUNTY_SUFFIXES)
    forms: set[str] = set()
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix in AUTONOMOUS:
                stem = _strip_ethnic(stem)
                if suffix == "自治州":
                    forms.add(stem + "州")
            forms.add(stem)
            break
    return {f for f in forms if len(f) >= MIN_SHORT_FORM and f != name}


class Gazetteer:
    """Provinces, prefectures and counties with name and short-form indexes."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self.by_code: dict[str, Region] = {r.code: r for r in regions}
        self.by_name: dict[str, list[Region]] = defaultdict(list)
        self.by_short: dict[str, list[Region]] = defaultdict(list)
        self.has_children: set[str] = set()
        for region in self.by_code.values():
            self.by_name[region.name].append(region)
            for form in short_forms(region.name, region.level):
                self.by_short[form].append(region)
            if region.parent:
                self.has_children.add(region.parent)
        for name, code in FORMER_NAMES.items():
            self.by_name[name].append(self.by_code[code])
        for name, code in EXTRA_SHORT_FORMS.items():
            self.by_short[name].append(self.by_code[code])
        self.known = frozenset(self.by_name) | frozenset(self.by_short)

    def lineage(self, code: str) -> list[Region]:
        """The region and its parents, top first."""
        chain: list[Region] = []
        current: str | None = code
        while current:
            region = self.by_code[current]
            chain.append(region)
            current = region.parent
        return chain[::-1]

    def full_name(self, code: str) -> str:
        return "".join(r.name for r in self.lineage(code))


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    regions = []
    with DATA_PATH.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            code, name, level, parent = line.rstrip("\n").split("\t")
            regions.append(Region(code, name, level, parent or None))
    return Gazetteer(regions)


# --------------------------------------------------------------------------- resolution

def _candidates(name: str) -> tuple[list[Region], bool]:
    """Candidates for a name and whether they came from a short form (or stem rule)."""
    gaz = gazetteer()
    if name in gaz.by_name:
        return list(gaz.by_name[name]), False
    if name in gaz.by_short:
        return list(gaz.by_short[name]), True
    for suffix, levels in SUFFIX_LEVELS:
        stem = name[: -len(suffix)]
        if name.endswith(suffix) and len(stem) >= MIN_SHORT_FORM:
            found = gaz.by_short.get(stem, []) + gaz.by_name.get(stem, [])
            return [r for r in found if r.level in levels], True
    return [], False


def _relation(candidate: Region, anchor: Region) -> int:
    """How specifically ``anchor`` confirms ``candidate`` (0 = unrelated)."""
    gaz = gazetteer()
    if anchor in gaz.lineage(candidate.code):
        return RANK[anchor.level]
    if candidate in gaz.lineage(anchor.code):
        return RANK[candidate.level]
    return 0


def _pick(cands: list[Region], short: bool, anchors: Sequence[Region]) -> list[Region]:
    cands = list(dict.fromkeys(cands))
    if len(cands) > 1 and anchors:
        scores = {c: max(_relation(c, a) for a in anchors) for c in cands}
        best = max(scores.values())
        if best:
            cands = [c for c in cands if scores[c] == best]
    if len(cands) > 1 and short:
        top = min(RANK[c.level] for c in cands)
        cands = [c for c in cands if RANK[c.level] == top]
    return cands


@functools.lru_cache(maxsize=4096)
def _alone(name: str) -> Region | None:
    """A mention resolved without context, if unambiguous."""
    cands, short = _candidates(name)
    picked = _pick(cands, short, ())
    return picked[0] if len(picked) == 1 else None


@functools.lru_cache(maxsize=4096)
def _simplify(mention: str) -> str:
    """A mention in simplified script, gazetteer-aware (cached: contexts repeat)."""
    return to_simplified("".join(mention.split()), gazetteer().known)


def _result(name: str, full_name: str | None, code: str | None, level: str) -> dict:
    return {"name": name, "full_name": full_name, "code": code, "level": level}


def _admin(name: str, anchors: Sequence[Region]) -> dict | None:
    cands, short = _candidates(name)
    if not cands:
        return None
    picked = _pick(cands, short, anchors)
    if len(picked) == 1:
        region = picked[0]
        return _result(name, gazetteer().full_name(region.code), region.code, region.level)
    level = min((c.level for c in picked), key=RANK.__getitem__)
    return _result(name, None, None, level)


def _sub_county_rank(name: str) -> int | None:
    """0 town, 1 village, 2 village group; ``None`` for anything else."""
    for rank, (suffixes, _) in enumerate(SUB_COUNTY):
        if name.endswith(suffixes) and len(name) > 1:
            return rank
    return None


def _nearest_first(name: str, context: Sequence[str]) -> list[str]:
    """The context mentions written before ``name``'s first occurrence, nearest first (D16:
    a town or village is placed only under what the text names before it)."""
    if name not in context:
        return list(reversed(context))
    return list(reversed(context[: context.index(name)]))


def _is_county_level(level: str, code: str) -> bool:
    """A county, or a prefecture-level city without districts (东莞市, 中山市): D16's county."""
    return level == COUNTY or (level == CITY and code not in gazetteer().has_children)


def _chain_part(mention: str, full_forms: _FullForms) -> tuple[str, int] | None:
    """The town, village or group a mention names as a level of a place's chain, with its rank:
    itself (but not an official division's or a chain's name: 南郑区黄牛嘴村), or the full form
    a bare short form stands for (尼山 beside 尼山镇). ``None`` for anything else."""
    rank = _sub_county_rank(mention)
    if rank is not None:
        return (mention, rank) if not _is_admin(mention) and not places_named_in(mention) else None
    written = full_forms.of(mention)
    written_rank = _sub_county_rank(written) if written is not None else None
    return (written, written_rank) if written is not None and written_rank is not None else None


def _sub_county(
    name: str, rank: int, context: Sequence[str], anchors: Sequence[Region], full_forms: _FullForms | None = None
) -> dict:
    """Town, village or group under the nearest county named before it in ``context``, with
    the towns and villages named between them (D16; levels may be skipped: 山阳县 + 磨沟口村 ->
    陕西省商洛市山阳县磨沟口村)."""
    gaz = gazetteer()
    level = SUB_COUNTY[rank][1]
    parts: list[str] = []
    lowest = rank
    simple = [_simplify(m) for m in context if m and m.strip()]
    full_forms = full_forms if full_forms is not None else _FullForms(simple, anchors)
    for mention in _nearest_first(name, simple):
        part = _chain_part(mention, full_forms)
        if part is not None:
            if part[1] < lowest:
                parts.insert(0, part[0])
                lowest = part[1]
            continue
        if _sub_county_rank(mention) is not None:
            continue  # named like a town or village, but no level of a chain: a division's or a chain's name
        found = _admin(mention, anchors)
        if found is None or found["code"] is None:
            continue
        if _is_county_level(found["level"], found["code"]):
            return _result(name, gaz.full_name(found["code"]) + "".join(parts) + name, None, level)
        break
    return _result(name, None, None, level)


class _MentionIndex:
    """Positions of a document's simplified mentions by what ``_sub_county`` looks for: the
    first place of each name, the towns/villages/groups that may name a level in between, and
    the mentions that resolve to a coded division (where its walk stops)."""

    def __init__(self, simple: list[str], anchors: Sequence[Region]) -> None:
        self.simple = simple
        self.first_at: dict[str, int] = {}
        self.parts: list[list[int]] = [[] for _ in SUB_COUNTY]
        self.found: dict[int, dict] = {}  # position -> its coded division, in text order
        self.written: dict[int, str] = {}  # position of a bare short form -> its full form
        admin: dict[str, dict | None] = {}
        self.full_forms = _FullForms(simple, anchors)
        for i, mention in enumerate(simple):
            self.first_at.setdefault(mention, i)
            part = _chain_part(mention, self.full_forms)
            if part is not None:
                self.parts[part[1]].append(i)
                if part[0] != mention:
                    self.written[i] = part[0]
                continue
            if _sub_county_rank(mention) is not None:
                continue
            if mention not in admin:
                admin[mention] = _admin(mention, anchors)
            found = admin[mention]
            if found is not None and found["code"] is not None:
                self.found[i] = found
        self.stops = list(self.found)  # where the walk may stop, ascending


def _sub_county_indexed(name: str, rank: int, index: _MentionIndex) -> dict:
    """``_sub_county`` on a document's mention index: the same walk (the mentions before the
    name's first occurrence, nearest first), done by bisection instead of a scan."""
    gaz = gazetteer()
    level = SUB_COUNTY[rank][1]
    n = len(index.simple)
    at = index.first_at.get(name, n)

    def order(p: int) -> int:  # the step of the walk at which position p (< at) is read
        return at - 1 - p

    def first_from(positions: list[int], step: int) -> int | None:
        """The first position in `positions` that the walk reads at `step` or later: the
        nearest at or before at - 1 - step."""
        k = bisect.bisect_right(positions, at - 1 - step) - 1
        return positions[k] if k >= 0 and step < at else None

    stop = first_from(index.stops, 0)
    if stop is None:
        return _result(name, None, None, level)
    parts: list[str] = []
    lowest, step = rank, 0
    while True:
        hits = [(order(p), p, q) for q in range(lowest) if (p := first_from(index.parts[q], step)) is not None]
        hits = [h for h in hits if h[0] < order(stop)]
        if not hits:
            break
        _, p, lowest = min(hits)
        parts.insert(0, index.written.get(p, index.simple[p]))
        step = order(p) + 1
    found = index.found[stop]
    if _is_county_level(found["level"], found["code"]):
        return _result(name, gaz.full_name(found["code"]) + "".join(parts) + name, None, level)
    return _result(name, None, None, level)


# The suffixes of a town's or village's full form that a bare short form may stand for
# (尼山 for 尼山镇, 松山 for 松山村); not the groups' 组, 队, 屯 (和平 is no 和平组).
FULL_FORM_SUFFIXES: tuple[str, ...] = SUB_COUNTY[0][0] + SUB_COUNTY[1][0]


class _FullForms:
    """What the bare names of one document stand for (spec: a short form resolves like its full
    form): 尼山 beside 尼山镇 is that town, 松山 beside 松山村 that village. A name stays what it
    is when the document also writes a division of that name in full (阳朔 beside 阳朔县 and
    阳朔镇), when it is a province's or prefecture's short form (河南 beside 河南村), or when
    it is a county that the document's other places confirm (城固 with 汉中 named). Answers
    are kept per name, and the confirmation reads sets of the anchors' codes, so a document
    with thousands of mentions costs linear time."""

    def __init__(self, simple: Sequence[str], anchors: Sequence[Region]) -> None:
        gaz = gazetteer()
        self.forms: dict[str, set[str]] = {}
        for mention in dict.fromkeys(simple):
            if mention in gaz.by_name:  # an official division: its short forms name it
                for region in gaz.by_name[mention]:
                    for form in short_forms(region.name, region.level) | {region.name}:
                        self.forms.setdefault(form, set()).add(mention)
                continue
            for suffix in FULL_FORM_SUFFIXES:
                stem = mention[: -len(suffix)]
                if mention.endswith(suffix) and len(stem) >= MIN_SHORT_FORM:
                    self.forms.setdefault(stem, set()).add(mention)
        self.anchors = list(anchors)
        self.anchor_codes = {a.code for a in anchors}
        self.anchor_parents = {p.code for a in anchors for p in gaz.lineage(a.code) if p != a}
        self.memo: dict[str, str | None] = {}

    def of(self, name: str) -> str | None:
        """The town or village the bare ``name`` stands for, or None."""
        if name not in self.forms:
            return None
        if name not in self.memo:
            self.memo[name] = self._of(name)
        return self.memo[name]

    def _of(self, name: str) -> str | None:
        forms = self.forms[name]
        if len(forms) != 1 or _sub_county_rank(name) is not None:
            return None
        (form,) = forms
        if form == name or form in gazetteer().by_name:
            return None
        cands, _ = _candidates(name)
        if any(c.level in (PROVINCE, CITY) for c in cands):
            return None  # 河南, 中山: a province or prefecture, even beside 河南村
        found = _admin(name, self.anchors)
        if found is not None and found["code"] is not None and self._confirmed(found["code"]):
            return None
        return form

    def _confirmed(self, code: str) -> bool:
        """Another place of the document lies above or below this division."""
        above = any(p.code in self.anchor_codes for p in gazetteer().lineage(code) if p.code != code)
        return above or code in self.anchor_parents


@functools.lru_cache(maxsize=1)
def _county_full_names() -> frozenset[str]:
    gaz = gazetteer()
    return frozenset(gaz.full_name(r.code) for r in gaz.by_code.values() if _is_county_level(r.level, r.code))


def _county_of(full_name: str) -> str | None:
    """The county-level division a town's or village's full name starts with."""
    names = _county_full_names()
    return next((full_name[:k] for k in range(len(full_name), 0, -1) if full_name[:k] in names), None)


def nearer_placement(by_regions: dict, with_orgs: dict | None) -> dict:
    """A town or village placed once by the REGION mentions and once with the divisions that
    ORG names start with: the second names the county nearest before it (D16), unless both
    name the same county, where the first names more of the levels in between."""
    if with_orgs is None or with_orgs.get("full_name") is None:
        return by_regions
    if by_regions.get("full_name") is None or _county_of(by_regions["full_name"]) != _county_of(with_orgs["full_name"]):
        return with_orgs
    return by_regions if len(by_regions["full_name"]) >= len(with_orgs["full_name"]) else with_orgs


PLACE_IN_NAME_MAX_CHARS = 12  # the longest division name read at the start of an ORG name


def places_named_in(name: str) -> list[str]:
    """The divisions an organisation's name starts with, by their official names: 湘潭县财政局
    -> [湘潭县], 陕西省汉中市扶贫办 -> [陕西省, 汉中市]. D16 places a town or village under the
    county the text names before it, in a body's name too (湘潭县财政局驻花石镇…)."""
    gaz = gazetteer()
    out: list[str] = []
    at = 0
    while True:
        ends = range(min(len(name), at + PLACE_IN_NAME_MAX_CHARS), at + MIN_SHORT_FORM - 1, -1)
        head = next((name[at:end] for end in ends if name[at:end] in gaz.by_name), None)
        if head is None:
            return out
        out.append(head)
        at += len(head)


def _is_admin(name: str) -> bool:
    return name in gazetteer().by_name


def _chain(name: str, context: Sequence[str], anchors: list[Region], full_forms: _FullForms) -> dict | None:
    """A chain written as one mention: 陕西省汉中市南郑区, 城固县三合镇."""
    gaz = gazetteer()
    for cut in range(len(name) - MIN_SHORT_FORM, MIN_SHORT_FORM - 1, -1):
        head, tail = name[:cut], name[cut:]
        if head not in gaz.by_name:  # official names only: 仁和坪镇 is not 仁和 + 坪镇
            continue
        found = _admin(head, anchors)
        if found is None or found["code"] is None:
            continue
        head_region = gaz.by_code[found["code"]]
        # The tail hangs under the head it is written with: the head alone is its context.
        inner = _resolve(tail, [head], [*anchors, head_region], full_forms=full_forms)
        if inner["code"] or inner["full_name"]:
            return {**inner, "name": name}
    return None


def _fallback_level(name: str) -> str:
    """Level of an unknown name from its suffix; 区 alone (大湾区, 开发区) is not a county.
    A hamlet named after a family (张家坝, 杨家山) is a sub-village unit: `village` (D15)."""
    if HAMLET.fullmatch(name):
        return VILLAGE
    if name.endswith(AREA_SUFFIXES) or name.endswith(UNKNOWN_AREA_SUFFIX):
        return AREA
    for suffix, levels in SUFFIX_LEVELS:
        if name.endswith(suffix):
            return levels[-1] if suffix == "市" else levels[0]
    return AREA


def _resolve(
    name: str,
    context: Sequence[str],
    anchors: list[Region],
    index: _MentionIndex | None = None,
    full_forms: _FullForms | None = None,
) -> dict:
    if name in COUNTRIES:
        return _result(name, COUNTRIES[name], None, COUNTRY)
    if name in FOREIGN_PROVINCES:
        return _result(name, None, None, PROVINCE)
    if name in FOREIGN_CITIES:
        return _result(name, None, None, CITY)
    if name in AREAS:  # before short forms: 天山 is the range, 天山区 the district
        return _result(name, None, None, AREA)
    if name in PROVINCE_ABBREVIATIONS:
        region = gazetteer().by_code[PROVINCE_ABBREVIATIONS[name]]
        return _result(name, gazetteer().full_name(region.code), region.code, region.level)
    if full_forms is None:
        full_forms = index.full_forms if index is not None else _FullForms([_simplify(m) for m in context if m and m.strip()], anchors)
    written = full_forms.of(name)
    if written is not None:
        return {**_resolve(written, context, anchors, index, full_forms), "name": name}
    found = _admin(name, anchors)
    if found is not None:
        return found
    chained = _chain(name, context, anchors, full_forms)
    if chained is not None:
        return chained
    rank = _sub_county_rank(name)
    if rank is not None:
        if index is not None:
            return _sub_county_indexed(name, rank, index)
        return _sub_county(name, rank, context, anchors, full_forms)
    return _result(name, None, None, _fallback_level(name))


def resolve(mention: str, context: Sequence[str] | RegionContext | None = None) -> dict:
    """``{"name", "full_name", "code", "level"}`` for a REGION mention."""
    ctx = context if isinstance(context, RegionContext) else _context(tuple(m for m in context or () if isinstance(m, str)))
    return _resolve(_simplify(str(mention)), ctx.strings, ctx.anchors, ctx.index)


@functools.lru_cache(maxsize=8)
def _context(mentions: tuple[str, ...]) -> RegionContext:
    """One context per document, when callers pass the same mention list for each mention."""
    return RegionContext(mentions)
