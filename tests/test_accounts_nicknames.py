"""Nicknames are normalised in one place: no bidi or zero-width tricks, no posing as the site."""
import pytest
from sqlalchemy import select

from quiz.extensions import db
from quiz.models import User
from quiz.services.nicknames import NicknameRefused, normalise_nickname
from security_support import row_counts


@pytest.mark.parametrize("typed, stored", [
    ("  小明  ", "小明"),
    ("ｘｉａｏ　ｍｉｎｇ", "xiao ming"),           # full-width letters and space (NFKC)
    ("evil\u202egnp.exe", "evilgnp.exe"),          # right-to-left override removed
    ("zero\u200bwidth\u200d\ufeff", "zerowidth"),  # zero-width space, joiner, BOM removed
    ("a \t\n  b", "a b"),                          # runs of spaces collapse
    ("Teacher Li", "Teacher Li"),                  # only the bare reserved name is refused
])
def test_nickname_is_normalised_before_it_is_stored(actions, typed, stored):
    assert actions.guest(typed).status_code == 302
    assert db.session.scalar(select(User.nickname)) == stored


@pytest.mark.parametrize("typed, message", [
    ("admin", "这个昵称已被保留"),
    ("ＡＤＭＩＮ", "这个昵称已被保留"),
    ("Ad\u200bmin", "这个昵称已被保留"),
    ("管理员", "这个昵称已被保留"),
    ("\u0430dmin", "这个昵称已被保留"),                # Cyrillic а
    ("Ѕуѕтем", "这个昵称已被保留"),                     # Cyrillic look-alikes of "System"
    ("系 统", "这个昵称已被保留"),
    ("teacher", "这个昵称已被保留"),
    ("\u200b\u202e", "请至少输入一个可见字符"),
    ("   ", "请至少输入一个可见字符"),
    ("长" * 41, "昵称最多 40 个字符"),
])
def test_reserved_empty_or_long_nicknames_are_refused_with_a_message(actions, typed, message):
    before = row_counts()
    response = actions.guest(typed)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert row_counts() == before


def test_sign_up_normalises_and_refuses_nicknames_the_same_way(actions):
    refused = actions.signup("plainname", nickname="\u202eSystem")
    assert refused.status_code == 400 and "这个昵称已被保留" in refused.get_data(as_text=True)
    assert actions.signup("plainname", nickname=" 学生\u200d一 ").status_code == 302
    assert db.session.scalar(select(User.nickname).where(User.username == "plainname")) == "学生一"


def test_english_readers_get_the_refusal_in_english(actions, client):
    actions.post("/lang", {"lang": "en", "next": "/"})
    assert "That nickname is reserved" in actions.guest("root").get_data(as_text=True)


def test_normalising_twice_changes_nothing():
    once = normalise_nickname("  Ｘ\u200b  y\u202e ")
    assert normalise_nickname(once) == once == "X y"
    with pytest.raises(NicknameRefused):
        normalise_nickname("Administrator")
    assert issubclass(NicknameRefused, ValueError)
