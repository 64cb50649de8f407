"""Rule recognizers on hand-made sentences (prepared, simplified text)."""

import pytest

from serving.recognizers import recognize


def found(text):
    return [(s.type, text[s.start : s.end]) for s in recognize(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("南郑区累计实现减贫27490户78799人", [("QUANTITY", "27490户"), ("QUANTITY", "78799人")]),
        ("整合近1万名干部", [("QUANTITY", "近1万名")]),
        ("累计投入扶贫资金20多亿元", [("MONEY", "20多亿元")]),
        ("资助3679.75万元", [("MONEY", "3679.75万元")]),
        ("月纯收入7000元以上", [("MONEY", "7000元以上")]),
        ("自费金额达6万余元", [("MONEY", "6万余元")]),
        ("报销比例80%至85%", [("QUANTITY", "80%至85%")]),
        ("建成光伏电站130万千瓦", [("QUANTITY", "130万千瓦")]),
        ("有3.7万贫困户", [("QUANTITY", "3.7万")]),
        ("年销售金额破100万元", [("MONEY", "100万元")]),
        ("发放几十元补助", [("MONEY", "几十元")]),
        ("修建两栋六层安置楼", [("QUANTITY", "两栋"), ("QUANTITY", "六层")]),
        ("增长5.95个百分点", [("QUANTITY", "5.95个百分点")]),
    ],
)
def test_quantities_and_money(text, expected):
    assert [f for f in found(text) if f[0] in ("QUANTITY", "MONEY")] == expected


@pytest.mark.parametrize(
    "text",
    [
        "2020年10月14日上午",  # dates
        "参加了13天培训",  # durations
        "今年39岁",  # ages
        "进入第六层施工",  # ordinals
        "一个月能拿",  # 一 + measure word
        "千家万户",  # idioms
        "电话0916-2626077",  # codes
        "“十三五”期间",
    ],
)
def test_what_is_not_a_quantity(text):
    assert [f for f in found(text) if f[0] in ("QUANTITY", "MONEY")] == []


def test_regions_chains_and_orgs():
    text = "城固县三合镇黄牛嘴村驻村工作队"
    assert found(text)[:3] == [("REGION", "城固县"), ("REGION", "三合镇"), ("REGION", "黄牛嘴村")]
    assert ("ORG", "南郑区人民政府") in found("南郑区人民政府副区长")
    assert ("ORG", "国开行") in found("争取国开行贷款5.3亿元")
    assert ("REGION", "陕西") in found("国际在线陕西消息")


def test_county_short_form_needs_the_full_name_in_the_text():
    assert ("REGION", "南郑") in found("南郑区正式退出。南郑所有贫困村")
    assert ("REGION", "合作") not in found("加强合作")


