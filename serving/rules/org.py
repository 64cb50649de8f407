"""ORG: place + body, known national bodies, branches, companies, outlets, village bodies."""

from __future__ import annotations

import re

from serving.decode import Span
from serving.gazetteer import POSTS
from serving.rules.common import QUOTED, RULE_SCORE, alternation, gazetteer, is_cjk
from serving.rules.quantity import CN_DIGITS
from serving.rules.region import ADMIN_END, NOT_PLACE_CHARS, NOT_PLACE_HEAD, PLACE_LEFT

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
    "中队", "管理站", "联谊会", "办事处", "宣讲团", "武装部", "人武部",
    # Heads found missing in the review of unannotated articles (session 4).
    "中院", "高院", "中级人民法院", "高级人民法院", "央行", "交易所", "电台", "广播电台", "军区",
    "剧院", "歌舞剧院", "联盟", "俱乐部", "之声", "检查站", "监狱", "农技站", "总公司", "分公司",
    "支公司", "扶贫开发办", "新闻办", "文明办", "计生办", "党建办", "编办", "快报", "杂志社",
    "出版社", "年鉴社", "管委会", "管理委员会", "街办", "委办", "康复中心", "血液中心", "疾控中心",
    "疾病预防控制中心", "妇幼保健院", "保健院", "中心医院",
    # Offices of a committee (西安市委督查室), found in the blind review (session 5).
    "督查室", "信访室", "政策研究室", "研究室",
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
    "农民专业合作社", "专业合作社", "股份经济合作社", "社区卫生服务中心", "卫生服务中心",
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
    # National bodies found missing in the session-4 review.
    "国防部", "国家体育总局", "国家广播电视总局", "广电总局", "海关总署", "国家知识产权局", "国家药监局",
    "国家中医药管理局", "国家信访局", "国家粮食和物资储备局", "中华全国妇女联合会", "国家防总", "中国气象局",
    "国家文物局", "国家铁路局", "中国民航局", "国家烟草专卖局", "国防科工局", "上合组织", "上海合作组织",
    # Companies and forces known by name alone (blind review, session 5).
    "中兴通讯", "字节跳动", "北部战区", "南部战区", "东部战区", "西部战区",
    "中部战区", "武警部队", "解放军", "中国人民解放军", "博鳌亚洲论坛",
    "共青团", "新浪微博", "当当网", "亚马逊", "特斯拉", "京东方", "中国国航", "中国中车", "联邦调查局",
    "欧洲央行", "中央宣讲团", "国际货币基金组织", "世界贸易组织", "世贸组织", "亚投行", "欧佩克", "中国东航", "中国南航",
)
# Parent companies written before a place and a branch: 国网榆林供电公司 is one name.
_PARENT_PREFIX = re.compile(r"(?:国网|国家电网|南方电网|中海油|中国海油|中化|中核|中广核|中煤|中铝|中石油|中石化|中国石油|中国石化|中国移动|中国联通|中国电信|中国邮政|中粮|中国人寿|中国农业银行|农业银行|中国银行|建设银行|工商银行|邮储银行)$")
_KNOWN_ORG = re.compile(alternation(KNOWN_ORGS))
# Firms known by a two-character name that also ends or starts given names and words
# (丁振华为他家…): only at a word boundary (与华为、中兴, ，百度).
KNOWN_FIRMS_AT_BOUNDARY = (
    "华为", "百度", "美团", "中兴", "烽火", "高盛", "德勤", "国航", "谷歌", "滴滴", "迅雷", "微软", "联想",
    "海尔", "格力", "南航", "东航", "东盟", "北约",
)
_KNOWN_FIRM_AT_BOUNDARY = re.compile(
    rf"(?:^|(?<=[^\u4e00-\u9fff]|[与和及、同跟在由对向为]))(?:{alternation(KNOWN_FIRMS_AT_BOUNDARY)})(?=[^\u4e00-\u9fff]|[、和与等的公集])"
)
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
_PARTY_PREFIX = re.compile(r"(?:中共|中国共产党)$")
# Channels of an outlet: 中央纪委国家监委网站 is one name.
_CHANNEL = re.compile(r"网站|官网|客户端|微信|微博|公众号|APP|app|网|新闻|频道")
# Outlets in a dateline: 西部网讯, 大河网讯, 鲁网聊城5月22日讯.
_DATELINE_OUTLET = re.compile(
    r"(?:^|(?<=[\s，,。：:、（(【\[“>)）\]】]))([\u4e00-\u9fff]{1,5}网)"
    r"(?=讯|[\u4e00-\u9fff]{0,4}\d{1,2}月\d{1,2}日(?:\d{1,2}时(?:\d{1,2}分)?)?[讯电])"
)
# Village bodies (D24): 岭羊村党支部, 荷叶坪村委会.
_VILLAGE_BODY = re.compile(
    r"([\u4e00-\u9fff]{2}村)(?:党支部|村支部|支部|党总支|村委会|村民委员会|委会|卫计室|卫生室|股份经济合作社|经济合作社)"
)
_BEFORE_VILLAGE = set("兼任在到的了是与和及对为将把从由驻进赴至当、，。原该全本各每个这那其等向往于给")
# After these a matched name is a common noun: 公安部门, 教育部门; 党委委员; 中国网络.
_NOT_ORG_AFTER = ("门", "员", "长")
# ... but a body's door or clinic is no such word (湖南省政府|门前, 医院|门诊), except after
# 部, where 门 makes 部门 (财政部门|前期).
_DOOR_WORDS = ("门诊", "门前", "门口", "门外")
_JU_WORDS = frozenset(["当局", "格局", "布局", "结局", "大局", "全局", "新局", "开局", "残局", "变局", "时局", "骗局", "定局", "胜局", "赌局", "饭局", "棋局"])
_COUNTED_AFTER = re.compile(r"[0-9一二三四五六七八九十两百千]+[多余]?(?:个|家|所)")
# A sub-body written on after a body: at most this many characters (…局机关党委), more for
# heads that name long bodies (国务院扶贫开发领导小组, 国务院精准扶贫基金会).
SUB_BODY_MAX_CHARS = 6
SUB_BODY_MAX_CHARS_LONG = 10
# Bodies that carry no place or proper name (the guideline's 市委, 市政府, 区扶贫办, 镇政府),
# and categories of bodies (央企): a body word alone or after a bare level. Not 央行, the
# central bank's unique name.
_GENERIC_BODY = re.compile(  # atomic items: a chain is read one way, never backtracked into
    rf"(?>[省市县区州镇乡村]?(?:{alternation((*(w for w in ORG_SUFFIXES if w != '央行'), '人大', '央企', '国企', '民企', '外企'))}))+"
)


