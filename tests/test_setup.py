"""Start-up: configuration checks, idempotent setup, migrations that keep every answer."""
import json
import uuid
from datetime import date
from contextlib import contextmanager

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.engine import make_url

from quiz import ROOT, create_app
from quiz.config import ConfigError, normalise_database_url
from quiz.sqlite_turns import TurnTakingConnection
from quiz.extensions import db
from quiz.models import Event, Question, Quiz, Timeline, User


def count_catalog() -> dict[str, int]:
    """How many timelines, events, questions and quizzes are stored."""
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in (Timeline, Event, Question, Quiz)}


def test_second_setup_duplicates_nothing(app):
    runner = app.test_cli_runner()
    with app.app_context():
        before = count_catalog()
        result = runner.invoke(args=["setup"])
        assert result.exit_code == 0, result.output
        assert count_catalog() == before
    assert before["Event"] == 36 and before["Question"] >= 150 and before["Quiz"] >= 5


def test_production_without_secret_key_is_a_clear_startup_error(monkeypatch, tmp_path):
    monkeypatch.setenv("QUIZ_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})


def test_production_with_secret_key_uses_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("QUIZ_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("TRUSTED_HOSTS", "quiz.example.org")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    assert app.config["SECRET_KEY"] == "s" * 40
    assert app.config["SESSION_COOKIE_SECURE"] is True and not app.debug


def test_production_hashes_passwords_with_scrypt_whatever_is_configured(monkeypatch, tmp_path):
    monkeypatch.setenv("QUIZ_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("TRUSTED_HOSTS", "quiz.example.org")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db", "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1"})
    with app.app_context():
        user = User(nickname="n")
        user.set_password("correct horse battery")
    assert user.password_hash.startswith("scrypt:")


def test_database_url_from_environment_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    app = create_app({"SECRET_KEY": "x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/env.db"


@pytest.mark.parametrize("given", ["postgres://u@h/db", "postgresql://u@h/db"])
def test_postgres_urls_use_psycopg3(given):
    assert normalise_database_url(given) == "postgresql+psycopg://u@h/db"


@contextmanager
def empty_database(database_url: str, tmp_path):
    """Yield the URL of a brand-new empty database of the same kind as the test database."""
    url = make_url(database_url)
    if not url.drivername.startswith("postgresql"):
        yield f"sqlite:///{tmp_path}/fresh.sqlite3"
        return
    name = f"mig_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


OLD_ROWS = [
    "INSERT INTO users (id, nickname, role, session_token, hidden_from_boards, created_at) "
    "VALUES (1, '旧用户', 'student', 'tok', false, '2026-01-01 00:00:00')",
    "INSERT INTO timelines (id, slug, title, source_text, created_at) VALUES (1, 't', 'T', '## 2008年，x。', '2026-01-01 00:00:00')",
    "INSERT INTO questions (id, timeline_id, kind, prompt, choices, answer, explanation, origin, hidden, created_at) "
    "VALUES (1, 1, 'date_year', 'q?', '[\"2008年\", \"2009年\"]', '\"2008年\"', 'e', 'custom', false, '2026-01-01 00:00:00')",
    "INSERT INTO quizzes (id, slug, title, description, shuffle, published, position, created_at) "
    "VALUES (1, 'old', 'Old', '', false, true, 0, '2026-01-01 00:00:00')",
    "INSERT INTO attempts (id, user_id, quiz_id, started_at, finished_at, score, total, answered) "
    "VALUES (1, 1, 1, '2026-01-01 00:00:00', '2026-01-01 00:01:00', 1, 1, 1)",
    "INSERT INTO attempt_items (id, attempt_id, position, question_id, kind, prompt, choices, answer, explanation) "
    "VALUES (1, 1, 0, 1, 'date_year', 'q?', '[\"2008年\", \"2009年\"]', '\"2008年\"', 'e')",
    "INSERT INTO answers (id, attempt_id, question_id, item_id, given, correct, points, answered_at, seconds) "
    "VALUES (1, 1, 1, 1, '\"2008年\"', true, 1, '2026-01-01 00:01:00', 60)",
]


@contextmanager
def upgraded_from(database_url: str, tmp_path, revision: str, statements: list[str]):
    """A connection to a database built up to `revision`, given `statements`, then upgraded to the heads."""
    with empty_database(database_url, tmp_path) as url:
        app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            upgrade(revision=revision)
            with db.engine.begin() as conn:
                for statement in statements:
                    conn.execute(text(statement))
            upgrade(revision="heads")
            try:
                with db.engine.connect() as conn:
                    yield conn
            finally:
                db.engine.dispose()


def test_upgrading_an_old_schema_keeps_every_answer(database_url, tmp_path):
    with upgraded_from(database_url, tmp_path, "0001", OLD_ROWS) as conn:
        rows = conn.execute(text("SELECT given, correct, points FROM answers")).all()
        heads = set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    assert len(rows) == 1 and rows[0][1] and rows[0][2] == 1
    assert heads == latest_revisions()


def latest_revisions() -> set[str]:
    """The head revisions of the migration scripts."""
    from alembic.script import ScriptDirectory
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return set(ScriptDirectory.from_config(config).get_heads())


def test_upgrading_keeps_event_dates_and_detects_the_language_of_stored_timelines(database_url, tmp_path):
    rows = [
        "INSERT INTO timelines (id, slug, title, source_text, created_at) VALUES (1, 'tw', 'T', "
        "'# 科學大事記\n## 1905年，愛因斯坦發表狹義相對論。', '2026-01-01 00:00:00')",
        "INSERT INTO events (id, timeline_id, position, line, date_text, date_iso, date_label, precision, "
        "start_on, end_on, headline, body) VALUES (1, 1, 0, 2, '1905年', '1905', '1905年', 'year', "
        "'1905-01-01', '1905-12-31', '愛因斯坦發表狹義相對論。', '')",
    ]
    with upgraded_from(database_url, tmp_path, "0004_learning", rows) as conn:
        event = conn.execute(text("SELECT start_day, end_day, date_label FROM events")).one()
        timeline = conn.execute(text("SELECT language, description FROM timelines")).one()
    assert tuple(event) == (date(1905, 1, 1).toordinal(), date(1905, 12, 31).toordinal(), "1905年")
    assert tuple(timeline) == ("zh-Hant", "科學大事記")


def test_upgrading_takes_the_numbers_off_live_games_attempts_and_numbers_the_others_again(database_url, tmp_path):
    """A game's attempt (joined 10:00, game ended 10:05) had taken number 1; the student's own came second."""
    rows = OLD_ROWS[:4] + [
        "INSERT INTO users (id, nickname, role, session_token, hidden_from_boards, created_at) "
        "VALUES (2, '老师', 'teacher', 'tok2', false, '2026-01-01 00:00:00')",
        "INSERT INTO live_games (id, quiz_id, host_id, phase, position, seconds, total, created_at, ended_at) "
        "VALUES (1, 1, 2, 'ended', 0, 20, 1, '2026-01-02 09:59:00', '2026-01-02 10:05:00')",
        "INSERT INTO live_players (id, game_id, user_id, nickname, nickname_key, score, streak, first_position, "
        "removed, joined_at) VALUES (1, 1, 1, '旧用户', '旧用户', 0, 0, 0, false, '2026-01-02 10:00:00')",
        "INSERT INTO attempts (id, user_id, quiz_id, started_at, finished_at, score, total, answered, number, ranked) "
        "VALUES (1, 1, 1, '2026-01-02 10:00:00', '2026-01-02 10:05:00', 1, 1, 1, 1, false), "
        "(2, 1, 1, '2026-01-03 08:00:00', '2026-01-03 08:01:00', 0, 1, 1, 2, false), "
        "(3, 2, 1, '2026-01-02 10:00:00', '2026-01-03 08:01:00', 0, 1, 1, 1, true)",
    ]
    with upgraded_from(database_url, tmp_path, "0022_board_counts_skip_empty", rows) as conn:
        numbers = conn.execute(text("SELECT id, number, ranked FROM attempts ORDER BY id")).all()
    assert [tuple(row) for row in numbers] == [(1, None, False), (2, 1, False), (3, 1, True)]


def test_upgrading_lets_stored_era_quizzes_ask_about_the_events_that_start_in_their_era(database_url, tmp_path):
    """An era quiz stored before 0025 (its rule without "by_start"); a teacher's quiz of the same rule keeps it."""
    rows = OLD_ROWS[:4] + [
        "UPDATE quizzes SET rule = '{\"per_event\": 1, \"year_from\": 1990, \"year_to\": 2001}' WHERE id = 1",
        "INSERT INTO users (id, nickname, role, session_token, hidden_from_boards, created_at) "
        "VALUES (2, '老师', 'teacher', 'tok2', false, '2026-01-01 00:00:00')",
        "INSERT INTO quizzes (id, slug, title, description, shuffle, published, position, created_at, owner_id, rule) "
        "VALUES (2, 't-1', 'Mine', '', false, true, 0, '2026-01-01 00:00:00', 2, "
        "'{\"per_event\": 1, \"year_from\": 1990, \"year_to\": 2001}')",
    ]
    with upgraded_from(database_url, tmp_path, "0024_overall_first_attempts", rows) as conn:
        rules = [json.loads(rule) if isinstance(rule, str) else rule
                 for rule in conn.execute(text("SELECT rule FROM quizzes ORDER BY id")).scalars()]
    assert rules == [{"per_event": 1, "year_from": 1990, "year_to": 2001, "by_start": True},
                     {"per_event": 1, "year_from": 1990, "year_to": 2001}]


def test_upgrading_reports_the_true_false_questions_teachers_wrote_to_their_authors(database_url, tmp_path):
    """Written before the editor's fix, a teacher's true/false key may say true against their wish: their queue
    lists each one (key true, theirs, visible); false keys, hidden, imported and generated ones are left."""
    question = ("INSERT INTO questions (id, timeline_id, kind, prompt, choices, answer, explanation, origin, hidden, "
                "created_at, author_id) VALUES ({id}, 1, 'true_false', 'q{id}', '[\"正确\", \"错误\"]', '\"{key}\"', "
                "'', '{origin}', {hidden}, '2026-01-01 00:00:00', 2)")
    rows = OLD_ROWS[:3] + [
        "INSERT INTO users (id, nickname, role, session_token, hidden_from_boards, created_at) "
        "VALUES (2, '老师', 'teacher', 'tok2', false, '2026-01-01 00:00:00')",
        question.format(id=2, key="正确", origin="custom", hidden="false"),
        question.format(id=3, key="错误", origin="custom", hidden="false"),
        question.format(id=4, key="正确", origin="custom", hidden="true"),
        question.format(id=5, key="正确", origin="imported", hidden="false"),
    ]
    with upgraded_from(database_url, tmp_path, "0025_era_rules_by_start", rows) as conn:
        reported = conn.execute(text("SELECT question_id, user_id, reason FROM question_reports")).all()
    assert [tuple(row) for row in reported] == [(2, 2, "wrong_key")]


@pytest.mark.parametrize("options, expected", [
    ({"pool_recycle": 300}, {"pool_recycle": 300, "connect_args": {"factory": TurnTakingConnection}}),
    ({"pool_pre_ping": True}, {"pool_pre_ping": True, "connect_args": {"factory": TurnTakingConnection}}),
    ({"connect_args": {"timeout": 3}}, {"connect_args": {"factory": TurnTakingConnection, "timeout": 3}}),
])
def test_configured_engine_options_are_merged_with_the_computed_ones(tmp_path, options, expected):
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db",
                      "SQLALCHEMY_ENGINE_OPTIONS": options})
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"] == expected


def test_postgresql_keeps_its_pool_size_beside_configured_options(tmp_path):
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u@127.0.0.1:1/none",
                      "SQLALCHEMY_ENGINE_OPTIONS": {"pool_recycle": 300}})
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_recycle"] == 300
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_size"] >= 1