def test_policies():
    text = "严格执行“四个不摘”要求，推进易地扶贫搬迁，制定《农村供水用水条例》"
    got = found(text)
    assert ("POLICY", "四个不摘") in got
    assert ("POLICY", "易地扶贫搬迁") in got
    assert ("POLICY", "农村供水用水条例") in got
    assert ("QUANTITY", "四个") not in got  # the outer POLICY wins
    assert ("POLICY", "低保") not in found("低保户")
    assert ("POLICY", "人民日报") not in found("《人民日报》报道")


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        # County short forms on their own, unless they straddle a common word.
        ("消费扶贫上，南郑建成消费扶贫直营店4家", "REGION", ["南郑"]),
        ("严重损害党和政府形象", "REGION", []),
        ("促进支部党建水平共同提高", "REGION", []),
        # Towns and villages after a verb, chained on, with village groups.
        ("走进温泉镇松山村路边的一个茶叶初制所", "REGION", ["温泉镇", "松山村"]),
        ("南郑区阳春镇陈村龙沟组", "REGION", ["南郑区", "阳春镇", "陈村", "龙沟组"]),
        ("以圣源村为例", "REGION", ["圣源村"]),
        ("东山村召开村民大会的时候", "REGION", ["东山村"]),
        ("新建改建农村公路", "REGION", []),
        # Bodies: sub-bodies written on, but not titles or common nouns.
        ("时任莲花县高洲乡党委委员", "ORG", ["莲花县高洲乡党委"]),
        ("湖南省纪委通报曝光了5起问题", "ORG", ["湖南省纪委"]),
        ("陇县公安局刑警大队副大队长王冬说", "ORG", ["陇县公安局刑警大队"]),
        ("据湖北省武汉市公安局武昌区分局立案侦查", "ORG", ["湖北省武汉市公安局武昌区分局"]),
        ("公安部门也提醒广大民众", "ORG", []),
        ("在湖南省政府门前聚集", "ORG", ["湖南省政府"]),  # the body's door, not 部门
        ("汉中市财政部门前期投入", "ORG", []),  # 部门, not 财政部 and its door
        ("堰门镇武装部部长", "ORG", ["堰门镇武装部"]),  # a town's armed forces department
        ("镇武装部副部长", "ORG", []),  # no place named
        ("王灿等人利用京金联网络服务有限公司及关联公司", "ORG", ["京金联网络服务有限公司"]),
        # Programs: a digit slogan keeps its head; quoted events and groups are not programs.
        ("汉中实施“5+X”特色产业扶贫", "POLICY", ["5+X”特色产业扶贫"]),
        ("在全省教育脱贫攻坚“春风行动”启动的第三天", "POLICY", ["春风行动"]),
        ("2018年“两会”落下帷幕", "POLICY", []),
        ("及时纳入“三类人群”", "POLICY", []),
    ],
)
def test_names(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("及时纳入“三类人群”", []),  # a numeral inside a quoted name
        ("2个多月未驻村开展帮扶工作", []),  # a duration
        ("和几个好友一拍即合", []),  # 几 + measure word is a vague word
        ("2018年销售额达到2000万", [("MONEY", "2000万")]),  # money by context
        ("交几元、几十元", [("MONEY", "几元"), ("MONEY", "几十元")]),
    ],
)
def test_number_edge_cases(text, expected):
    assert [f for f in found(text) if f[0] in ("QUANTITY", "MONEY")] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("回到家乡五峰创业", [("REGION", "五峰")]),  # an autonomous county's usual name
        ("黔西南州义务教育", [("REGION", "黔西南州")]),  # autonomous prefecture + 州
        ("宁强县巴山镇石坝子村", [("REGION", "宁强县"), ("REGION", "巴山镇"), ("REGION", "石坝子村")]),
        ("国家农产品质量安全示范县", []),  # 范县 inside 示范县
        ("打造“五峰蓝”电商平台", [("ORG", "五峰蓝")]),  # a quoted platform is an ORG
    ],
)
def test_places_and_platforms(text, expected):
    assert [f for f in found(text) if f[0] in ("REGION", "ORG")] == expected


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        ("邀请主任刘逾和县林业局副局长", "REGION", []),  # 和县 straddling a person's name
        ("他被选派到佳县螅镇曹家沟村", "REGION", ["佳县", "螅镇", "曹家沟村"]),
        ("《衡阳这封贫困户的来信让所有扶贫人泪目》", "POLICY", []),  # an article title
        ("印发《农村供水用水条例》", "POLICY", ["农村供水用水条例"]),
        ("打造康养小镇", "REGION", []),
    ],
)
def test_straddles_and_titles(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


def test_informal_autonomous_county_and_rural_bank():
    # 五峰县 is how people write 五峰土家族自治县; a rural commercial bank is an ORG.
    assert found("五峰县农商行到五峰园区调研") == [("ORG", "五峰县农商行"), ("REGION", "五峰")]


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        # A space between an Arabic number and its unit; 约 of 签约 is not "about".
        ("帮扶10 人，发放3000 元，2018 年", "QUANTITY", ["10 人"]),
        ("帮扶10 人，发放3000 元，2018 年", "MONEY", ["3000 元"]),
        ("其中安康市签约12个项目", "QUANTITY", ["12个"]),
        ("献血3400毫升，办理2.65万笔业务", "QUANTITY", ["3400毫升", "2.65万笔"]),
        ("省委十一届三次全会精神", "QUANTITY", []),  # an ordinal session
        # 乡村 / 乡镇 are words, not a township.
        ("，助力乡村振兴", "REGION", []),
        ("打好乡镇振兴组合拳", "REGION", []),
        ("在梨园乡开展", "REGION", ["梨园乡"]),
        # City short forms that share a county's short form; domain words are not places.
        ("国庆长假南京接待游客", "REGION", ["南京"]),
        ("开通惠农补贴网上查询", "REGION", []),
        # Departments named with 和, 支队, 门诊; village bodies.
        ("兴平市住房和城乡建设局", "ORG", ["兴平市住房和城乡建设局"]),
        ("汉中市交警支队", "ORG", ["汉中市交警支队"]),
        ("江苏省人民医院门诊办公室", "ORG", ["江苏省人民医院门诊办公室"]),
        ("工作队队员兼岭羊村党支部第一书记", "ORG", ["岭羊村党支部"]),
        ("在项目石洋村卫计室建设中", "ORG", ["石洋村卫计室"]),
        ("工作队队长兼村党支部第一书记", "ORG", []),
        ("泡木村村支部书记吴廷相说", "ORG", ["泡木村村支部"]),  # the branch written without 党
        ("当地农村支部书记培训班", "ORG", []),  # a kind of village, not one (农村, 乡村)
        ("大力推进美丽乡村支部共建", "ORG", []),
        # A university's school of two fields joined by 与 is part of its name; people and
        # verbs make a clause, and only that school may run long after a university.
        ("清华大学新闻与传播学院博士生说", "ORG", ["清华大学新闻与传播学院"]),
        ("浙江大学师生与校友回到学院", "ORG", ["浙江大学"]),
        ("西北工业大学今年首次开设航空学院", "ORG", ["西北工业大学"]),
        ("安康市政府今年新建职业技术学院", "ORG", ["安康市政府"]),
        # A newspaper's office belongs to its name; outlets listed without separators are
        # one ORG each (a paper's website is one: 中国日报网).
        ("新文化报社和吉林年鉴社开展评选", "ORG", ["新文化报社", "吉林年鉴社"]),
        ("河北日报社记者", "ORG", ["河北日报社"]),
        ("人民日报社会版", "ORG", ["人民日报"]),
        ("人民日报社论指出", "ORG", ["人民日报"]),
        ("闽南日报泉州晚报湄洲日报三明日报", "ORG", ["闽南日报", "泉州晚报", "湄洲日报", "三明日报"]),
        ("记者从人民日报获悉今日报道", "ORG", ["人民日报"]),
        ("人民网、中国日报网、工人日报等", "ORG", ["人民网", "中国日报网", "工人日报"]),
        ("人民日报和北京日报。", "ORG", ["人民日报", "北京日报"]),  # not 和北京日报
        ("新华网援引北京日报，", "ORG", ["新华网", "北京日报"]),
        # A dream of university and a university student name no university; a named
        # university's dream does.
        ("情系汉阴助贫困女大学生圆大学梦", "ORG", []),
        ("他从小就有一个北京大学梦", "ORG", ["北京大学"]),
        ("西安交通大学生命学院", "ORG", ["西安交通大学生命学院"]),
        ("陕西师范大学生活服务中心", "ORG", ["陕西师范大学生活服务中心"]),
        # Outlets in source lines and datelines (D21); known bodies.
        ("来源:中央广电总台国际在线编辑:王菲", "ORG", ["中央广电总台", "国际在线"]),
        ("来源：陕西农村报声明：内容为转载", "ORG", ["陕西农村报"]),
        ("来源：网络综合", "ORG", []),
        ("西部网讯（记者周到）", "ORG", ["西部网"]),
        ("中国联通今日复牌", "ORG", ["中国联通"]),
        ("实事求是地讲，农民进行互联网培训", "ORG", []),
        ("贯彻省国资委部署", "ORG", []),
        # POLICY: titles with a trailing note, titles without 《》 (D39), “X长制”, a coined
        # name before a programme head (D32), and quoted goals and honours (D30, D37).
        ("出台《益阳市基层党建工作问责办法（试行）》", "POLICY", ["益阳市基层党建工作问责办法（试行）"]),
        ("会议审议关于聚焦乡村发展难题精准落实“五个振兴”的意见、分层", "POLICY",
         ["关于聚焦乡村发展难题精准落实“五个振兴”的意见"]),
        ("全面推行“路长制”", "POLICY", ["路长制"]),
        ("实施“领头雁”工程", "POLICY", ["领头雁"]),
        ("创下“零差错”纪录", "POLICY", []),
        ("荣获“十佳文明优质服务明星”称号", "POLICY", []),
        ("包括“五保”、低保", "POLICY", ["低保"]),
        ("市“两办”首次通报", "POLICY", []),
    ],
)
def test_review_round_three(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("开展包村助学帮扶活动宁陕县四亩地镇开展村监委会主任培训", []),
        ("如宁乡市创新采取政府投料", []),
        ("中共党员，江苏纪律检查委员会退休干部", ["江苏纪律检查委员会"]),
    ],
)
def test_a_verb_between_place_and_body_breaks_the_name(text, expected):
    assert [t for ty, t in found(text) if ty == "ORG"] == expected


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        ("转达至旬阳县吕河镇", "REGION", ["旬阳县", "吕河镇"]),  # a former county name
        ("在神木县特殊教育学校", "ORG", ["神木县特殊教育学校"]),
        ("据统计，贵州目前有各级各类学校食堂1.7万个", "ORG", []),
    ],
)
def test_former_county_names_and_schools(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        # A city right after its province is not a straddle (陕西|汉中, 江西|南昌).
        ("奔赴陕西汉中勉县", "REGION", ["陕西", "汉中", "勉县"]),
        ("江西南昌", "REGION", ["江西", "南昌"]),
        ("彭水自治县棣棠乡四合村", "REGION", ["彭水自治县", "棣棠乡", "四合村"]),
        # Given names after a surname are not places; a surname-like word before a place is.
        ("村民刘金平多年来和儿子耿海东居住", "REGION", []),
        ("江苏徐州", "REGION", ["江苏", "徐州"]),
        ("十一黄金周西安亲子营", "REGION", ["西安"]),
        ("走访巴西、荷兰", "REGION", ["巴西", "荷兰"]),
        # Lenient village and town names right after a town or county; never a verb.
        ("雨母山镇幸福村的罗革远", "REGION", ["雨母山镇", "幸福村"]),
        ("宁陕县四亩地镇开展村监委会主任培训", "REGION", ["宁陕县", "四亩地镇"]),
        ("5.孟石岭镇副镇长蒲晓乐", "REGION", ["孟石岭镇"]),
        # Amounts: money words before a bare 万, more measure words, durations.
        ("出资80余万买下", "MONEY", ["80余万"]),
        ("为13架飞机，在十艘战船上", "QUANTITY", ["13架", "十艘"]),
        ("退押金申请7个工作日", "QUANTITY", []),
        # ORG: not 落网, titles stay out, departments with a title after them are in.
        ("最后一名嫌疑人在佛山落网", "ORG", []),
        ("天水市委常委、秦州区委书记雷鸣", "ORG", ["天水市委", "秦州区委"]),
        ("国务院扶贫办政策法规司副司长", "ORG", ["国务院扶贫办政策法规司"]),
        ("长春市第一中等专业学校学生", "ORG", []),
        ("来源：中央纪委国家监委网站", "ORG", ["中央纪委国家监委网站"]),
        # POLICY: a quoted name found once is the same programme at its other mentions.
        ("得益于“校农结合”扶贫新模式。他说，“校农结合”扶贫，让", "POLICY", ["校农结合", "校农结合"]),
    ],
)
def test_review_round_four(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("年可蓄留雨水218.8万m3", ["218.8万m3"]),
        ("25°以下旱坡地", ["25°以下"]),
        ("最低温跌至1.7℃", ["1.7℃"]),
        ("开通4G网络", []),
    ],
)
def test_unit_symbols(text, expected):
    assert [t for ty, t in found(text) if ty == "QUANTITY"] == expected


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        # Quoted clause lists are POLICY only when the text calls them a principle etc.
        ("实现了搬迁人口“搬得出、稳得住、能致富”。", "POLICY", []),
        ("解决“融资难、融资贵”问题", "POLICY", []),
        ("坚持“守底线、抓衔接、促振兴”主线", "POLICY", ["守底线、抓衔接、促振兴"]),
        ("按照“谁主管、谁负责”", "POLICY", ["谁主管、谁负责"]),
        # Numeric slogans: unquoted ones of the list (D33); counts, honours, groups are not.
        ("树牢四个意识，落实中央八项规定精神", "POLICY", ["四个意识", "中央八项规定"]),  # the rule set's full name
        ("做大“两座金山银山”，获“五一劳动奖章”，关爱“三留守”人员", "POLICY", []),
        ("“三创三联三带动”", "POLICY", ["三创三联三带动"]),
        # Numbers inside fixed phrases are not quantities.
        ("坚持四项基本原则，实现两个一百年奋斗目标，来自四面八方", "QUANTITY", []),
        # Generic division names and 中国 in 发展中国家.
        ("开展城区环境卫生综合整治，帮助发展中国家", "REGION", []),
        ("检查了太和镇；张家村和李家村", "REGION", ["太和镇", "张家村", "李家村"]),
        ("不辜负组织的信任和乡亲们的期望", "REGION", []),
    ],
)
def test_review_round_five(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("国网榆林供电公司成立", ["国网榆林供电公司"]),  # parent prefix + place + branch
        ("新疆维吾尔自治区文联", ["新疆维吾尔自治区文联"]),
        ("宁陕县皇冠镇纪委收到中央纪委信访室", ["宁陕县皇冠镇纪委", "中央纪委信访室"]),  # its office is part of the name
        ("汉中市扶贫办按照省扶贫办要求", ["汉中市扶贫办"]),
    ],
)
def test_parent_prefixes_and_clause_verbs_in_org_names(text, expected):
    assert [t for ty, t in found(text) if ty == "ORG"] == expected


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        ("总容量718550千伏安，10千伏线路", "QUANTITY", ["718550千伏安", "10千伏"]),
        ("二期建设，一类、二类企业", "QUANTITY", []),  # 二 + measure word is an ordinal
        ("锂离子三元材料，城乡二元结构", "MONEY", []),
        ("等5方面提出", "QUANTITY", []),
        ("带动1500多贫困户增收", "QUANTITY", ["1500多"]),  # D48
        ("28省市", "QUANTITY", []),
        ("高唐镇常口村乡村振兴", "REGION", ["高唐镇", "常口村"]),
        ("“二合一”平台", "ORG", []),
        ("“五峰蓝”电商平台", "ORG", ["五峰蓝"]),
    ],
)
def test_review_round_six(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


def test_kilovolt_units_keep_their_thousand():
    from serving.normalize import normalize

    assert normalize("QUANTITY", "718550千伏安", []) == {"value": 718550, "unit": "千伏安", "modifier": None}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2011年注册成立万顺牧业公司", ["万顺牧业公司"]),
        ("走进新时达公司装配车间", ["新时达公司"]),
        ("通过与国外设计公司开展合作，与该公司合作", []),
    ],
)
def test_companies_named_after_a_verb_of_dealing(text, expected):
    assert [t for ty, t in found(text) if ty == "ORG"] == expected


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        ("西安市民潘女士", "REGION", ["西安"]),  # D10: the place of a demonym
        ("河北省长许勤", "REGION", ["河北"]),
        ("陕西镇安县扶贫局", "ORG", ["陕西镇安县扶贫局"]),
        ("长江经济带建设", "REGION", ["长江经济带"]),
    ],
)
def test_demonyms_titles_and_areas(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        ("吉林省长春市食品药品监督管理局", "ORG", ["吉林省长春市食品药品监督管理局"]),
        ("山西省长治市武乡县", "REGION", ["山西省", "长治市", "武乡县"]),
        ("乐山市长途客运中心站", "REGION", ["乐山市"]),
        ("讲的‘一带一路’建设", "POLICY", ["一带一路"]),
        ("中国交建员工孔凡震", "ORG", ["中国交建"]),
        ("在珲春分会场举行", "ORG", []),
        ("在城关镇西坡社区", "REGION", ["城关镇", "西坡社区"]),
        ("正阳镇以张家坝村为引领", "REGION", ["正阳镇", "张家坝村"]),
        ("城固县各乡镇要，三合镇山区村民", "REGION", ["城固县", "三合镇"]),
        ("现货白银报16.35美元", "REGION", []),
    ],
)
def test_review_round_seven(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        ("全州400多万人口", "QUANTITY", ["400多万"]),  # D41: the unit 人 belongs to 人口
        ("园区两部分组成", "QUANTITY", []),
        ("“1+10”政策支持体系", "POLICY", ["1+10"]),  # D31: a code before a generic noun
        ("基层党建“3+2”书记项目", "POLICY", ["3+2”书记项目"]),
    ],
)
def test_glued_units_and_code_heads(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


def test_named_sub_village_units_with_tun():
    assert [t for ty, t in found("龙沟村弄他屯，可是，夏油房屯郑彦志") if ty == "REGION"] == ["龙沟村", "弄他屯", "夏油房屯"]


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        ("多云转阴 6℃～12℃", "QUANTITY", ["6℃～12℃"]),
        ("农业农村部等8部门，一是受四部委", "QUANTITY", []),
        ("开展“四位一体”村级治理，做到“一户一档”", "POLICY", ["四位一体", "一户一档"]),
        ("要坚持“富民、优业、兴村”三个原则", "POLICY", ["富民、优业、兴村"]),
        ("以“绿色、健康”为生产理念", "POLICY", []),
        ("昌黎县朱各庄镇村民，塔湾镇付园则村", "REGION", ["昌黎县", "朱各庄镇", "塔湾镇", "付园则村"]),
        ("中信银行南京分行中央路支行客户经理", "ORG", ["中信银行南京分行中央路支行"]),
        ("西安市交警支队莲湖大队", "ORG", ["西安市交警支队莲湖大队"]),
        ("08-14宁陕县加快供销社改革步伐", "ORG", []),
        ("来源：南雄市广播电视台返回搜狐", "ORG", ["南雄市广播电视台", "搜狐"]),
        ("来源：新闻信息中心", "ORG", []),
        ("执行“土十条”和“水十条”", "QUANTITY", []),
    ],
)
def test_regression_review(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


def test_town_before_a_village_body_is_part_of_the_org():
    text = "王勇作为上栗镇石洋村村委会主任"
    assert [t for ty, t in found(text) if ty == "ORG"] == ["上栗镇石洋村村委会"]


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        ("战略上“一马当先”。三令五申", "POLICY", []),  # idioms (numeral_idioms.tsv)
        ("三令五申，一举两得", "QUANTITY", []),
        ("小品《提意见》就是", "POLICY", []),  # a work, not a document
        ("深入落实《中国制造2025》，出台", "POLICY", ["中国制造2025"]),
        ("出台驻村帮扶工作队管理办法，切实保障", "POLICY", ["驻村帮扶工作队管理办法"]),  # D39
        ("缓解危房改造群众负担；低保群众", "POLICY", ["危房改造"]),
        ("用“精准扶贫”政策扶持下", "POLICY", []),  # a generic activity (contract)
        ("多抱几个‘金娃娃’。引进的“金娃娃”项目", "POLICY", ["金娃娃"]),  # only the headed mention
    ],
)
def test_policy_review(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


def test_quoted_mechanisms_and_reduplicated_programme_names():
    text = "实行“申领制”，推进“村村通”、“组组通”工程"
    assert [t for ty, t in found(text) if ty == "POLICY"] == ["申领制", "村村通", "组组通"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("覆盖王坝、白河、石桥、江口、白关等乡镇的10多个村", ["王坝", "白河", "石桥", "江口", "白关"]),
        ("共涉及圣源、西官、颜母庄和宫家楼6个行政村", ["圣源", "西官", "颜母庄", "宫家楼"]),
        ("抓好教育、卫生等乡镇工作", []),  # ordinary words: not a list of places
        ("湖南、湖北乡村振兴", ["湖南", "湖北"]),  # 乡村 is a word, not a township
        ("依托特色小镇、康养小镇建设", []),
    ],
)
def test_bare_names_listed_as_towns_or_villages(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


def test_a_quoted_platform_is_the_same_org_in_every_quoted_mention():
    text = "打造“五峰蓝”电商平台。“五峰蓝”是赵鹏的心血。"
    assert found(text) == [("ORG", "五峰蓝"), ("ORG", "五峰蓝")]


@pytest.mark.parametrize(
    "text",
    [
        "打造成远近闻名的网红村。",
        "命名生态村、文化村和旅游村",
        "事后，时任村支书李四宝说",
        "新建、硬化通村通组道路",
        "是了解家乡的窗口",
        "当上村书记之后",
    ],
)
def test_kinds_of_village_and_words_ending_in_a_suffix_are_not_places(text):
    assert [t for ty, t in found(text) if ty == "REGION"] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # a village found once is a place wherever else the text writes it ...
        ("走进杜羊圈村调研。正如说书艺人所唱杜羊圈村已经实现", ["杜羊圈村", "杜羊圈村"]),
        # ... and so is its core (D10), but not inside another name
        ("在黑虎庙村，黑虎庙人要想走出大山", ["黑虎庙村", "黑虎庙"]),
        ("走进穆阳镇。穆阳溪安全生态水系项目", ["穆阳镇"]),
        # a core that is a common word is not spread
        ("城固县三合镇幸福村，大家都很幸福", ["城固县", "三合镇", "幸福村"]),
        # ethnic townships
        ("平塘县卡蒲毛南族乡新关村", ["平塘县", "卡蒲毛南族乡", "新关村"]),
    ],
)
def test_a_town_or_village_found_once_is_found_everywhere(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("佛山中院经审理后认为", [("ORG", "佛山中院")]),
        ("英国央行维持基准利率", [("ORG", "英国央行")]),
        ("关注吕梁市新闻办官方微信", [("ORG", "吕梁市新闻办")]),
        ("对湖北省蔡甸监狱七监区", [("ORG", "湖北省蔡甸监狱")]),
        # several bodies are no one body: the place alone (D24)
        ("在长春市各个中小学免费推广", [("REGION", "长春市")]),
        ("北京多家医院“号贩子”", [("REGION", "北京")]),
        ("与泰安、莱芜两地政府联手", [("REGION", "泰安"), ("REGION", "莱芜")]),
        # an outlet found once is found again in the same text
        ("(西部网讯)7月,西部网“民生热线”栏目", [("ORG", "西部网"), ("ORG", "西部网")]),
    ],
)
def test_more_body_heads_collectives_and_repeated_names(text, expected):
    assert [f for f in found(text) if f[0] in ("REGION", "ORG")] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("县城居定军山和天荡山之间", ["定军山"]),  # named features from jieba's place names (D15)
        ("从皖北乡村到深圳湾畔", ["皖北", "深圳湾"]),
        ("在凤凰山村发展旅游", ["凤凰山村"]),  # a village named after the hill
        ("曾经沧海难为水", []),  # idioms are not features
    ],
)
def test_named_natural_features(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


def test_characters_of_non_names_block_a_village_only_inside_their_word():
    assert [t for ty, t in found("作为京新社区一名退休老党员") if ty == "REGION"] == ["京新社区"]
    assert [t for ty, t in found("在贫困村开展帮扶") if ty == "REGION"] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("来自阿塞拜疆、拉脱维亚和科特迪瓦的歌手", ["阿塞拜疆", "拉脱维亚", "科特迪瓦"]),  # D17
        ("连接南亚、东南亚以及中东和东非等地区", ["南亚", "东南亚", "中东", "东非"]),
        ("以华南、华北、华东、华中为主干线", ["华南", "华北", "华东", "华中"]),
        ("中欧班列覆盖北欧线", ["北欧"]),  # 中欧 is China–Europe
        ("中东部地区", []),
    ],
)
def test_countries_and_parts_of_the_world(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("鄱余万都滨湖四县", []),  # a district's short form is a word unless its city is named
        ("无锡有个滨湖，滨湖的居民", ["无锡", "滨湖", "滨湖"]),
        ("村主任向洪江说", []),  # a county short form that jieba knows as a given name
        ("沭阳全力打造美丽宜居村庄", ["沭阳"]),  # a county's distinctive short form stands alone
    ],
)
def test_county_short_forms_need_support_unless_distinctive(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("亩增千元钱的“双千”目标", []),  # a goal (D37)
        ("在张圩乡“一老一少”关爱中心", []),  # a facility named by the quote
        ("素有“千年茶乡”美誉", []),  # an epithet
        ("粮食产量实现“十四连丰”", []),  # a record
        ("消费者偏爱“全屋定制”成品家具", []),  # made to order, not a 制度
        # a head like 经验 makes this mention a programme, but is not enough to spread it
        ("学习“庭院经济”经验。发展“庭院经济”是好办法", ["庭院经济"]),
        ("推进“十大行动”", ["十大行动"]),
    ],
)
def test_quoted_goals_facilities_epithets_and_records_are_not_programmes(text, expected):
    assert [t for ty, t in found(text) if ty == "POLICY"] == expected