def generic_body(name: str) -> bool:
    """True for a body named by its kind alone, or a chain of them: 人大, 市委, 县政府,
    镇党委, 央企, 市委统战部, 县委县政府."""
    return _GENERIC_BODY.fullmatch(name) is not None


# Position titles (the guideline tags none) and words that end no name: a span ending in
# one is a body and its post (三公局党委书记) or a name and a clause (…六公司在).
_TITLE_OR_WORD_AT_END = re.compile(rf"(?:{alternation(POSTS)}|的|在|了|是|和|与|及|等)$")


def ends_in_title_or_word(name: str) -> bool:
    """True for a name that ends in a position title or a function word: 党委书记, 公司在."""
    return _TITLE_OR_WORD_AT_END.search(name) is not None


_LONG_BODY_HEADS = ("领导小组", "委员会", "办公室", "基金会", "研究所", "研究院", "研究中心", "工作组")
_VILLAGE_NEXT = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:村|社区)")
_OFFICE = re.compile(r"办事处|办(?![理法好事成])")
_BRANCHES = ("分局", "支行", "分行", "分院", "分公司", "分会", "分中心", "大队", "中队", "服务站", "研究中心", "研究所")
_NOT_AFTER_WEB = set("络群点站页民格上友店购状银商红")
_NET_WORDS = frozenset(["落网", "联网", "上网", "入网", "触网", "渔网", "管网", "光网", "天网", "电网", "路网", "水网"])
# A newspaper, website or station is no body of another one: 泉州晚报|湄洲日报, 福建日报|东南网
# (a page's list of outlets written without separators).
_OUTLET_AT_END = re.compile(r"(?:报|网|台|杂志|之声)$")
_ORG_AFTER_PLACE = re.compile(
    # 共 (共有, 共计) and 长 (县长) end a name, but not in 公共 or 共青团.
    rf"(?:(?:公共|共青团|高等|中等|[^\W\d_与和及在对向为把被将从由的了是等共长兼副常]){{0,8}}?)(?:{alternation(ORG_SUFFIXES)})"
)
# Departments written on after a body (国务院扶贫办政策法规司, 榆林市农业局农监科); a title
# must follow, or the word is the body's business (…局办公室 is covered by the suffixes).
_SUB_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{1,5}?(?:司|处|科|室)(?=原?[副正]?(?:司长|处长|科长|主任|负责人|工作人员))")


# A university's school named by two fields joined by 与 (the generic pattern stops at 与).
# Each field is a noun: people, verbs and particles make it a clause (师生与校友回到学院).
_SCHOOL_OF = re.compile(r"[\u4e00-\u9fff]{2,6}?与[\u4e00-\u9fff]{2,6}?学院")
_NOT_IN_SCHOOL = re.compile(r"师生|教授|学生|校友|老师|教师|专家|学者|干部|领导|代表|家长|[的了在是到和及回来去赴向将把被]")

