"""Doubts about a fact before it becomes a cloze: a blank must test knowledge, not reading."""

from __future__ import annotations

import re
from functools import lru_cache

from . import backup
from .facts import Fact
from .nlp import dictionary_words, first_word
from .script import to_simplified
from .variants import cn_value

# A sentence opening with one of these leans on the sentence before it (no subject of its own).
LEANING_STARTS = (
    "他们", "她们", "它们", "他", "她", "它", "这", "那", "该", "此", "其", "为", "也", "并", "而", "但",
    "仅", "就", "因此", "所以", "同时", "随后", "之后", "此后", "后来", "然而", "不过",
)
# A headline that opens with one of these verbs leaves its subject implied (推出招财宝): fine as an
# event, but a blank in it has nothing to hang on.
SUBJECTLESS_VERBS = (
    "推出", "发布", "成立", "启动", "拿到", "获得", "进军", "开通", "上线", "建立", "创立", "收购", "完成", "宣布",
    "开始", "实现", "设立", "举办", "召开", "签署", "加入", "开设",
)
# A headline whose verb is one of these tells of a process, not a moment (伽利略…观测天空, telegraph lines
# spread): begun at its date, it was still going on later, so a later date is also true. Verbs of
# observing, spreading and growing; 传入/进入 (arrives) are left out: their doubt is about the start.
PROCESS_VERBS = ("观测", "扩展", "扩张", "扩散", "传播", "普及", "蔓延", "推广", "发展", "流行")
PROCESS_WORDS_EN = re.compile(r"\b(?:spread|spreads|spreading|observe|observes|observing|expand|expands|expanding|"
                              r"grow|grows|growing)\b", re.IGNORECASE)
LIST_MARKS = "、"
SESSION_WORDS = ("会议", "全会", "大会", "代表大会")
JOINERS = "和与及"
CN_DIGITS = set("〇零一二三四五六七八九十百千万两")
POINTLESS_UNITS = ("号",)


def fact_doubt(fact: Fact) -> str | None:
    """Return why a fact would make a poor blank, or None when it may become a question."""
    for check in FACT_CHECKS:
        reason = check(fact)
        if reason:
            return reason
    return None


def _whole_span(f: Fact) -> str | None:
    before, after = f.sentence[f.start - 1 : f.start], f.sentence[f.end : f.end + 1]
    first, last = f.text[:1], f.text[-1:]
    if "·" in (before, after):
        return "part of a transliterated name (next to ·)"
    if _glued(before, first) or _glued(last, after):
        return "the blank would cut a word or a number"
    return None


def _glued(a: str, b: str) -> bool:
    """Tell whether two adjacent characters belong to one Latin word or one number."""
    if not a or not b:
        return False
    latin = a.isascii() and b.isascii() and a.isalnum() and b.isalnum()
    return latin or (a in CN_DIGITS and b in CN_DIGITS)


def _worth_asking(f: Fact) -> str | None:
    if f.cls.startswith("code:"):
        return "a code or serial is not worth asking"
    if f.cls.endswith(POINTLESS_UNITS) or re.search(r"[一二三四五六七八九十两]号$", f.text):
        return "a house number or serial number is not worth asking"
    if f.cls == "country":
        return "a country is guessable from the rest of the text"
    if f.cls == "slogan" and not f.in_headline:
        return "a saying quoted in the body is not a fact about the event"
    return None


def _not_a_list_item(f: Fact) -> str | None:
    before, after = f.sentence[f.start - 1 : f.start], f.sentence[f.end : f.end + 1]
    if LIST_MARKS in (before, after):
        return "one item of a list (the other items narrow the answer)"
    if f.cls in ("city", "province", "person", "org", "product") and any(c and c in JOINERS for c in (before, after)):
        return "coordinated with another name that narrows the answer"
    return None


def _known_place(f: Fact) -> str | None:
    if f.cls == "city" and to_simplified(f.text) not in backup.CITIES:
        return "a place of unknown kind (city, state, region or dynasty?) has no same-class distractors"
    if f.cls in ("city", "province") and f.start == 0:
        return "the place is the headline's subject: swapping it rarely makes a believable statement"
    return None


def _no_place_hint(f: Fact) -> str | None:
    if f.cls not in ("city", "province", "school"):
        return None
    head = f.sentence[: f.start]
    if to_simplified(head).endswith(backup.COUNTRIES + backup.PROVINCES):
        return "the place written before it narrows the answer"
    return None