def test_a_text_may_end_anywhere():
    # 陕西|镇安县 at the very end once raised IndexError (a name checked past the text's end)
    assert found("陕西镇安县") == [("REGION", "陕西"), ("REGION", "镇安县")]
    text = "江西瑞金沙洲坝镇官山村，陕西镇安县云盖寺镇西华村，汉中市南郑区人民政府投入20多亿元“两不愁三保障”"
    for end in range(len(text) + 1):
        for span_type, span_text in found(text[:end]):
            assert span_text and span_type in ("REGION", "ORG", "POLICY", "QUANTITY", "MONEY")


def test_a_town_after_a_short_form_continues_the_chain():
    assert [t for ty, t in found("江西瑞金沙洲坝镇官山村") if ty == "REGION"] == ["江西", "瑞金", "沙洲坝镇", "官山村"]
    assert [t for ty, t in found("兰西县奋斗乡前途村") if ty == "REGION"] == ["兰西县", "奋斗乡", "前途村"]
    assert [t for ty, t in found("城固县开展村级活动") if ty == "REGION"] == ["城固县"]
    assert [t for ty, t in found("来自该县耿圩镇的残疾人") if ty == "REGION"] == ["耿圩镇"]
    assert [t for ty, t in found("红花街道城市管理协管员，清扫街道") if ty == "REGION"] == ["红花街道"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("据《华尔街日报》报道", ["华尔街日报"]),  # D21: newspapers in 《》 without the marks
        ("《2018年统计公报》显示", []),
        ("考察了太极计算机公司、北京假日阳光旅行公司", ["太极计算机公司", "北京假日阳光旅行公司"]),
        ("物流公司、货运公司、运输公司", []),  # kinds of company, not names
    ],
)
def test_press_titles_and_listed_companies(text, expected):
    assert [t for ty, t in found(text) if ty == "ORG"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("次晨抵达西安", ["西安"]),  # 达西 is a foreign name, not a word straddling 西安
        ("打造了以南昌为中心的", ["南昌"]),  # a locative before a city
        ("文化街以东区域", []),  # ... but not before a district's full name
        ("转达至彬县新民镇水北村", ["彬县", "新民镇", "水北村"]),  # a former county name
        ("开发开放上海浦东", ["上海", "浦东"]),  # 浦东新区's short form
    ],
)
def test_straddles_former_names_and_new_areas(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (">>华龙网11月12日6时30分讯(特约通讯员)", [("ORG", "华龙网")]),
        ("汉源街道办投入了大量人力", [("ORG", "汉源街道办")]),
        ("反馈至大新镇党委政府之后", [("ORG", "大新镇党委")]),  # as 桐木坪乡党委、政府
        ("在黑虎庙村原党支部书记家", [("REGION", "黑虎庙村")]),  # 原: the former secretary
        ("如今高圪塔村民利用机械，走进高圪塔村", [("REGION", "高圪塔"), ("REGION", "高圪塔村")]),  # D10
        ("美国约翰霍普金斯大学东亚研究中心主任", [("ORG", "美国约翰霍普金斯大学东亚研究中心")]),
    ],
)
def test_offices_parties_former_titles_and_sub_units(text, expected):
    assert [f for f in found(text) if f[0] in ("REGION", "ORG")] == expected