ORG_SUFFIX_AT_END = re.compile(rf"(?:{alternation(ORG_SUFFIXES)})$")
# Verbs of a clause: a place, then one of these, then a body is not one name
# (宁陕县四亩地镇开展村监委会主任培训, 汉阴聆听农业厅宣讲).
_CLAUSE_VERB = re.compile(
    "开展|聆听|采取|召开|举办|参加|实施|推进|落实|走进|来到|深入|前往|宣讲|表示|指出|要求|提出|认为|"
    "介绍|获得|荣获|启动|印发|出台|邀请|督促|调研|考察|视察|慰问|看望|部署|审议|签订|签署|投入|"
    "安排|申报|选派|创新|打造|成立|设立|召集|会同|配合|协助|牵头|负责|积极|主动|认真|全面|进一步|"
    "目前|各级|各类|所有|全部|有关|收到|接到|按照|依托|通过|报请|上报|贯彻|以|向|"
    "加快|加强|推动|促进|深化|完善|建立|健全|探索|发挥|境内|建国|下属|留任|连任|担任|出任|成功"
)


def _org_end(text: str, end: int, places: frozenset[int] = frozenset()) -> int:
    """Extend an ORG ending at `end` over sub-bodies written on: 水务局机关党委, 公安局刑警大队."""
    if text[end - 1] == "办" and text.startswith("公室", end):
        end += 2  # 县委办|公室: the head 委办 matched first
    while True:
        more = _ORG_AFTER_PLACE.match(text, end) or _SUB_DEPARTMENT.match(text, end)
        cap = SUB_BODY_MAX_CHARS_LONG if more is not None and more.group().endswith(_LONG_BODY_HEADS) else SUB_BODY_MAX_CHARS
        if more is None and text[end - 2 : end] == "大学":
            school = _SCHOOL_OF.match(text, end)  # 清华大学|新闻与传播学院
            if school is not None and not _NOT_IN_SCHOOL.search(school.group()):
                more, cap = school, SUB_BODY_MAX_CHARS_LONG
        if more is None or len(more.group()) > cap or not _one_name(text, more):
            return end  # 皇冠镇纪委|收到中央纪委
        if _OUTLET_AT_END.search(text[max(0, end - 2) : end]) and len(more.group()) >= 3 and _OUTLET_AT_END.search(more.group()):
            return end  # 泉州晚报|湄洲日报: two outlets (but 中国日报网 is one: the paper's website)
        # A new place starts a new name, except for a branch: 公安局武昌区分局.
        if end in places and not more.group().endswith(_BRANCHES):
            return end
        if text[end - 1] == "委" and more.group() in ("政府", "区政府", "县政府", "市政府", "镇政府", "乡政府", "省政府"):
            return end  # 大新镇党委政府 → 大新镇党委, 横山区委区政府 → 横山区委 (D53)
        end = more.end()


_COLLECTIVE = re.compile(r"^(?:各|多家|多个|部分|几家|诸多|[两三四五六七八九十]地|[0-9一二三四五六七八九十两]+[所个家])|中小学|^原|试用期|^临时")


def _one_name(text: str, body: re.Match[str]) -> bool:
    """A body's name matched after a place or another body: no punctuation inside, an
    acceptable end (org_head_ok), and no clause verb between (宁陕县…开展村监委会)."""
    return (
        not re.search(r"[，。、；：,;:“”《》\s]", body.group())
        and not _COLLECTIVE.search(body.group())  # 长春市各个中小学, 北京多家医院: no one body
        and org_head_ok(text, body.end())
        and not _CLAUSE_VERB.search(ORG_SUFFIX_AT_END.sub("", body.group()))
    )


# Characters before 大学梦 / 大学生 that leave no university's name (圆|大学梦, 女|大学生).
_NO_NAME_BEFORE_UNIVERSITY = frozenset("圆的个女男困名位和及等")
_NOT_SCHOOL_AFTER = set("等心央国华间学")  # 第一中等, 一中心 (a set: "" at the text's end is no character)


