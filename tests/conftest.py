"""Fixtures: one migrated database per run (SQLite, or PostgreSQL via TEST_DATABASE_URL),
the bundled timeline loaded once, and every test starting from the same rows.

Under pytest-xdist (`-n 2`, as scripts/test.sh runs the suite) each worker has its own database: a
SQLite file in its own temporary folder, or TEST_DATABASE_URL's database name with the worker's id
appended (made at the start, dropped at the end).
"""
import contextlib
import os

import pytest
from sqlalchemy import create_engine, delete, func, select, text, update
from sqlalchemy.engine import make_url

from quiz import create_app
from quiz.extensions import db, limiter
from helpers import Actions, settle_heap
from quiz.models import Question, Quiz, Timeline, User, question_events

# Rows every test may create; they are removed after each test.
PLAY_TABLES = ("live_answers", "live_players", "live_questions", "live_games",
               "answers", "attempt_items", "attempts", "progress", "quiz_questions")
CATALOG = (Quiz, Question, Timeline)


@pytest.hookimpl(trylast=True)  # after tests/browser/conftest.py has marked its tests `browser`
def pytest_collection_modifyitems(items):
    """Run the long tests first: slow ones (real servers and processes), then the browser journeys.

    Under xdist a long test that starts last keeps one worker busy after the other has run out of tests
    (the kill -9 test did: 14 s alone at the end); started first, the short tests fill in around it.
    """
    items.sort(key=lambda item: (item.get_closest_marker("slow") is None, item.get_closest_marker("browser") is None))


def base_config(database_url: str, jobs_url: str) -> dict:
    """Test settings: a real database, CSRF on, throttling off unless a test turns it on."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-of-at-least-32-bytes-long",
        "TRUSTED_HOSTS": ["localhost", "127.0.0.1"],
        "SQLALCHEMY_DATABASE_URI": database_url,
        # Jobs run inside the request in tests (JOB_IMMEDIATE); Huey still opens its file: one per run, not instance/.
        "JOB_QUEUE_URL": jobs_url,
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": None,
        # One PBKDF2 round instead of scrypt: sign-ups were a third of the suite's time. Production keeps scrypt.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """The database for this run: PostgreSQL when TEST_DATABASE_URL is set, else a SQLite file."""
    url = os.environ.get("TEST_DATABASE_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'quiz.sqlite3'}"
    elif not worker:
        yield url
    else:
        with worker_database(url, worker) as own:
            yield own


@contextlib.contextmanager
def worker_database(url: str, worker: str):
    """A fresh PostgreSQL database for one xdist worker, beside TEST_DATABASE_URL's; dropped after the run."""
    base = make_url(url)
    own = base.set(database=f"{base.database}_{worker}")
    server = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{own.database}"'))
        yield own.render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
        server.dispose()


@pytest.fixture(scope="session")
def settings(database_url, tmp_path_factory) -> dict:
    """The test app's settings for this run (or this xdist worker)."""
    return base_config(database_url, f"sqlite:///{tmp_path_factory.mktemp('jobs') / 'jobs.sqlite3'}")


@pytest.fixture(scope="session")
def seeded(settings):
    """Migrate once and load the bundled timeline; return the highest catalog ids."""
    # Imported here, not at the top: under xdist the controller process loads this file too, and quiz.cli
    # (the generator, the job queue) took 0.6 s there before it could start the workers.
    from quiz.cli import setup_database

    app = create_app(dict(settings))
    with app.app_context():
        setup_database()
        marks = {model: db.session.scalar(select(func.max(model.id))) or 0 for model in CATALOG}
        db.engine.dispose()
    settle_heap()
    return marks


def reset_database(marks: dict) -> None:
    """Delete what a test added, keeping the seeded timeline, questions and quizzes."""
    for table in PLAY_TABLES:
        db.session.execute(db.metadata.tables[table].delete())
    db.session.execute(delete(question_events).where(question_events.c.question_id > marks[Question]))
    db.session.execute(delete(Quiz).where(Quiz.id > marks[Quiz]))
    db.session.execute(delete(Question).where(Question.id > marks[Question]))
    db.session.execute(db.metadata.tables["question_images"].delete())  # none is seeded
    # A test may hide a seeded question (the URL-map walk posts to every route as an admin): none is hidden at seed.
    db.session.execute(update(Question).where(Question.hidden.is_(True)).values(hidden=False))
    db.session.execute(delete(User))
    for timeline in db.session.scalars(select(Timeline).where(Timeline.id > marks[Timeline])):
        db.session.delete(timeline)
    db.session.commit()


@pytest.fixture(scope="session")
def _served_app(settings, seeded):
    """The app under test, built once: building one compiles every URL rule (~0.3 s)."""
    app = create_app(dict(settings))
    settle_heap()
    return app


@pytest.fixture
def app(_served_app, seeded):
    """The app on the shared database; settings and rows changed by a test are undone after it."""
    saved = dict(_served_app.config)
    # The limiter is one shared object: an app another test built may have switched it on.
    limiter.enabled = _served_app.config["RATELIMIT_ENABLED"]
    yield _served_app
    _served_app.config.clear()
    _served_app.config.update(saved)
    with _served_app.app_context():
        db.session.rollback()
        reset_database(seeded)


@pytest.fixture(scope="session")
def inspector_app(settings, seeded):
    """A second app on the same database, for the test's own queries.

    Requests to `app` then always get their own app context (and database session), as in
    production, instead of reusing the one the test holds open.
    """
    app = create_app(dict(settings))
    settle_heap()
    return app


@pytest.fixture(autouse=True)
def _push_request_context(request):
    """Replace pytest-flask's context: the test's context belongs to the inspector app."""
    if "app" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("app")  # set up first, so its database reset runs after this teardown
    inspector = request.getfixturevalue("inspector_app")
    with inspector.test_request_context():
        yield
        db.session.rollback()
        db.session.remove()


@pytest.fixture
def client(app):
    """A test client that does not keep request contexts alive after each response.

    (pytest-flask's own `client` does, which would let the test share the last request's
    database session.)
    """
    return app.test_client()


@pytest.fixture
def actions(client) -> Actions:
    """User actions on the test client."""
    return Actions(client)