def test_long_digit_runs_are_codes_not_counts():
    assert found("业务qq:1533310474头条号，电话18985792229张富慧") == []
    assert found("共123456789元") == [("MONEY", "123456789元")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1933年生，尧化小学退休教师", ["尧化小学"]),
        ("在蓝光中学、咸林中学创建省示范", ["蓝光中学", "咸林中学"]),
        ("在县医院治疗，并让带她到医院检查", []),
    ],
)
def test_schools_and_hospitals_named_without_a_place(text, expected):
    assert [t for ty, t in found(text) if ty == "ORG"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("有“五岳之首”、“天下第一山”的美誉", []),  # epithets, also in a list of quotes
        ("变“一次性”投入为持续增收", []),
        ("双峰县法院将“决胜执行难战役”与全县工作结合", ["决胜执行难战役"]),  # a campaign
        ("县纪委“统派直管”改革得到肯定", ["统派直管"]),
    ],
)
def test_epithets_and_campaign_heads(text, expected):
    assert [t for ty, t in found(text) if ty == "POLICY"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("菲律宾当局日前因应违法招聘", [("REGION", "菲律宾")]),  # 当局 is a word
        ("耀州区教体局、印台区民政局", [("ORG", "耀州区教体局"), ("ORG", "印台区民政局")]),
        ("帮助鹤峰县四所小学建设电脑室", [("REGION", "鹤峰县")]),  # counted schools
        ("勉县模式村级股份合作社74个", [("REGION", "勉县")]),  # a counted kind of body
        ("欧盟27个成员国都已批准", [("ORG", "欧盟")]),
        ("夏季日照时间较长", []),  # sunshine
    ],
)
def test_words_in_ju_counted_bodies_and_sunshine(text, expected):
    assert [f for f in found(text) if f[0] in ("REGION", "ORG")] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("执行“土十条”和“水十条”", ["土十条", "水十条"]),  # nicknames of national action plans
        ("坚持“能加固绝不重建”的原则", ["能加固绝不重建"]),  # a principle's name (D40a)
        ("按照“学校需要什么就组织生产什么”的原则", []),  # an ad-hoc sentence
        ("采取“龙头公司+合作社+农户(贫困户)”方式", ["龙头公司+合作社+农户(贫困户)"]),  # a gloss inside
        ("为实施危改提供技术力量", ["危改"]),  # D38 abbreviation
    ],
)
def test_nicknames_principles_glosses_and_abbreviations(text, expected):
    assert [t for ty, t in found(text) if ty == "POLICY"] == expected


