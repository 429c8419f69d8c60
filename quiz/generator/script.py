"""Which Chinese script a text is written in (Simplified or Traditional), via OpenCC."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Characters that are also correct Traditional characters (台灣, 公里, 若干, 皇后...): OpenCC's s2t
# may still rewrite them, so they never mark a text as Simplified.
DUAL_USE = set("台里干后云余范斗冲征准凶丑朴咸仆吁几松谷表面只才制致御注卜千家借采志布回向周游板秋")

# Variants the 2013 Table of General Standard Chinese Characters keeps for names (毕昇): OpenCC's
# t2s rewrites them, yet they are correct Simplified text.
NAME_VARIANTS = set("昇喆堃陞甦邨淼")


@lru_cache(maxsize=2)
def _converter(config: str) -> Any:
    """Load one OpenCC converter (s2t or t2s) once."""
    import opencc

    return opencc.OpenCC(config)


@lru_cache(maxsize=4096)
def script_marks(text: str) -> tuple[bool, bool]:
    """Return (has Simplified-only characters, has Traditional-only characters)."""
    if all(ord(c) < 0x3400 for c in text):
        return False, False
    plain = "".join(c for c in text if c not in NAME_VARIANTS)
    traditional = _converter("t2s").convert(plain) != plain
    return any(_simplified_only(c) for c in text), traditional


@lru_cache(maxsize=16384)
def _simplified_only(char: str) -> bool:
    """Tell whether one character is written differently in Traditional (looked at alone: no phrase rules)."""
    return char not in DUAL_USE and ord(char) >= 0x3400 and _converter("s2t").convert(char) != char


def mixed_scripts(texts: list[str]) -> bool:
    """Tell whether some texts show Simplified-only and others Traditional-only characters."""
    if _converter("t2s").convert("".join(texts)) == "".join(texts):
        return False  # no Traditional-only character anywhere: the usual case, one conversion
    marks = [script_marks(t) for t in texts]
    return any(s for s, _ in marks) and any(t for _, t in marks)


def to_simplified(text: str) -> str:
    """Convert Traditional text to Simplified (OpenCC t2s), or return it as is when the length would change."""
    simple = str(_converter("t2s").convert(text))
    return simple if len(simple) == len(text) else text


def to_traditional(text: str) -> str:
    """Convert Simplified text to Traditional (OpenCC s2t): the generator's own fixed words."""
    return str(_converter("s2t").convert(text))
