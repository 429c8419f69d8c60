"""Jieba, loaded lazily and quietly, with a user dictionary built from the timeline itself."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .script import to_simplified

QUOTED_RE = re.compile(r"“([^“”\n]{1,24})”|《([^《》\n]{1,30})》")
BAO_RE = re.compile(r"(?=([\u4e00-\u9fff]{2}宝))")
SUFFIXES = {
    "school": ("大学", "学院"),
    "org": ("银行", "集团", "公司", "署", "委员会", "协会", "基金会"),
    "hotel": ("大酒店", "酒店", "宾馆", "饭店"),
    "road": ("路", "街", "大道"),
    "forum": ("论坛", "峰会"),
}
NOUNISH = {"n", "nz", "nt", "nr", "nrt", "nrfg", "ns", "l", "j", "vn", "an", "eng"}
STOP_CHARS = set("了的是在和与把被也就都从为对将向于而及或")
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Token:
    """One jieba token with its tag and offsets in its sentence."""

    word: str
    flag: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _jieba() -> Any:
    """Import jieba once, silence its log and load the dictionary."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    jieba.posseg.dt.makesure_userdict_loaded()
    return jieba


def _bounds(jieba: Any, sentence: str) -> tuple[list[tuple[str, int, int]], set[int]]:
    """Cut with the plain dictionary; return tokens and the set of token boundaries."""
    toks = list(jieba.tokenize(sentence, HMM=False))
    return toks, {s for _, s, _ in toks} | {e for _, _, e in toks}


def build_lexicon(sentences: tuple[str, ...]) -> dict[str, str]:
    """Collect words the text itself defines: quotes, titles, XX宝 and suffix compounds."""
    jieba = _jieba()
    tags = jieba.posseg.dt.word_tag_tab
    words: dict[str, str] = {}
    for sentence in sentences:
        for m in QUOTED_RE.finditer(sentence):
            words[m.group(1) or m.group(2)] = "nz"
        toks, cuts = _bounds(jieba, sentence)
        for m in BAO_RE.finditer(sentence):
            s, word = m.start(1), m.group(1)
            if s in cuts and s + 3 in cuts and word[0] not in STOP_CHARS:
                words.setdefault(word, "nz")
        for word, cls in _suffix_compounds(toks, tags):
            words.setdefault(word, cls)
    return words


def _suffix_compounds(toks: list[tuple[str, int, int]], tags: dict[str, str]) -> list[tuple[str, str]]:
    """Find names like 西安工业大学 or 网商银行: noun tokens ending in a class suffix."""
    found = []
    for i, (word, _, _) in enumerate(toks):
        cls = next((c for c, sfx in SUFFIXES.items() if word.endswith(sfx)), None)
        if cls is None:
            continue
        j, parts = i, [word]
        while j > 0 and len(parts) < 4 and tags.get(toks[j - 1][0]) in NOUNISH:
            j -= 1
            parts.insert(0, toks[j][0])
            if tags.get(toks[j][0]) == "ns":
                break
        if j > 0 and len(toks[j - 1][0]) == 1 and tags.get(toks[j - 1][0]) in ("a", "b"):
            parts.insert(0, toks[j - 1][0])
        name = "".join(parts)
        if len(parts) > 1 and 3 <= len(name) <= 14 and name[0] not in STOP_CHARS:
            found.append((name, "nt" if cls in ("school", "org") else "ns"))
    return found


CACHED_SENTENCES = 2000


def tag_sentences(sentences: tuple[str, ...], traditional: bool = False) -> list[list[Token]]:
    """Tag every sentence with jieba.posseg after adding the text's own words.

    jieba's dictionary is Simplified: Traditional sentences are tagged in their Simplified form
    (same length, so offsets still point into the original; token words stay Simplified for the
    name lists to match)."""
    if traditional:
        sentences = tuple(map(to_simplified, sentences))
    if len(sentences) > CACHED_SENTENCES:
        return list(_tag(sentences))  # a huge timeline is not regenerated often; keep memory for it
    return list(_tag_cached(sentences))


@lru_cache(maxsize=8)
def _tag_cached(sentences: tuple[str, ...]) -> tuple[list[Token], ...]:
    """Tag sentences (cached: the app regenerates the same timeline often)."""
    return _tag(sentences)


def _tag(sentences: tuple[str, ...]) -> tuple[list[Token], ...]:
    """Tag sentences with the timeline's own words added to jieba for the duration."""
    jieba = _jieba()
    lexicon = build_lexicon(sentences)
    with _LOCK, _user_words(jieba, lexicon):
        return tuple(_tag_one(jieba, s) for s in sentences)


def dictionary_words(text: str) -> list[Token]:
    """Return a text's words as jieba's own dictionary cuts and tags them (no user words, no HMM): the
    same cut whatever timeline is being read, so a word list can be matched against it."""
    jieba = _jieba()
    out, pos = [], 0
    with _LOCK:
        for pair in jieba.posseg.dt.cut(text, HMM=False):
            out.append(Token(pair.word, pair.flag, pos, pos + len(pair.word)))
            pos += len(pair.word)
    return out


def first_word(text: str) -> Token:
    """Return the first word of a text as jieba's own dictionary cuts and tags it (但丁/nr, 仅/d)."""
    return dictionary_words(text[:16])[0]


def _tag_one(jieba: Any, sentence: str) -> list[Token]:
    """Tag one sentence and record offsets."""
    out, pos = [], 0
    for pair in jieba.posseg.dt.cut(sentence):
        out.append(Token(pair.word, pair.flag, pos, pos + len(pair.word)))
        pos += len(pair.word)
    return out


class _user_words:
    """Add words to jieba for one analysis, then restore its dictionary exactly."""

    def __init__(self, jieba: Any, words: dict[str, str]) -> None:
        self.dt, self.tags, self.words = jieba.dt, jieba.posseg.dt.word_tag_tab, words
        self.saved_freq: dict[str, int | None] = {}
        self.saved_tag: dict[str, str | None] = {}

    def __enter__(self) -> None:
        self.total = self.dt.total
        for word, tag in self.words.items():
            for k in range(1, len(word) + 1):
                self.saved_freq.setdefault(word[:k], self.dt.FREQ.get(word[:k]))
            self.saved_tag.setdefault(word, self.tags.get(word))
            self.dt.FREQ[word] = max(self.dt.FREQ.get(word) or 0, 2000)
            for k in range(1, len(word)):
                self.dt.FREQ.setdefault(word[:k], 0)
            self.tags[word] = tag

    def __exit__(self, *exc: object) -> None:
        for word, freq in self.saved_freq.items():
            if freq is None:
                self.dt.FREQ.pop(word, None)
            else:
                self.dt.FREQ[word] = freq
        for word, tag in self.saved_tag.items():
            if tag is None:
                self.tags.pop(word, None)
            else:
                self.tags[word] = tag
        self.dt.total = self.total