def test_public_in_a_body_name():
    assert [t for ty, t in found("西安市公共交通总公司，汉中市共有扶贫办3个") if ty == "ORG"] == ["西安市公共交通总公司"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("负责建坪村4至8组贫困户", []),  # a village's numbered groups are labels
        ("为八组村民修通公路", []),
        ("启动郑州机场三期工程", []),  # a phase
        ("项目分三期建设", ["三期"]),  # a count of phases
        ("举办三期培训班", ["三期"]),
    ],
)
def test_numbered_groups_and_phases_are_labels(text, expected):
    assert [t for ty, t in found(text) if ty == "QUANTITY"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("党内政治生活“四性”", ["四性"]),  # a numeric slogan ending in 性
        ("被确定为国家首批“全域旅游示范区”创建重点", []),  # a title conferred
        ("要求“开展赋予农民对集体资产股份权能改革试点”", []),  # a quoted requirement sentence
    ],
)
def test_slogans_titles_and_quoted_requirements(text, expected):
    assert [t for ty, t in found(text) if ty == "POLICY"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("根据国务院扶贫开发领导小组的决定", ["国务院扶贫开发领导小组"]),
        ("中科院昆明植物研究所副研究员", ["中科院昆明植物研究所"]),
        ("国务院关税税则委员会印发公告", ["国务院关税税则委员会"]),
    ],
)
def test_long_sub_bodies_after_a_national_body(text, expected):
    assert [t for ty, t in found(text) if ty == "ORG"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("汉滨区大同镇以安康市创建为契机", ["汉滨区", "大同镇", "安康市"]),  # a word-like town after a district
        ("城固县开展镇村活动", ["城固县"]),
        ("[基层传真]中厂镇开展活动", ["中厂镇"]),  # 中 heading a name that is no word
        ("中心村建设", []),
    ],
)
def test_word_like_towns_and_names_headed_by_zhong(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an organisation written later without its place is the same ORG
        ("镇安县城关派出所民警说。记者到城关派出所核实", [("ORG", "镇安县城关派出所"), ("ORG", "城关派出所")]),
        # ... but a department without a name part is nothing (D20)
        ("秦汉新城环境保护局、西安市环境保护局", [("ORG", "西安市环境保护局")]),
        # a subdistrict office followed by a village is a place in a chain
        ("宁强县汉源街道办二道河村草坝场", [("REGION", "宁强县"), ("REGION", "汉源街道")]),
    ],
)
def test_org_aliases_without_their_place(text, expected):
    assert [f for f in found(text) if f[0] in ("REGION", "ORG")] == expected


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        ("创新推出“统派直管”“多见面常联系”“为政不为”追责办法等制度", "POLICY", ["统派直管", "多见面常联系", "为政不为"]),
        ("不给定危房改造享受户", "POLICY", []),  # a kind of household
        ("只融投入了1亿左右资金", "MONEY", ["1亿左右"]),  # D51: money by the word after it
        ("小区三天两头停电", "QUANTITY", []),  # an idiom
    ],
)
def test_quote_runs_households_money_words_and_idioms(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


def test_former_county_shangrao_and_guiding_opinions():
    assert [t for ty, t in found("上饶县黄沙岭乡发展庭院经济") if ty == "REGION"] == ["上饶县", "黄沙岭乡"]
    assert [t for ty, t in found("出台中考改革指导意见，") if ty == "POLICY"] == ["中考改革指导意见"]


def test_digits_a_space_and_a_multiplier_are_one_amount():
    from serving.normalize import normalize

    assert found("参与人员共598 万余人，涉案金额1046 亿余元") == [("QUANTITY", "598 万余人"), ("MONEY", "1046 亿余元")]
    assert normalize("MONEY", "1046 亿余元", [])["value"] == 104_600_000_000
    assert found("有万余人参加了活动") == [("QUANTITY", "万余人")]


@pytest.mark.parametrize(
    "text, etype, expected",
    [
        ("开展“党员先锋队”“党员示范岗”“党员身边无违章”创建活动", "POLICY", ["党员先锋队", "党员示范岗", "党员身边无违章"]),
        ("(上饶县委办)他山之石", "ORG", ["上饶县委办"]),
        ("宁陕县委办公室第二期大讲堂", "ORG", ["宁陕县委办公室"]),
        ("铜川市印台街办在精准扶贫中", "ORG", ["铜川市印台街办"]),
    ],
)
def test_campaign_runs_and_party_offices(text, etype, expected):
    assert [t for ty, t in found(text) if ty == etype] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("中方牵头人将访问华盛顿", ["华盛顿"]),  # D17: a foreign city
        ("5月9日，柬埔寨金边，一场活动", ["柬埔寨", "金边"]),
        ("内容包罗万象", []),
    ],
)
def test_foreign_cities(text, expected):
    from serving.normalize import normalize

    assert [t for ty, t in found(text) if ty == "REGION"] == expected
    assert normalize("REGION", "金边", [])["level"] == "city"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("在沭阳县残疾人康复中心，来自该县", ["沭阳县残疾人康复中心"]),
        ("申请加入江苏省血液中心", ["江苏省血液中心"]),
        ("南京卫生高等职业技术学校学生", ["南京卫生高等职业技术学校"]),  # 高等 inside a name
        ("汉中市等地的学校", []),  # 等 still ends a name
    ],
)
def test_health_bodies_and_higher_schools(text, expected):
    assert [t for ty, t in found(text) if ty == "ORG"] == expected