@pytest.mark.parametrize("statement", [
    "INSERT INTO users (nickname, role, session_token, hidden_from_boards, created_at) "
    "VALUES ('x', 'superuser', 'tok', false, '2026-01-01 00:00:00')",
    "INSERT INTO questions (timeline_id, kind, prompt, choices, answer, explanation, origin, hidden, created_at) "
    "VALUES (1, 'choice', 'q?', '[]', '\"a\"', '', 'stolen', false, '2026-01-01 00:00:00')",
    "INSERT INTO questions (timeline_id, kind, prompt, choices, answer, explanation, origin, hidden, created_at) "
    "VALUES (1, '', 'q?', '[]', '\"a\"', '', 'custom', false, '2026-01-01 00:00:00')",
])
def test_the_database_refuses_unknown_roles_and_origins_and_empty_kinds(app, statement):
    with app.app_context(), pytest.raises(IntegrityError):
        db.session.execute(text(statement))
    with app.app_context():
        db.session.rollback()


def test_a_new_generator_kind_is_stored_without_a_migration(app):
    with app.app_context():
        db.session.execute(text(
            "INSERT INTO questions (timeline_id, kind, prompt, choices, answer, explanation, origin, hidden, created_at) "
            "VALUES (1, 'century_of_event', 'q?', '[]', '\"a\"', '', 'generated', false, '2026-01-01 00:00:00')"))
        db.session.commit()
        assert db.session.scalar(select(func.count()).where(Question.kind == "century_of_event")) == 1

