"""Tell a timeline's language and script: Simplified Chinese, Traditional Chinese or English.

Any Latin-script text counts as English (questions are worded in English). Traditional and
Simplified are told apart character by character with OpenCC's tables (quiz.generator.script).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .script import script_marks

LANGUAGES = ("zh-Hans", "zh-Hant", "en")
CJK_RE = re.compile(r"[\u3400-\u9fff]")
LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
SAMPLE = 20_000  # characters read: enough to decide, cheap for a 5 MB file
LATIN_PER_CJK = 3  # a Chinese character carries about as much as three Latin letters


def _lean(char: str) -> int:
    """Return +1 for a Traditional-only character, -1 for a Simplified-only one, else 0."""
    simplified, traditional = script_marks(char)
    return int(traditional) - int(simplified)


def detect_language(texts: Iterable[str]) -> str:
    """Return zh-Hans, zh-Hant or en for a timeline's text."""
    sample, size = [], 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size >= SAMPLE:
            break
    joined = "".join(sample)
    cjk = CJK_RE.findall(joined)
    if len(cjk) * LATIN_PER_CJK < len(LATIN_RE.findall(joined)):
        return "en"
    counts = Counter(cjk)
    lean = sum(_lean(c) * n for c, n in counts.items())
    return "zh-Hant" if lean > 0 else "zh-Hans"
