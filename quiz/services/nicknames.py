"""Nicknames other players see: the one normalisation every place that takes a nickname uses.

A nickname is shown on boards and in live games next to other people's, so it must not be able to
reorder the text around it (bidi controls), hide characters (zero-width ones), pose as the site
(reserved names) or look empty. Steps: drop format and control characters, NFKC (full-width letters
and compatibility forms become plain ones), drop them again (NFKC can expose some), collapse runs of
spaces, then check the length and the reserved names.
"""
import unicodedata

from flask_babel import lazy_gettext as _l

NICKNAME_MIN, NICKNAME_MAX = 1, 40  # characters, after normalisation; the column holds 40

# Compared after folding (case, spaces and punctuation ignored): "Ad-min", "ＡＤＭＩＮ" and "a d m i n" match.
RESERVED = frozenset({
    "admin", "administrator", "root", "system", "sysadmin", "moderator", "mod", "staff", "support",
    "teacher", "official", "timelinequiz",
    "管理员", "超级管理员", "系统", "系统管理员", "老师", "教师", "官方", "客服", "版主",
})


# Cyrillic and Greek letters that look like Latin ones (NFKC keeps them apart): "аdmin" with a
# Cyrillic "а" must still read as "admin" to the reserved-name check.
LOOK_ALIKES = str.maketrans("аеорсухіѕјԁӏкмтвнαеικνορτυχ", "aeopcyxisjdlkmtbhaeikvoptux")


class NicknameRefused(ValueError):
    """The nickname cannot be used; `message` says why, in the reader's language."""

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message


def strip_invisible(text: str) -> str:
    """Remove control and format characters (bidi overrides, zero-width joiners, BOM); tabs and
    line breaks are spaces, collapsed later."""
    return "".join(c for c in text if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf"))


def fold(nickname: str) -> str:
    """The nickname reduced to its letters and digits in one case, for the reserved-name check."""
    return "".join(c for c in nickname.casefold().translate(LOOK_ALIKES) if c.isalnum())


def normalise_nickname(raw: str) -> str:
    """Return the nickname as it will be stored and shown, or raise NicknameRefused."""
    text = strip_invisible(unicodedata.normalize("NFKC", strip_invisible(raw or "")))
    nickname = " ".join(text.split())
    if len(nickname) < NICKNAME_MIN:
        raise NicknameRefused(_l("Choose a nickname with at least one visible character."))
    if len(nickname) > NICKNAME_MAX:
        raise NicknameRefused(_l("Use a nickname of at most %(max)s characters.", max=NICKNAME_MAX))
    if fold(nickname) in RESERVED:
        raise NicknameRefused(_l("That nickname is reserved. Please choose another one."))
    return nickname