def org_head_ok(text: str, end: int, known: bool = False) -> bool:
    """Whether a body's name may end at `end`; `known` for a whole name from KNOWN_ORGS
    (国家电网 ends in a word, 电网, but is a name)."""
    if text.startswith("精神", end):
        return False  # 北大荒精神: a spirit, not the body
    if text[end - 2 : end] == "大学" and text[end : end + 1] in ("梦", "生") and text[end - 3 : end - 2] in _NO_NAME_BEFORE_UNIVERSITY:
        return False  # 圆大学梦, 女大学生: a dream, a student (but 北京大学梦, 师范大学生活服务中心)
    if text.startswith("员工", end):
        return True  # 京东员工
    if text[end - 1] == "会" and text[end : end + 1] == "场":
        return False  # 珠海分会场: a venue (D23)
    if text[end - 2 : end] in ("一中", "二中", "三中") and text[end : end + 1] in _NOT_SCHOOL_AFTER:
        return False  # 第一中等专业学校, 一中心
    if text.startswith(_NOT_ORG_AFTER, end) and not (text[end - 1] != "部" and text.startswith(_DOOR_WORDS, end)):
        return False
    if text[end - 1] == "局" and text[end - 2 : end] in _JU_WORDS:
        return False  # 菲律宾当局, 岚皋建设新局面: words, not a bureau
    if text[end - 1] in "社校院司所站" and _COUNTED_AFTER.match(text, end):
        return False  # 合作社813个: a counted kind of body, not one body
    if text[end - 1] == "网" and text[end - 2 : end] in _NET_WORDS and not known:
        return False  # 落网, 互联网: words, not an outlet
    return not (text[end - 1] == "网" and end < len(text) and text[end] in _NOT_AFTER_WEB)


# Companies named without a place: 五峰印象网络科技有限公司, 中晋资产管理（上海）有限公司.
_COMPANY = re.compile(
    r"[\u4e00-\u9fff]{2,14}(?:[（(][\u4e00-\u9fff]{2,4}[）)][\u4e00-\u9fff]{0,8}?)?(?:股份有限公司|有限责任公司|有限公司)"
)
_QUOTED_ORG = re.compile(r"“([^“”]{2,14}(?:公司|集团|商会|协会|合作社|银行))”")
# A quoted name followed by one of these is a platform or outlet: “五峰蓝”电商平台.
_PLATFORM = r"(?:电商|网络|服务|销售)?(?:平台|公众号|APP|app|小程序)"
PLATFORM_AFTER = re.compile(rf"”{_PLATFORM}")
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


# Firms named by a proper name and their trade, without a place or legal form, after a
# boundary (，南瑞集团, 他是善心汇集团, 为何中铁建川公司; D25). What is left of the name
# once its trade words are taken off must be a name: no word, no determiner, no number.
_FIRM_HEAD = re.compile(r"公司|集团(?![化军])")
FIRM_TRADES = (
    "物流", "运输", "货运", "客运", "旅游", "公交", "出租车", "环卫", "中药", "医药", "药业", "计算机", "软件",
    "网络", "科技", "信息", "技术", "能源", "综合", "电力", "供电", "建筑", "装饰", "工程", "建设", "投资",
    "发展", "实业", "贸易", "商贸", "农业", "牧业", "渔业", "林业", "果业", "茶业", "食品", "生物", "生态",
    "产业", "开发", "置业", "地产", "房地产", "文化", "传媒", "广告", "咨询", "企划", "设计", "生产", "制造",
    "机械", "汽车", "电子", "电器", "服装", "纺织", "化工", "材料", "钢铁", "矿业", "水务", "燃气", "电商",
    "保险", "金融", "资产", "管理", "服务", "物业", "餐饮", "酒店", "广电", "高速", "航空", "铁路", "交通",
    "水泥", "养殖", "种植", "种养殖", "农产品", "畜牧", "茶叶", "蔬菜", "水果", "快递", "繁殖", "船运",
    "运营", "控股", "股份", "集团", "民用", "国内", "国外", "外资", "环保", "互联网", "数据", "区块链", "铁塔",
    "上市", "出租车", "传播", "文化传播", "新能源",
)
_TRADE_AT_END = re.compile(rf"(?:{alternation(FIRM_TRADES)})$")
# Characters after which a firm's name starts: function words, question words, verbs of one
# character (进, 到).
_BEFORE_FIRM = set("的了在是和与及对向为把被将从由等让给、到进入于至跟同何么由就还都也又")
_FIRM_VERBS = ("通过", "作为", "起诉", "约谈", "创办", "成立", "入股", "考察", "参观", "走进", "来到", "联合",
               "依托", "利用", "携手", "签约", "收购", "加入", "投资", "注册", "组建", "引进", "包括", "还有")
_NOT_FIRM_HEAD = set("该这那本其各每多某此全他她我你们咱新原总母子分家股县市省区镇乡村州")
# Verbs and particles never inside a firm's name (刚进公司, 假公文寄到公司).
_NOT_IN_FIRM = set("进到入刚在已将要被把给向于寄了的是")
FIRM_NAME_MAX_CHARS = 10
FIRM_CORE_MAX_CHARS = 5
# A firm's short name must be this long to be found again without its legal form.
FIRM_ALIAS_MIN_CHARS = 3


_LEGAL_FORM_AT_END = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|公司|集团|农民专业合作社|专业合作社)$")


def _trade_in_word(name: str, trade: re.Match[str], common: frozenset[str]) -> bool:
    """The trade word is the end of a longer word: 时代|新能源, not 时代新|能源."""
    return name[trade.start() - 1 : trade.end()] in common