def _no_city_abbreviation(f: Fact) -> str | None:
    abbreviation = backup.CITY_ABBREVIATIONS.get(to_simplified(f.text)) if f.cls == "city" else None
    if not abbreviation:
        return None
    rest = to_simplified(f.sentence[: f.start] + "|" + f.sentence[f.end :])
    for city in backup.CITIES:  # 南京, 东京 hold 京 but do not name 北京
        rest = rest.replace(city, "|")
    if abbreviation in rest:
        return "the city's one-character name stands elsewhere in the excerpt (京剧 names 北京)"
    return None


@lru_cache(maxsize=4096)
def leans(text: str) -> bool:
    """Tell whether a sentence opens leaning on the one before it (他们…, 这是…, 仅…就…): it has no subject
    or occasion of its own. A name that only starts like a leaning word (但丁, 那不勒斯, 并州) does not lean."""
    simple = to_simplified(text[:16])  # the opening is all that is read
    if not simple.startswith(LEANING_STARTS):
        return False
    word = first_word(simple)
    return word.word in LEANING_STARTS or not word.flag.startswith("n")


@lru_cache(maxsize=4096)
def ongoing(text: str, language: str) -> bool:
    """Tell whether a headline tells of a process (观测, 传播, spreads…) rather than a moment. The verb is
    read as jieba's word, so 发展中国家 or 普及版 are no process, and a moment verb after it governs
    (…发展状况报告发布 is a release)."""
    if language == "en":
        return PROCESS_WORDS_EN.search(text) is not None
    words = [t.word for t in dictionary_words(to_simplified(text))]
    at = [i for i, w in enumerate(words) if w in PROCESS_VERBS]
    return bool(at) and not any(w in SUBJECTLESS_VERBS for w in words[at[-1] + 1 :])


def _no_fixed_seat(f: Fact) -> str | None:
    if f.cls != "city":
        return None
    seats = [seat for body, seat in backup.FIXED_SEATS.items() if body in to_simplified(f.sentence)]
    if to_simplified(f.text) in seats:
        return "the institution always meets in that city (全国人大 in 北京)"
    return None


def _stands_alone(f: Fact) -> str | None:
    if leans(f.sentence) or f.sentence.startswith(SUBJECTLESS_VERBS):
        return "the excerpt has no subject of its own"
    return None


def _not_a_serial(f: Fact) -> str | None:
    if not f.cls.startswith(("cn:", "num:", "bare:")):
        return None
    if f.sentence[f.start - 1 : f.start] == "第" or f.sentence[f.end : f.end + 4].startswith(SESSION_WORDS):
        return "an ordinal or the number of a session is a serial, not a quantity"
    numerals = re.sub(r"[^〇一二两三四五六七八九十百千万\d.]", "", f.text)
    rest = f.sentence[: f.start] + "|" + f.sentence[f.end :]
    if numerals and not numerals.isdigit() and numerals in rest:
        return "the same number stands elsewhere in the excerpt"
    return None


def _not_counted_in_text(f: Fact) -> str | None:
    if not f.cls.startswith(("cn:", "num:", "bare:")):
        return None
    digits = re.match(r"\d+", f.text)
    spelled = re.sub(r"[^一二两三四五六七八九十百千万]", "", f.text)[:3] or "零"
    value = int(digits.group(0)) if digits else cn_value(spelled)
    window = f.sentence[max(0, f.start - 30) : f.start]
    items = window.count(LIST_MARKS) + 1
    if value is not None and items > 1 and items == value:
        return "the count of items listed just before it"
    return None


def _no_abbreviation_leak(f: Fact) -> str | None:
    if f.cls.startswith(("cn:", "num:", "bare:", "code:", "date", "range")) or len(f.text) < 4:
        return None
    rest = f.sentence[: f.start] + "|" + f.sentence[f.end :]
    for i in range(len(rest) - 2):
        if rest[i : i + 2] == f.text[:2] and _abbreviates(rest[i : i + 6], f.text):
            return "an abbreviation of the answer stands elsewhere in the excerpt"
    return None


def _abbreviates(window: str, name: str) -> bool:
    """Tell whether some 3+ character start of window is an abbreviation of name."""
    for size in range(3, len(window) + 1):
        it = iter(name)
        if all(ch in it for ch in window[:size]) and window[:size] != name:
            return True
    return False


FACT_CHECKS = (
    _whole_span,
    _worth_asking,
    _not_a_list_item,
    _known_place,
    _no_place_hint,
    _no_city_abbreviation,
    _no_fixed_seat,
    _not_a_serial,
    _stands_alone,
    _not_counted_in_text,
    _no_abbreviation_leak,
)
