"""Password policy after NIST SP 800-63B, and production start-up checks (issue 12, item 10)."""
import pytest
from sqlalchemy import select

from quiz import create_app
from quiz.config import ConfigError
from quiz.extensions import db
from quiz.models import User
from quiz.services.passwords import common_passwords

REFUSED = {
    " " * 12: "只重复了一个字符",
    "\t" * 20: "只重复了一个字符",
    "a" * 12: "只重复了一个字符",
    "q1w2e3r4t5y6": "最常见的密码之一",
    "Q1W2E3R4T5Y6": "最常见的密码之一",        # the list is compared case-insensitively
    "1qaz2wsx3edc": "最常见的密码之一",
    "policy-user1": "不能与登录名相同",
    "short pass": "长度须在 12 到 128 个字符之间",
    "x" * 129: "长度须在 12 到 128 个字符之间",
}


@pytest.mark.parametrize("password", sorted(REFUSED))
def test_weak_passwords_are_refused_with_the_reason(actions, password):
    response = actions.signup("policy-user1", password)
    assert response.status_code == 400
    assert REFUSED[password] in response.get_data(as_text=True)
    assert db.session.scalar(select(User)) is None


@pytest.mark.parametrize("password", ["  leading and trailing  ", "no rules at all here", "长城长城长城长城长城长城",
                                      "pässwörd 🔑 émoji ok", "y" * 63 + "z" * 65])
def test_any_long_enough_uncommon_password_is_accepted_without_composition_rules(actions, password):
    assert actions.signup("policy-user2", password).status_code == 302
    actions.logout()
    assert actions.login("policy-user2", password).status_code == 302


def test_the_bundled_list_holds_a_few_thousand_common_passwords():
    assert 5000 <= len(common_passwords()) <= 20000
    assert {"password123", "iloveyou", "qwertyuiop"} <= common_passwords()


def test_english_readers_get_the_reason_in_english(actions):
    actions.post("/lang", {"lang": "en", "next": "/"})
    assert "one of the most common" in actions.signup("policy-user3", "q1w2e3r4t5y6").get_data(as_text=True)


def production_app(monkeypatch, tmp_path, **env):
    """Start the app as production with the given environment."""
    monkeypatch.setenv("QUIZ_ENV", "production")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db"})


@pytest.mark.parametrize("key", ["x", "s" * 31, "é" * 15])
def test_production_refuses_a_secret_key_shorter_than_32_bytes_in_one_line(monkeypatch, tmp_path, key):
    with pytest.raises(ConfigError, match="SECRET_KEY is shorter than 32 bytes") as refused:
        production_app(monkeypatch, tmp_path, SECRET_KEY=key, TRUSTED_HOSTS="quiz.example.org")
    assert "\n" not in str(refused.value)


def test_production_refuses_to_start_without_trusted_hosts(monkeypatch, tmp_path):
    monkeypatch.delenv("TRUSTED_HOSTS", raising=False)
    with pytest.raises(ConfigError, match="TRUSTED_HOSTS is not set"):
        production_app(monkeypatch, tmp_path, SECRET_KEY="k" * 32)


def test_production_answers_only_its_own_host_names(monkeypatch, tmp_path):
    app = production_app(monkeypatch, tmp_path, SECRET_KEY="k" * 32, TRUSTED_HOSTS="quiz.example.org, .school.cn")
    client = app.test_client()
    assert client.get("/auth/login", base_url="https://quiz.example.org").status_code == 200
    assert client.get("/auth/login", base_url="https://class3.school.cn").status_code == 200
    forged = client.get("/auth/login", base_url="https://evil.example.com")
    assert forged.status_code == 400 and "evil.example.com" not in forged.get_data(as_text=True)