def kind_of_firm(name: str) -> bool:
    """A firm named by its trade alone (船运公司, 物流有限公司): no proper name, so no ORG."""
    legal = _LEGAL_FORM_AT_END.search(name)
    return legal is not None and _trade_only(name[: legal.start()])


def _trade_only(name: str) -> bool:
    """The name is trade words only (网络科技, 物流运输): a kind of firm."""
    while name and (t := _TRADE_AT_END.search(name)):
        name = name[: t.start()]
    return not name


def firm_alias(name: str) -> str | None:
    """The short name a text uses again for a firm it named in full: 善心汇 for
    善心汇文化传播有限公司, 中铁建川 for 中铁建川公司 (D25); None for a kind of firm or
    a short name that is a word."""
    rest = _LEGAL_FORM_AT_END.sub("", name)
    if rest == name or not all(is_cjk(ch) for ch in rest):
        return None
    gaz = gazetteer()
    if (t := _TRADE_AT_END.search(rest)) and t.start() >= FIRM_ALIAS_MIN_CHARS and not _trade_in_word(rest, t, gaz.common_words):
        rest = rest[: t.start()]  # one trade word only, and only where a name is left (安邦渔业)
    if (
        len(rest) < FIRM_ALIAS_MIN_CHARS
        or gaz.find(rest)  # 国网榆林, 五峰印象: a place inside; the place is what repeats
        or rest in gaz.common_words
        or _trade_only(rest)
        or rest[0] in _NOT_FIRM_HEAD
        or rest in gaz.names
        or rest in gaz.county_short
    ):
        return None
    return rest


def _firm_spans(text: str, place_starts: frozenset[int]) -> list[Span]:
    out: list[Span] = []
    common = gazetteer().common_words
    for m in _FIRM_HEAD.finditer(text):
        k = m.start()
        if k < 2 or not (is_cjk(text[k - 1]) and is_cjk(text[k - 2])):
            continue
        for start in range(k - 2, max(-1, k - FIRM_NAME_MAX_CHARS - 1), -1):
            if not is_cjk(text[start]):
                break
            left = text[start - 1] if start > 0 else "。"
            if not (not is_cjk(left) or left in _BEFORE_FIRM or text[start - 2 : start] in _FIRM_VERBS):
                continue
            name = text[start:k]
            core = name
            while (t := _TRADE_AT_END.search(core)) and t.start() >= 2 and not _trade_in_word(core, t, common):
                core = core[: t.start()]
            if (
                2 <= len(core) <= FIRM_CORE_MAX_CHARS
                and not left.isdigit()  # 16家上市公司: a count
                and not any(p in place_starts for p in range(start, k))  # a place + body: the rule above
                and not name.startswith(_GENERIC_COMPANY_HEAD)
                and not any(ch in _NOT_IN_FIRM for ch in core)
                and not _trade_only(core)
                and core not in common
                and core[:2] not in common
                and core[0] not in _NOT_FIRM_HEAD
                and not any(ch in CN_DIGITS or ch in _CUT_BEFORE_COMPANY for ch in core)
                and not _CLAUSE_VERB.search(core)
                and gazetteer().plausible_name(core)
            ):
                out.append(Span("ORG", start, m.end(), RULE_SCORE, "rules"))
            break  # the first boundary found decides
    return out


def _company_spans(text: str, place_starts: frozenset[int]) -> list[Span]:
    out: list[Span] = _firm_spans(text, place_starts)
    common = gazetteer().common_words
    for m in _COMPANY.finditer(text):
        start = m.start()
        head = text[start : m.end()]
        # Cut at the last function character, verb, other body or place in front of the name.
        cut = 0
        for i in range(len(head) - 6):
            if start + i in place_starts and head[i - 1 : i] not in ("（", "("):
                brand = head[cut:i]  # 利用|京金联|武汉网络服务有限公司: a brand before the place
                if not (2 <= len(brand) <= 4 and brand[:2] not in common and all(is_cjk(ch) for ch in brand)
                        and not any(ch in _CUT_BEFORE_COMPANY or ch in _BODY_END or ch in "她他它我你其" for ch in brand)
                        and gazetteer().plausible_name(brand)
                        and not any(start + j in place_starts for j in range(cut, i))):
                    cut = i
            elif head[i] in _CUT_BEFORE_COMPANY or head[i] in _BODY_END:
                cut = i + 1
            elif head.startswith(_VERBS_BEFORE_COMPANY, i):
                cut = i + 2
        if len(head) - cut >= 6:
            out.append(Span("ORG", start + cut, m.end(), RULE_SCORE, "rules"))
    for m in _QUOTED_ORG.finditer(text):
        out.append(Span("ORG", m.start(1), m.end(1), RULE_SCORE, "rules"))
    for m in [*_SHORT_COMPANY.finditer(text), *_LISTED_COMPANY.finditer(text)]:
        name = m.group(1)
        if m.group().startswith("、") and name[:2] in common:
            continue  # 、运输公司, 、工程公司: a kind of company, not a name
        if not any(ch in _NOT_IN_SHORT_COMPANY for ch in name[:-2]) and not name.startswith(_GENERIC_COMPANY_HEAD):
            out.append(Span("ORG", m.start(1), m.end(1), RULE_SCORE, "rules"))
    platforms = set()
    for m in _QUOTED_PLATFORM.finditer(text):
        if m.group(1).isdigit() or sum(ch in CN_DIGITS for ch in m.group(1)) >= 2:
            continue  # “二合一”平台, “12345”平台: a government service, not a company
        platforms.add(m.group(1))
    # The platform is the same ORG wherever else the text quotes it (“五峰蓝”是…的心血).
    for m in QUOTED.finditer(text):
        if m.group(1) in platforms:
            out.append(Span("ORG", m.start(1), m.end(1), RULE_SCORE, "rules"))
    return out


