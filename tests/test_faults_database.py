"""The database unreachable at start-up or gone mid-request: a clear message, never a traceback."""
import socket

import pytest
from click.testing import Result
from sqlalchemy import create_engine, event, text

from helpers import Actions
from quiz import create_app
from quiz.extensions import db
from security_support import extra_app

LEAKS = ("Traceback", "OperationalError", "sqlalche.me", "psycopg", "sqlite3", "SELECT", "File \"")


def closed_port() -> int:
    """A loopback port on which nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_setup(database_url: str, monkeypatch) -> Result:
    """Run `flask setup` in-process, configured the way an operator does it (production, from the environment)."""
    for name, value in {"DATABASE_URL": database_url, "SECRET_KEY": "x" * 32, "QUIZ_ENV": "production",
                        "TRUSTED_HOSTS": "localhost"}.items():
        monkeypatch.setenv(name, value)
    app = create_app()
    with app.app_context():  # the `flask` command pushes one too
        try:
            return app.test_cli_runner().invoke(args=["setup"])
        finally:
            db.engine.dispose()


@pytest.mark.parametrize("database_url", [
    f"postgresql+psycopg://quiz:secret-pw@127.0.0.1:{closed_port()}/quiz",
    "sqlite:////nonexistent-dir/for-quiz-tests/quiz.sqlite3",
], ids=["postgresql-closed-port", "sqlite-missing-dir"])
def test_setup_with_unreachable_database_prints_one_clear_line(database_url, monkeypatch):
    result = run_setup(database_url, monkeypatch)
    assert result.exit_code != 0
    for leak in ("Traceback", "secret-pw", "sqlalche.me"):
        assert leak not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip() and "INFO" not in line]
    assert len(lines) == 1 and "database" in lines[0].lower(), result.stderr


def break_database(app) -> None:
    """Make every new database connection fail, as when the server or the file is gone."""
    with app.app_context():
        engine = db.engine
        dbapi = engine.dialect.loaded_dbapi

        @event.listens_for(engine, "do_connect")
        def refuse(*_args):
            raise dbapi.OperationalError("could not connect: the database is gone")

        engine.dispose()


def assert_outage_page(response) -> None:
    """A friendly error page with a server-side status and nothing internal in it."""
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "<h1>" in html and "数据库" in html
    for leak in LEAKS:
        assert leak not in html


def test_database_gone_mid_session_shows_an_error_page_without_traceback(app):
    with extra_app(app, TESTING=False) as other:
        actions = Actions(other.test_client())
        actions.guest()
        attempt_id = actions.start()
        break_database(other)
        for path in ("/", f"/attempt/{attempt_id}", "/attempts", "/no-such-page"):
            response = actions.client.get(path)
            if response.status_code != 404:
                assert_outage_page(response)
        assert_outage_page(actions.client.post("/auth/guest", data={"nickname": "x"}))


def test_app_started_while_the_database_is_down_answers_with_an_error_page(app):
    url = f"postgresql+psycopg://quiz:secret-pw@127.0.0.1:{closed_port()}/quiz"
    with extra_app(app, TESTING=False, SQLALCHEMY_DATABASE_URI=url) as down:
        client = down.test_client()
        assert_outage_page(client.get("/"))
        assert_outage_page(client.get("/quiz/alipay-quick"))
        assert "secret-pw" not in client.get("/").get_data(as_text=True)


def test_a_connection_the_server_dropped_is_replaced_before_a_request_uses_it(app, database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("a SQLite file cannot drop a connection")
    tag = {"connect_args": {"application_name": "quiz-dropped-test"}}
    with extra_app(app, TESTING=False, SQLALCHEMY_ENGINE_OPTIONS=tag) as other:
        actions = Actions(other.test_client())
        actions.guest()
        attempt_id = actions.start()
        admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
        # The server ends the app's pooled sessions, as a restart does. The timeout makes the call
        # wait until each backend has exited (its goodbye is then in the socket): without it the
        # signal was still on its way when the next request checked the connection (failed once).
        with admin.connect() as conn:
            ended = conn.execute(text("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000))"
                                      " FROM pg_stat_activity"
                                      " WHERE application_name = 'quiz-dropped-test'")).scalar()
        admin.dispose()
        assert ended >= 1
        response = actions.client.get(f"/attempt/{attempt_id}")
        assert response.status_code == 200 and "第 1 题" in response.get_data(as_text=True)