def test_more_national_bodies():
    assert [t for ty, t in found("国防部评价说，推进上合组织稳定发展") if ty == "ORG"] == ["国防部", "上合组织"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("我们登上了武当山", [("REGION", "武当山")]),  # a feature at the very end of the text
        ("汉滨区大同镇", [("REGION", "汉滨区"), ("REGION", "大同镇")]),
        ("就读于汉中市一中", [("ORG", "汉中市一中")]),
    ],
)
def test_names_at_the_very_end_of_a_text(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a town with its village written right after it, whatever comes before the town
        ("(图为钱集镇效佐村农民家中)", [("REGION", "钱集镇"), ("REGION", "效佐村")]),
        ("7.四季镇天坪村监委会主任陈光雄", [("ORG", "四季镇天坪村监委会")]),
        ("对口帮扶省定贫困村高桥镇白石源村。", [("POLICY", "对口帮扶"), ("REGION", "高桥镇"), ("REGION", "白石源村")]),
        ("召开镇村干部会", []),  # words, not a town and its village
        # 和 inside a chained village name, not as a conjunction
        ("三合镇和黄牛嘴村", [("REGION", "三合镇"), ("REGION", "黄牛嘴村")]),
        # a short form before a determiner and a town (南雄|这个镇)
        ("原标题:南雄这个镇:5万株百香果", [("REGION", "南雄"), ("QUANTITY", "5万株")]),
    ],
)
def test_blind_review_places(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the party's name is part of a party committee's name
        ("(中共长沙县委统战部供稿)", ["中共长沙县委统战部"]),
        ("中国共产党南郑区委员会", ["中国共产党南郑区委员会"]),
        # firms by a proper name and trade after a boundary (D25) ...
        ("为何中铁建川公司可以享有如此特权", ["中铁建川公司"]),
        ("他是善心汇集团的创造者", ["善心汇集团"]),
        ("，金宇旅游客运公司要求", ["金宇旅游客运公司"]),
        # ... but not a kind of firm, a count, a deictic body or a verb phrase
        ("，物流运输公司是", []),
        ("共有16家上市公司召开", []),
        ("随着公司在公路", []),
        ("刚进公司时", []),
        ("，省高速集团先后投入", []),
        ("改用其他快递公司的服务", []),
        ("提出继续探索集团化推进", []),
        # a firm named in full is found again by its short name
        ("深圳市善心汇文化传播有限公司成立。善心汇一个月能赚上亿元", ["深圳市善心汇文化传播有限公司", "善心汇"]),
        ("宁德时代新能源公司为龙头。与时代新能源强强联合", ["宁德时代新能源公司", "时代新能源"]),  # not 时代新
        ("北大荒集团为主体，发扬北大荒精神", ["北大荒集团"]),  # the spirit is no body
    ],
)
def test_blind_review_orgs(text, expected):
    assert [t for ty, t in found(text) if ty == "ORG"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("。华山悦苑温泉酒店项目", ["华山"]),  # well-known two-character features (D15)
        ("、泾河防洪暨生态治理工程", ["泾河"]),
        ("找到党员魏文生、郭红海、魏树奎", []),  # after a surname: a given name
        ("走进深山，隔着海峡", []),  # most two-character ones are words
    ],
)
def test_well_known_two_character_features(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("商洛市商州区腰市镇李庙村三组。", ["商洛市", "商州区", "腰市镇", "李庙村"]),  # D55
        ("阳春镇陈村龙沟组", ["阳春镇", "陈村", "龙沟组"]),  # a named group is a place
        ("朱某容以原溢河镇村民范某", ["溢河镇"]),  # the former town, without 原
        ("全县新增淘宝村11个", []),  # a kind of village
        # a short form that is a word names its county where something is held there
        ("对接会在万年召开。上饶市", ["万年", "上饶市"]),
        ("副市长在仙桃分会场收听。湖北", ["仙桃", "湖北"]),
        ("在万年召开", []),  # ... when the text names its city or province
    ],
)
def test_blind_review_places_round_two(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a cooperative named in full is found again by its name without the legal form
        ("杨安平代表韩城市安邦渔业专业合作社。去年入股安邦渔业。", ["韩城市安邦渔业专业合作社", "安邦渔业"]),
        ("。秦州区众欣种养殖农民专业合作社经理于军军说", ["秦州区众欣种养殖农民专业合作社"]),
        # a named area's tax bureau
        ("，黄果树国税局从2016年9月开始", ["黄果树国税局"]),
        ("，该县国税局", []),
        # firms known by a two-character name, at a word boundary only
        ("推动该公司产品与华为、中兴、烽火等11家铁塔公司合作", ["华为", "中兴", "烽火"]),
        ("管委会主任丁振华为他家修建", []),
        ("在中兴村", []),
        # a known name that ends in a word (电网) is still the name; the word alone is none
        ("全面彰显国家电网服务品牌，南方电网、国家电网公司", ["国家电网", "南方电网", "国家电网公司"]),
        ("推进农村电网改造", []),
        # a lecture team named by its level or place; the kind alone is none
        ("中央宣讲团在西安作报告，陕西省宣讲团来到汉中", ["中央宣讲团", "陕西省宣讲团"]),
        ("各地组建宣讲团", []),
        # a firm's trade words alone are no short name
        ("“蓝鲸人”网络科技有限公司。网络科技发展", ["网络科技有限公司"]),
    ],
)
def test_blind_review_orgs_round_two(text, expected):
    assert [t for ty, t in found(text) if ty == "ORG"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("节前夕来川视察时指出", ["川"]),  # a province's one-character abbreviation
        ("从内蒙古进京上访", ["内蒙古", "京"]),
        ("钟扬援藏16年", ["藏"]),
        ("在京东平台", []),  # 京东 is a firm
        ("迎来新的一年", []),  # 新 is left out: it starts too many words
    ],
)
def test_province_abbreviations_after_a_verb_of_coming(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


def test_a_province_abbreviation_resolves_like_its_full_name():
    from serving.normalize import normalize

    assert normalize("REGION", "川", []) == {"name": "川", "full_name": "四川省", "code": "510000", "level": "province"}
    assert normalize("REGION", "陝", [])["code"] == "610000"  # traditional/variant form


@pytest.mark.parametrize(
    "text, expected",
    [
        ("基础设施建设、异地扶贫搬迁、教育", ["异地扶贫搬迁"]),  # D40a: a variant spelling, as written
        ("致使贫困户不能享受异地移民搬迁政策", ["异地移民搬迁"]),
        ("不搬迁异地居住", []),
        ("结合路长制，全面推行河长制", ["路长制", "河长制"]),  # named chief mechanisms, like 七长制
    ],
)
def test_relocation_variants_and_chief_mechanisms(text, expected):
    assert [t for ty, t in found(text) if ty == "POLICY"] == expected


def test_titles_listed_after_an_issued_title():
    text = "先后出台了农村公路管理养护体制改革实施办法、管理养护实施细则、管理养护考核细则等系列文件"
    assert [t for ty, t in found(text) if ty == "POLICY"] == ["农村公路管理养护体制改革实施办法", "管理养护实施细则", "管理养护考核细则"]
    # a plan still to be made is no document title
    assert [t for ty, t in found("扶贫部门要尽快制定乌龙头产业发展规划") if ty == "POLICY"] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # a named feature right after its county or town (D15)
        ("江苏灌云县开山岛位于黄海前哨", ["江苏", "灌云县", "开山岛", "黄海"]),
        ("检查了款庄镇青平水库生态环境治理", ["款庄镇", "青平水库"]),
        ("城固县凤凰山村", ["城固县", "凤凰山村"]),  # a village named after the hill
        ("广州至松山湖方向", ["广州"]),  # not across a preposition
        # state-level new areas are places; a plain 新区 is not
        ("汉中、商洛、西咸新区、韩城等地", ["汉中", "商洛", "西咸新区", "韩城"]),
        ("建设新区", []),
    ],
)
def test_features_after_a_place_and_state_level_new_areas(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("答案来了:贵州从江加勉乡的香猪", ["贵州", "从江", "加勉乡"]),  # not 江加勉乡
        ("三明将乐高唐镇常口村", ["三明", "将乐", "高唐镇", "常口村"]),  # not 乐高唐镇
    ],
)
def test_a_town_right_after_a_county_short_form_ending_in_a_preposition(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a list of villages closed by 等N个村, after 的
        ("在加勉乡的党港、污俄、高山等3个村组建了合作社", [("REGION", "加勉乡"), ("REGION", "党港"), ("REGION", "污俄"), ("REGION", "高山"), ("QUANTITY", "3个")]),
        # a village committee written as a place before a village of its area (like D53)
        ("检查了徐谷村委会教场坝村", [("REGION", "徐谷村"), ("REGION", "教场坝村")]),
        ("荷叶坪村委会主任", [("ORG", "荷叶坪村委会")]),
    ],
)
def test_listed_villages_and_committees_written_as_places(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a stoplisted short form right after its own province or city
        ("安徽宁国浙江上虞", ["安徽", "宁国", "浙江", "上虞"]),
        ("浙江义乌小商品", ["浙江", "义乌"]),
        ("济南市中心", ["济南市"]),  # a generic one never
        ("宁国人民", []),  # nor without its parent before it
    ],
)
def test_stoplisted_short_forms_after_their_parent(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("。西藏大学研究生处原处长欧珠罗布说", ["西藏大学研究生处"]),  # a department before a former title
        ("通报中海油惠州石化有限公司闪爆事故", ["中海油惠州石化有限公司"]),  # a parent company before a place
    ],
)
def test_departments_before_former_titles_and_more_parent_companies(text, expected):
    assert [t for ty, t in found(text) if ty == "ORG"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2017年以来,横山区委区政府将宽幅梯田", [("ORG", "横山区委")]),  # committee and government: the committee (D53)
        ("这样的活动威宁县委政府会不知道", [("ORG", "威宁县委")]),
        # a subdistrict office written as a place before a community (D53)
        ("金水区北林路街道办事处鑫苑社区居民", [("REGION", "金水区"), ("REGION", "北林路街道")]),
    ],
)
def test_committee_and_government_and_offices_before_a_community(text, expected):
    assert found(text) == expected