def _with_prefix(text: str, span: Span, prefix: re.Pattern[str], window: int) -> Span:
    """The span grown over a prefix written right before it, if there is one."""
    p = prefix.search(text, max(0, span.start - window), span.start)
    return Span("ORG", span.start - len(p.group()), span.end, span.score, span.source) if p else span


# After 报社, a character that makes 社 part of another word: 社会, 社区, 社论, 社长, 社交.
_NOT_AFTER_PRESS_OFFICE = frozenset("会区论长交评科员团保工")


def press_office_end(text: str, end: int) -> int:
    """Where an ORG ending at `end` ends with its office: a newspaper's 社 belongs to the
    name (新文化报|社, 河北日报|社), but not in 社会, 社区, 社论, 社长 … (_NOT_AFTER_PRESS_OFFICE)."""
    if text[end - 1 : end] == "报" and text[end : end + 1] == "社" and text[end + 1 : end + 2] not in _NOT_AFTER_PRESS_OFFICE:
        return end + 1
    return end


def org_spans(text: str, regions: list[Span]) -> list[Span]:
    out: list[Span] = []
    covered = bytearray(len(text) + 1)  # positions inside a span of `out` (a lookup, not a scan)

    def take(span: Span) -> None:
        out.append(span)
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)

    for m in _KNOWN_ORG.finditer(text):
        if not org_head_ok(text, m.end(), known=True):
            continue
        take(Span("ORG", m.start(), _org_end(text, m.end()), RULE_SCORE, "rules"))
    # place (+ place ...) + body: 南郑区人民政府, 汉中市扶贫办, 商洛市商州区委.
    by_start = {r.start: r for r in regions}
    places = frozenset(by_start)
    for r in regions:
        if covered[r.start]:
            continue
        end = r.end
        while end in by_start:  # chained places
            end = by_start[end].end
        head = _ORG_AFTER_PLACE.match(text, end)
        if head and head.group().endswith(("办事处", "街道办")) and _VILLAGE_NEXT.match(text, head.end()):
            continue  # 北林路街道办事处|鑫苑社区: the office written as a place (D53)
        if head and (head.group()[0] == "级" or (text[end - 1] == "市" and head.group()[0] == "区" and len(head.group()) <= 3)):
            continue  # 曲阜市|级文明实践中心, 榆林市|区医院: a level or the city's urban area, no name
        if head and _one_name(text, head):
            take(Span("ORG", r.start, _org_end(text, head.end(), places), RULE_SCORE, "rules"))
    # A subdistrict's or town's office: 汉源街道办(党委), 外海街道办事处.
    for r in regions:
        office = _OFFICE.match(text, r.end)
        if (
            text[r.end - 2 : r.end] == "街道"
            and office
            and not covered[r.start]
            and not _VILLAGE_NEXT.match(text, office.end())  # 汉源街道办二道河村: a place in a chain
        ):
            take(Span("ORG", r.start, _org_end(text, office.end(), places), RULE_SCORE, "rules"))
    # A parent company before a place + branch: 国网|榆林供电公司 → one ORG.
    out = [_with_prefix(text, r, _PARENT_PREFIX, 6) if r.start > 0 else r for r in out]
    # The party's name written before a party committee is part of its name (中共|长沙县委统战部).
    out = [_with_prefix(text, r, _PARTY_PREFIX, 5) if "委" in text[r.start : r.end] else r for r in out]
    out += [Span("ORG", m.start(), m.end(), RULE_SCORE, "rules") for m in _KNOWN_FIRM_AT_BOUNDARY.finditer(text)]
    out += _company_spans(text, places) + _outlet_spans(text) + _village_body_spans(text)
    out += _institution_spans(text) + _zone_body_spans(text)
    return out + _outlet_runs(text, out)


