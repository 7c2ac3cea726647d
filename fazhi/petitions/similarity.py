"""Is a new petition the same matter as an earlier one by the same person? Chinese text as people
actually reword it: segmentation (rjieba), numbers written either way (十八万 / 18万 / 180000 → one
token), a small curated table of near-synonyms (拖欠/欠/没给 …), stop words. Not exact matching.

The tokens of each petition are stored at registration (Petition.tokens), so a check compares a new
text against the same petitioner's few earlier matters only — no scan of the whole table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import rjieba

# Each group: the canonical word first, then the words and phrases petitioners use for it. A phrase is
# replaced before segmentation (longest first), so "没给" and "不给" count as "拖欠" even though
# rjieba would cut them into single characters.
SYNONYMS: list[tuple[str, ...]] = [
    (
        "拖欠",
        "欠",
        "没给",
        "不给",
        "没发",
        "不发",
        "未发放",
        "未支付",
        "没付",
        "不付",
        "拖着不给",
        "一直不给",
        "克扣",
    ),
    ("工资", "薪水", "工钱", "薪资", "劳务费", "血汗钱", "工费"),
    ("征收", "拆迁", "征迁", "征地", "拆除房屋", "动迁"),
    ("补偿款", "补偿", "赔偿款", "赔偿", "补助款", "安置费"),
    ("物业", "物业公司", "物业服务中心", "物业管理处", "物管"),
    ("噪音", "噪声", "吵闹", "声音太大", "扰民"),
    ("低保", "最低生活保障", "低保金", "困难救助"),
    ("漏水", "渗水", "往下渗", "滴水"),
    ("停车", "车位", "停车位", "乱停车"),
    ("包工头", "老板", "工头", "承包人", "施工方"),
    ("邻居", "邻里", "隔壁", "楼上", "楼下", "对门"),
    ("违建", "违章建筑", "私搭乱建", "乱搭乱建", "违法建设"),
    ("供暖", "暖气", "取暖", "供热"),
    ("垃圾", "废弃物", "杂物"),
    ("清运", "清理", "清扫", "拉走"),
    ("异味", "臭味", "难闻", "恶臭"),
    ("绿地", "绿化带", "绿化", "草坪"),
    ("彩钢房", "彩钢板房", "板房", "简易房"),
    ("房屋", "房子", "住房", "楼房"),
    ("退还", "退回", "返还", "退钱"),
    ("维修基金", "维修资金", "专项维修资金"),
    ("烧烤", "夜市", "大排档"),
    ("广场舞", "跳舞"),
    ("养老金", "养老保险", "退休金"),
    ("医保", "医疗保险"),
    ("宅基地", "老宅"),
    ("土地", "承包地", "耕地"),
]

# Words that carry no matter of their own in a petition: function words and the set phrases every
# petition uses (反映, 要求, 解决 …). Single characters outside the synonym table are dropped as well.
STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "在",
        "是",
        "我",
        "我们",
        "你们",
        "他们",
        "她",
        "他",
        "它",
        "和",
        "与",
        "及",
        "或",
        "也",
        "都",
        "就",
        "还",
        "又",
        "再",
        "很",
        "太",
        "被",
        "把",
        "让",
        "给",
        "对",
        "从",
        "向",
        "到",
        "于",
        "为",
        "以",
        "这",
        "那",
        "这个",
        "那个",
        "这些",
        "那些",
        "有",
        "没有",
        "一个",
        "一些",
        "什么",
        "怎么",
        "为什么",
        "如何",
        "因为",
        "所以",
        "但是",
        "但",
        "而且",
        "并且",
        "然后",
        "已经",
        "一直",
        "现在",
        "目前",
        "至今",
        "今年",
        "去年",
        "多次",
        "多年",
        "年",
        "月",
        "日",
        "号",
        "元",
        "万元",
        "块",
        "块钱",
        "钱",
        "人",
        "家",
        "户",
        "后",
        "前",
        "时",
        "时候",
        "期间",
        "问题",
        "情况",
        "事情",
        "事",
        "反映",
        "反应",
        "要求",
        "请求",
        "希望",
        "恳请",
        "请",
        "帮助",
        "帮忙",
        "解决",
        "处理",
        "落实",
        "协调",
        "调查",
        "核实",
        "给予",
        "予以",
        "答复",
        "政府",
        "领导",
        "部门",
        "有关",
        "相关",
        "街道",
        "社区",
        "网格",
        "本人",
        "自己",
        "我家",
        "家里",
        "家中",
        "小区",
        "居民",
        "群众",
        "业主",
        "村民",
        "信访",
        "来信",
        "来访",
        "上访",
        "投诉",
        "举报",
        "诉求",
        "一下",
        "一次",
        "两次",
        "三次",
        "至今仍",
        "仍然",
        "仍",
        "依然",
        "始终",
        "总是",
        "经常",
        "每天",
        "每晚",
        "晚上",
        "白天",
        "上午",
        "下午",
        "今天",
        "昨天",
        "严重",
        "影响",
        "生活",
        "正常",
        "我们家",
        "大家",
        "多位",
        "几位",
        "要",
        "能",
        "会",
        "可以",
        "应该",
        "应当",
        "需要",
        "没",
        "不",
        "无",
        "未",
        "等",
        "等等",
        "及时",
        "尽快",
        "马上",
    ]
)

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_NUM = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_ARABIC_NUM = re.compile(r"(\d+(?:\.\d+)?)\s*([万亿千]?)")
NUMBER_PREFIX = "n"  # ASCII, so the segmenter keeps "n180000" whole


@lru_cache(maxsize=1)
def _synonym_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    canonical: dict[str, str] = {}
    for group in SYNONYMS:
        for word in group:
            canonical[word] = group[0]
    words = sorted(canonical, key=len, reverse=True)
    for group in SYNONYMS:
        rjieba.add_word(group[0], None, None)
    return re.compile("|".join(map(re.escape, words))), canonical


def chinese_number(text: str) -> int | None:
    """十八万 → 180000, 一万八千 → 18000, 三千五 → 3500 (口语: the last unit's next lower), 两百 → 200."""
    total, section, digit = 0, 0, None
    last_small = 1
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            last_small, digit = _CN_SMALL[ch], None
        elif ch in _CN_BIG:
            section += digit or 0
            total += (section or 1) * _CN_BIG[ch]
            section, digit, last_small = 0, None, _CN_BIG[ch]
        else:
            return None
    if digit is not None:
        # 三千五 means 3500 and 一万八 18000: a trailing digit counts in the unit below the last one.
        section += digit * (last_small // 10 if last_small >= 10 and text[-2] in _CN_SMALL | _CN_BIG else 1)
    return total + section


def _is_numeral(run: str) -> bool:
    # Only runs that are plainly amounts: a digit character with a magnitude (十八万, 一万八千, 两百),
    # never words that merely contain such characters (十分, 万一, 一直 are not numbers).
    has_digit = any(ch in _CN_DIGITS for ch in run)
    has_unit = any(ch in _CN_SMALL or ch in _CN_BIG for ch in run)
    if run[0] in _CN_BIG or not has_unit:
        return False
    return has_digit or (run.startswith("十") and len(run) > 1)


def normalise_numbers(text: str) -> str:
    """Replace every amount by one token "n<integer>" so 十八万, 18万 and 180000 compare equal."""

    def arabic(match: re.Match[str]) -> str:
        value = float(match.group(1)) * {"": 1, "千": 1000, "万": 10_000, "亿": 100_000_000}[match.group(2)]
        return f" {NUMBER_PREFIX}{round(value)} "

    def chinese(match: re.Match[str]) -> str:
        run = match.group(0)
        if not _is_numeral(run):
            return run
        value = chinese_number(run)
        return f" {NUMBER_PREFIX}{value} " if value is not None else run

    return _CN_NUM.sub(chinese, _ARABIC_NUM.sub(arabic, text))


def tokens(text: str) -> list[str]:
    """The content words of `text`, synonyms folded to their canonical word, amounts normalised."""
    pattern, canonical = _synonym_pattern()
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = normalise_numbers(text)
    text = pattern.sub(lambda m: f" {canonical[m.group(0)]} ", text)
    result: list[str] = []
    for word in rjieba.cut(text):
        word = word.strip()
        if not word or word in STOP_WORDS:
            continue
        if word.startswith(NUMBER_PREFIX) and word[len(NUMBER_PREFIX) :].isdigit():
            result.append(word)
            continue
        if not any("\u4e00" <= ch <= "\u9fff" for ch in word) and not word.isalnum():
            continue  # punctuation
        word = canonical.get(word, word)
        if len(word) == 1 and word not in canonical.values():
            continue
        result.append(word)
    return result


def _weight(token: str) -> float:
    if token.startswith(NUMBER_PREFIX):
        return 2.0  # the same amount is strong evidence of the same matter
    return 1.0 + 0.25 * min(len(token) - 1, 3)


def similarity(a: Iterable[str], b: Iterable[str]) -> float:
    """Weighted overlap of two token sets: shared weight over the smaller side's weight, damped by
    the larger side (0 … 1). A short reworded complaint inside a long letter still scores high."""
    set_a, set_b = set(a), set(b)
    if not set_a or not set_b:
        return 0.0
    shared = sum(_weight(t) for t in set_a & set_b)
    wa, wb = sum(map(_weight, set_a)), sum(map(_weight, set_b))
    return shared / ((min(wa, wb) * 2 + max(wa, wb)) / 3)


def stored(text: str) -> str:
    """The form kept in Petition.tokens."""
    return " ".join(dict.fromkeys(tokens(text)))