def test_the_eight_rules_keep_their_full_name():
    assert [t for ty, t in found("严格贯彻落实中央八项规定精神") if ty == "POLICY"] == ["中央八项规定"]
    assert [t for ty, t in found("违反八项规定精神") if ty == "POLICY"] == ["八项规定"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bare amount earned is money with its currency implied (D51)
        ("一个月能拿八九千", [("MONEY", "八九千")]),
        ("卖了2头,赚了4000多,自家留用", [("QUANTITY", "2头"), ("MONEY", "4000多")]),
        ("拿了两个第一", [("QUANTITY", "两个")]),
        ("赚了钱", []),
        # 个 before 亿 in speech: one amount
        ("签约贷款总金额29.5个亿。", [("MONEY", "29.5个亿")]),
        ("三融肉鸡等9个亿元项目续建", [("QUANTITY", "9个")]),  # nine 亿元-class projects
        ("共5个万元户", [("QUANTITY", "5个")]),
        # a grade of disability is a label
        ("为一至四级残疾人发放生活补贴", []),
        ("建立县乡村三级服务网络", [("QUANTITY", "三级")]),
    ],
)
def test_earned_amounts_ge_yi_and_disability_grades(text, expected):
    assert found(text) == expected


def test_ge_yi_normalizes_as_yi():
    from serving.normalize import normalize

    assert normalize("MONEY", "29.5个亿", [])["value"] == 2950000000