# A newspaper written right after another outlet, in a page's list of outlets without
# separators (闽南日报泉州晚报|湄洲日报|三明日报).
_NOT_IN_LISTED_OUTLET = frozenset("和与及据援引转载联合称的了在是对向为把被将从由等")
_NEXT_NEWSPAPER = re.compile(r"[一-鿿]{2,4}?(?:日报|晚报|早报|晨报|都市报|快报|商报|导报)")


def _outlet_runs(text: str, spans: list[Span]) -> list[Span]:
    """Newspapers listed right after an outlet: each must end where the list goes on (the
    next outlet or a found name starts) or stops (punctuation), not inside a word
    (人民日报获悉今日|报道)."""
    out: list[Span] = []
    starts = {s.start for s in spans}
    ends = {s.end for s in spans if _OUTLET_AT_END.search(text[max(s.start, s.end - 2) : s.end])}
    todo, seen = sorted(ends), set(ends)
    while todo:
        end = todo.pop()
        m = _NEXT_NEWSPAPER.match(text, end)
        if (
            m is not None
            and _one_name(text, m)
            and not _NOT_PRESS.search(m.group())
            and not any(ch in _NOT_IN_LISTED_OUTLET for ch in m.group())  # 和|北京日报, 援引|北京日报
            and not any(p in starts for p in range(m.start() + 1, m.end()))  # a name found inside
            and (m.end() == len(text) or not is_cjk(text[m.end()]) or m.end() in starts or _NEXT_NEWSPAPER.match(text, m.end()))
        ):
            out.append(Span("ORG", m.start(), m.end(), RULE_SCORE, "rules"))
            if m.end() not in seen:
                seen.add(m.end())
                todo.append(m.end())
    return out


# Newspapers and magazines in 《》 are ORG without the marks (D21): 《华尔街日报》, 《大公报》.
_PRESS_TITLE = re.compile(
    r"《([\u4e00-\u9fffA-Za-z]{1,12}(?:日报|晚报|早报|晨报|时报|商报|快报|周报|导报|画报|公报|杂志|周刊|月刊|学人|报))》"
)
_NOT_PRESS = re.compile(r"(?:公报|情报|简报|通报|汇报|年报|月报|周报|快报|海报|喜报|捷报|战报|学报)$")
# A company in a list of companies after a verb of visiting or dealing (考察了…公司、…公司).
_LISTED_COMPANY = re.compile(r"(?:考察了?|拜访了?|对接|邀请|参观了?|、)([\u4e00-\u9fff]{2,10}?(?:公司|集团))(?=[、，。,和及与等])")


# Schools, hospitals and police stations named by a two-character proper name alone
# (尧化小学, 锁金医院, 灵口派出所) after a boundary: not a word, a determiner (县医院, 该小学)
# or a verb phrase (带她到医院).
_NAMED_INSTITUTION = re.compile(
    r"(?:^|(?<=[，。、；：,;:\s“”（）()?!在到至于从和与及了是的进赴驻往向入经将把对由以让给为使据]))"
    r"(?:(?P<inst>(?P<core>[\u4e00-\u9fff]{2})(?:小学|中学|中心校|完小|医院|卫生院|派出所|幼儿园))"
    r"|(?P<office>(?P<area>[\u4e00-\u9fff]{2,4})(?:国税局|地税局|税务局|林区派出所)))"
)
_INSTITUTION_HEAD_NOT = set("县市区省镇乡村该本全各每这那此某一二三四五六七八九十几多大小中高初人公私民我他她其新老后又否带事")
_NOT_IN_INSTITUTION = set("到需要她他你我因送从事弄丢带去回来往在是了的")


# Bodies of a named development zone (沣东新城管委会, 秦汉新城环境保护局, 大龙开发区管委会):
# the zone is no division in the gazetteer, but its name makes the body a named one (D20).
_ZONE_BODY = re.compile(
    r"(?:^|(?<=[，。、；：,;:\s“”（）()?!在到至于从和与及了是的对由向经]))"
    r"(?P<zone>[\u4e00-\u9fff]{2,4}?)(?:新城|新区|开发区|高新区|经开区)"
    r"(?:管委会|管理委员会|党工委|[\u4e00-\u9fff]{0,6}?(?:局|委员会))"
)
# Kinds of zone, not names (工业园区党工委, 经济开发区管委会).
_ZONE_KINDS = frozenset(["工业", "经济", "技术", "高新", "产业", "农业", "综合", "国家", "省级", "临空", "这个", "该"])


