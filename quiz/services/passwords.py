"""The password policy, after NIST SP 800-63B (rev. 4): length, a list of common passwords, nothing else.

At least 12 characters (NIST's floor is 8; 12 was already our minimum, so it stays), at most 128
(NIST: accept at least 64), every character allowed and nothing truncated (scrypt hashes the whole
string). Refused: passwords that are only spaces, the common passwords of the bundled list (compared
case-insensitively), one character repeated, and the login name itself. No composition rules
("a digit and a capital"): NIST advises against them.
"""
from functools import lru_cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

PASSWORD_MIN, PASSWORD_MAX = 12, 128
COMMON_LIST = Path(__file__).resolve().parent.parent / "data" / "common-passwords.txt"


class PasswordRefused(ValueError):
    """The password breaks the policy; `message` says why, in the reader's language."""

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The bundled list, read once."""
    lines = COMMON_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("# "))  # "#1stunna" is a password


def check_password(password: str, username: str | None = None) -> None:
    """Raise PasswordRefused unless the password may be used (by the account `username`)."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise PasswordRefused(_l("Use between %(min)s and %(max)s characters.", min=PASSWORD_MIN, max=PASSWORD_MAX))
    if not password.strip() or len(set(password)) == 1:
        raise PasswordRefused(_l("This password is too easy to guess: it repeats a single character."))
    folded = password.lower()
    if folded in common_passwords():
        raise PasswordRefused(_l("This password is one of the most common ones. Choose another."))
    if username and folded == username.strip().lower():
        raise PasswordRefused(_l("Your password must not be your login name."))
