"""Words of the county-scale generator: fictitious names of people, places, estates, roads and
enterprises, phone numbers, and amounts written the ways petitioners write them (18万, 十八万, 180000)."""

from __future__ import annotations

import random

# --- names and places ---------------------------------------------------------------------------

# Surnames weighted roughly by frequency (the first ones are the most common in Shandong).
SURNAMES = (
    "王王王李李李张张张刘刘陈陈杨杨赵赵黄周吴徐孙孙胡朱高林何郭马罗梁宋郑谢韩唐冯于于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡"
    "贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
    "庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍韦申尤毕聂丛焦向柳邢路岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪"
)
GIVEN_MALE = [
    "建国",
    "志强",
    "德胜",
    "春生",
    "文华",
    "国庆",
    "立新",
    "长林",
    "学军",
    "永福",
    "振华",
    "宝山",
    "明亮",
    "卫东",
    "海涛",
    "建军",
    "俊杰",
    "浩然",
    "子轩",
    "宇航",
    "晓东",
    "军",
    "伟",
    "磊",
    "强",
    "勇",
    "杰",
    "涛",
    "斌",
    "鹏",
    "刚",
    "凯",
    "浩",
    "洋",
    "超",
    "亮",
    "新民",
    "光明",
    "庆丰",
    "德华",
    "玉山",
    "兆龙",
    "树林",
    "广利",
    "金生",
    "洪波",
    "成刚",
    "家乐",
    "一鸣",
    "博文",
    "思远",
    "天佑",
]
GIVEN_FEMALE = [
    "秀英",
    "桂兰",
    "海燕",
    "玉梅",
    "淑珍",
    "红霞",
    "凤英",
    "金花",
    "丽娟",
    "秀芳",
    "翠萍",
    "玉兰",
    "秀兰",
    "桂英",
    "丽",
    "静",
    "敏",
    "燕",
    "艳",
    "娟",
    "霞",
    "芳",
    "婷",
    "雪",
    "晶",
    "颖",
    "慧",
    "晓燕",
    "春梅",
    "冬梅",
    "美玲",
    "淑华",
    "雅琴",
    "欣怡",
    "梓涵",
    "诗涵",
    "雨桐",
    "子涵",
    "佳怡",
    "可欣",
    "思琪",
    "梦瑶",
    "秀云",
    "玉珍",
    "彩霞",
    "爱华",
    "兰英",
]

# Place words for unit, estate, road and enterprise names (fictitious).
PLACE_WORDS = [
    "锦秋",
    "湖滨",
    "东城",
    "荷香",
    "博昌",
    "乐安",
    "纯化",
    "陈户",
    "湖滨",
    "店子",
    "兴福",
    "庞家",
    "吕艺",
    "曹王",
    "乔庄",
    "龙华",
    "新城",
    "文汇",
    "丰源",
    "金丰",
    "清河",
    "柳桥",
    "杏林",
    "桃园",
    "梨园",
    "枣园",
    "瑞祥",
    "福泰",
    "安居",
    "和平",
    "幸福",
    "建设",
    "振兴",
    "胜利",
    "育才",
    "光明",
    "长安",
    "永安",
    "康乐",
    "利民",
    "凤凰",
    "仁和",
    "德馨",
    "嘉禾",
    "华兴",
    "富源",
    "顺河",
    "南湖",
    "北海",
    "西关",
    "东关",
    "滨河",
    "望湖",
    "翠湖",
    "红旗",
    "朝阳",
    "向阳",
    "阳光",
    "春晖",
    "民安",
]
SUBDISTRICT_NAMES = ["城东", "城西", "锦秋", "博昌", "乐安", "纯化", "湖滨", "兴福", "店子", "陈户"]
ESTATE_SUFFIX = ["家园", "花园", "小区", "新村", "苑", "佳苑", "公寓", "雅居", "名邸", "御园"]
ROAD_SUFFIX = ["路", "街", "大道", "巷"]
ENTERPRISES = [
    "建筑公司",
    "物业公司",
    "商贸公司",
    "餐饮店",
    "农业合作社",
    "汽修厂",
    "超市",
    "装饰公司",
    "养殖场",
    "劳务公司",
]


def person_name(rng: random.Random, *, female: bool | None = None) -> tuple[str, bool]:
    """(name, female)."""
    if female is None:
        female = rng.random() < 0.5
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    return rng.choice(SURNAMES) + given, female


def estate(rng: random.Random) -> str:
    return rng.choice(PLACE_WORDS) + rng.choice(ESTATE_SUFFIX)


def road(rng: random.Random) -> str:
    return rng.choice(PLACE_WORDS) + rng.choice(ROAD_SUFFIX)


def enterprise(rng: random.Random) -> str:
    return rng.choice(PLACE_WORDS) + rng.choice(ENTERPRISES)


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 9)}{rng.randint(0, 99_999_999):08d}"


AMOUNT_STYLES = ("wan", "chinese", "arabic")


def amount_text(value: int, style: str) -> str:
    """A money amount as petitioners write it: 18万元, 十八万元, 180000元 (the similarity checker
    reads all three as one number). `value` in whole 万 for the first two styles."""
    if style == "wan" and value % 10_000 == 0:
        return f"{value // 10_000}万元"
    if style == "chinese" and value % 10_000 == 0 and value < 10_000_000:
        return f"{chinese_numeral(value // 10_000)}万元"
    return f"{value}元"


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1–999 in Chinese numerals as written: 八, 十八, 二十, 一百零五, 三百二十."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    text = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    if ones or not text:
        text += _DIGITS[ones]
    return text