def _zone_body_spans(text: str) -> list[Span]:
    common = gazetteer().common_words
    return [
        Span("ORG", m.start("zone"), m.end(), RULE_SCORE, "rules")
        for m in _ZONE_BODY.finditer(text)
        if m.group("zone") not in _ZONE_KINDS
        and m.group("zone")[:2] not in _ZONE_KINDS
        and not any(ch in NOT_PLACE_CHARS for ch in m.group("zone"))
        and (m.group("zone") not in common or m.group().endswith(("管委会", "管理委员会", "党工委")))
        and _one_name(text, m)
    ]


def _institution_spans(text: str) -> list[Span]:
    out: list[Span] = []
    common = gazetteer().common_words
    for m in _NAMED_INSTITUTION.finditer(text):
        if m.group("area") is not None:  # 黄果树国税局, 新华林区派出所: a named area's office
            area = m.group("area")
            if area[:2] not in common and not any(ch in NOT_PLACE_CHARS or ch in _NOT_IN_INSTITUTION for ch in area):
                out.append(Span("ORG", m.start("office"), m.end("office"), RULE_SCORE, "rules"))
            continue
        core = m.group("core")
        if (
            core[0] not in _INSTITUTION_HEAD_NOT
            and core[:2] not in common
            and core[-2:] not in common
            and not _CLAUSE_VERB.search(core)
            and not any(ch in NOT_PLACE_CHARS or ch in _NOT_IN_INSTITUTION for ch in core)
        ):
            out.append(Span("ORG", m.start("inst"), m.end("inst"), RULE_SCORE, "rules"))
    return out


# A government's news account, quoted: “吕梁发布”, "沭阳发布" (an outlet, D21).
_RELEASE_ACCOUNT = re.compile(r"[“\"]([\u4e00-\u9fff]{2,4})发布[”\"]")


def _outlet_spans(text: str) -> list[Span]:
    out: list[Span] = []
    gaz = gazetteer()
    for m in _RELEASE_ACCOUNT.finditer(text):
        if m.group(1) in gaz.names or m.group(1) in gaz.county_short:
            out.append(Span("ORG", m.start(1), m.end() - 1, RULE_SCORE, "rules"))
    for m in _PRESS_TITLE.finditer(text):
        name = m.group(1)
        if not _NOT_PRESS.search(name) or len(name) >= 5 and name.endswith(("快报", "周报")):
            out.append(Span("ORG", m.start(1), m.end(1), RULE_SCORE, "rules"))
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
                or not any(is_cjk(c) for c in text[name.start() : end])
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
    gaz = gazetteer()
    for m in _VILLAGE_BODY.finditer(text):
        start = m.start(1)
        if any(ch in _BEFORE_VILLAGE for ch in text[start : m.end(1) - 1]) or text[start] in NOT_PLACE_HEAD:
            continue
        if (
            start > 0
            and is_cjk(text[start - 1])
            and text[start - 1] not in _BEFORE_VILLAGE | ADMIN_END
            and text[start - 2 : start] not in gaz.common_words  # 项目|石洋村
        ):
            start -= 1  # 荷叶坪村: a three-character name
        if text[start] in NOT_PLACE_HEAD or not gaz.plausible_name(text[start : m.end(1) - 1]):
            continue
        if text[m.end(1) - 2 : m.end(1)] in gaz.common_words or text[m.end(1) - 3 : m.end(1)] in gaz.common_words:
            continue  # 农村|支部, 美丽乡村|支部, 空壳村|支部: a kind of village, not one
        village_start = start
        # The town written before the village is part of the name (D24): 上栗镇石洋村村委会.
        for n in (2, 3):
            core = text[start - n - 1 : start - 1]
            if (
                start - n - 1 >= 0
                and text[start - 1] in "镇乡"
                and all(is_cjk(ch) and ch not in NOT_PLACE_CHARS for ch in core)
                and core[0] not in NOT_PLACE_HEAD
                and gaz.plausible_name(core)
                and (start - n - 1 == 0 or text[start - n - 2] in PLACE_LEFT or text[start - n - 3 : start - n - 1] in gaz.common_words)
            ):
                start -= n + 1
                break
        nxt = _VILLAGE_NEXT.match(text, m.end())
        if (
            m.group().endswith("委会")
            and nxt is not None
            and nxt.group()[0] not in NOT_PLACE_HEAD
            and not any(ch in _BEFORE_VILLAGE for ch in nxt.group())
            and gaz.plausible_name(nxt.group()[:-1])
        ):
            # 和平村委会|中平村: a village committee written as a place before a village
            # of its area is the place (as 汉源街道办二道河村, D53).
            if start < village_start:  # the town before it (D11)
                out.append(Span("REGION", start, village_start, RULE_SCORE, "rules"))
            out.append(Span("REGION", village_start, m.end(1), RULE_SCORE, "rules"))
            out.append(Span("REGION", nxt.start(), nxt.end(), RULE_SCORE, "rules"))
            continue
        out.append(Span("ORG", start, m.end(), RULE_SCORE, "rules"))
    return out