@pytest.mark.parametrize(
    "text, expected",
    [
        ("政府、合作社、保险三方共管", []),  # parties, like 三县 (D41)
        ("完成土方3000方", [("QUANTITY", "3000方")]),  # cubic metres
    ],
)
def test_fang_counts_cubic_metres_not_parties(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("，王灿等人利用京金联武汉网络服务有限公司及关联公司", ["京金联武汉网络服务有限公司"]),  # a brand before the place
        ("吴宗霖等人利用一川（澳门）国际有限公司及", ["一川（澳门）国际有限公司"]),  # the place in brackets inside
        ("她举报深圳市善心汇文化传播有限公司", ["深圳市善心汇文化传播有限公司"]),  # a verb phrase is no brand
    ],
)
def test_company_names_with_a_brand_before_a_place(text, expected):
    assert [t for ty, t in found(text) if ty == "ORG"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("高旭紧急开车送往榆林市区医院救治", [("REGION", "榆林市")]),  # the city's urban area's hospital
        ("目前,曲阜市级文明实践志愿服务中心", [("REGION", "曲阜市")]),  # a level, no name
    ],
)
def test_a_level_or_urban_area_after_a_city_is_no_body_name(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("实施“双基”提升工程,在持续", ["双基”提升工程"]),  # D31: a bare code runs to its head
        ("落实行政、教育“双线”控辍机制和", ["双线”控辍机制"]),
        ("推进“双创”工作", ["双创"]),  # a generic word after it
        ("依托“三变”改革", ["三变"]),  # a slogan with a meaning of its own
    ],
)
def test_shuang_codes_run_to_their_head(text, expected):
    assert [t for ty, t in found(text) if ty == "POLICY"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("建设,二道河村村容村貌发生了极大变化。二道河村结合", ["二道河村", "二道河村"]),  # named after the river
        ("治疗中心在苏格兰开业", ["苏格兰"]),  # a foreign first-level division (D17)
        ("美国德克萨斯州的上空", ["美国", "德克萨斯州"]),
    ],
)
def test_villages_named_after_a_feature_and_foreign_divisions(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


def test_a_foreign_division_has_level_province():
    from serving.normalize import normalize

    assert normalize("REGION", "苏格兰", []) == {"name": "苏格兰", "full_name": None, "code": None, "level": "province"}


def test_more_bodies_known_by_name():
    assert [t for ty, t in found("民主党人表示将与联邦调查局就备忘录进行沟通") if ty == "ORG"] == ["联邦调查局"]
    assert [t for ty, t in found("【德勤:没有考虑区块链的企业面临落后风险】") if ty == "ORG"] == ["德勤"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("。杨家院子见证了岚皋五年变迁", ["杨家院子", "岚皋"]),  # a hamlet named after a family
        ("、杨家山、南郑输变电工程", ["杨家山", "南郑"]),
        ("在张家坝村", ["张家坝村"]),  # the village, not the hamlet inside it
        ("建设美丽国家山区", []),
    ],
)
def test_hamlets_named_after_a_family(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('提示:点击上方"沭阳发布"↑关注。感谢关注沭阳发布!', ["沭阳发布", "沭阳发布"]),  # a government's news account (D21)
        ("欢迎关注“重要发布”", []),  # no place: no account name
    ],
)
def test_government_news_accounts(text, expected):
    assert [t for ty, t in found(text) if ty == "ORG"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2017年年底,向洪江任村主任不到一个月", []),  # 任 = to serve as
        ("委和国航签约的日子。泰和两村被淹200户", []),  # two villages
        ("旬阳县吕河镇桂花社区六组村组路", ["旬阳县", "吕河镇", "桂花社区"]),  # a numbered group (D55)
        ("老党员张文选从人群中站起来", []),  # 中站 is a district's short form only by accident
        ("西安市商城公馆违建商铺", ["西安市"]),  # a mall
    ],
)
def test_blind_review_place_false_positives(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


def test_a_quote_mark_opening_a_title_is_not_in_the_span():
    text = "、《“沭阳县诚信网站”评定管理暂行办法》;副县长"
    assert [t for ty, t in found(text) if ty == "POLICY"] == ["沭阳县诚信网站”评定管理暂行办法"]


def test_a_hamlet_is_a_sub_village_unit():
    from serving.normalize import normalize

    assert normalize("REGION", "张家坝", [])["level"] == "village"  # D15
    assert normalize("REGION", "开山岛", [])["level"] == "area"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("提高到40%,民主镇、南宫山镇跻身国家级", ["民主镇", "南宫山镇"]),  # a list mate of a found town
        ("南宫山镇、民主镇跻身", ["南宫山镇", "民主镇"]),
        ("在乡镇、村", []),
    ],
)
def test_list_mates_of_a_found_town(text, expected):
    assert [t for ty, t in found(text) if ty == "REGION"] == expected


def test_a_committees_offices_are_part_of_its_name():
    assert [t for ty, t in found("7月,西安市委督查室集中回复了网友") if ty == "ORG"] == ["西安市委督查室"]
    assert [t for ty, t in found("皇冠镇纪委收到中央纪委信访室转来的举报") if ty == "ORG"] == ["皇冠镇纪委", "中央纪委信访室"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("的问题,沣东新城管委会经调查回复", ["沣东新城管委会"]),  # a named development zone's body
        ("、空港新城城乡统筹局、", ["空港新城城乡统筹局"]),
        ("、工业园区党工委副书记", []),  # a kind of zone, no name
        ("在经济开发区管委会", []),
    ],
)
def test_bodies_of_named_development_zones(text, expected):
    assert [t for ty, t in found(text) if ty == "ORG"] == expected


def test_a_county_short_form_is_supported_only_by_its_own_text():
    # Gazetteer.supported answers once per text; the answer for one text (咸阳 named) must
    # not carry over to the next text, which names neither the city nor the province.
    with_city, alone = "咸阳的礼泉苹果", "礼泉的苹果很甜"
    assert [with_city[s.start : s.end] for s in recognize(with_city) if s.type == "REGION"] == ["咸阳", "礼泉"]
    assert [s for s in recognize(alone) if s.type == "REGION"] == []
    assert [with_city[s.start : s.end] for s in recognize(with_city) if s.type == "REGION"] == ["咸阳", "礼泉"]
