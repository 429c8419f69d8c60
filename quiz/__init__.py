"""Timeline Quiz: turn a timeline of events into quizzes played in the browser."""
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext

from quiz.application import QuizFlask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, error pages, commands."""
    app = QuizFlask(
        __name__,
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    from quiz.config import configure

    configure(app, test_config)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind every extension to this app."""
    from quiz import database, filters, i18n, jobqueue, security, sessions, site_chrome, throttle, uploads
    from quiz.extensions import babel, csrf, db, limiter, login_manager, migrate
    from quiz.live import sockets as live_sockets

    db.init_app(app)
    database.install_sqlite_pragmas(app)
    database.install_postgresql_checks(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    app.before_request(uploads.allow_image_uploads)  # first: CSRFProtect's hook parses the body
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    limiter.init_app(app)
    throttle.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    sessions.init_app(app)
    filters.init_app(app)
    site_chrome.init_app(app)
    jobqueue.init_app(app)
    login_manager.login_view = "auth.login"
    # Lazy: the message is flashed in the language of the request that needed a sign-in.
    login_manager.login_message = lazy_gettext("Please sign in to see this page.")
    live_sockets.init_app(app)


def register_blueprints(app: Flask) -> None:
    """Mount one blueprint per area of the product."""
    from quiz.admin import bp as admin_bp
    from quiz.auth import bp as auth_bp
    from quiz.classes import bp as classes_bp
    from quiz.leaderboard import bp as leaderboard_bp
    from quiz.play import bp as play_bp
    from quiz.teach import bp as teach_bp
    from quiz.practice import bp as practice_bp
    from quiz.study import bp as study_bp
    from quiz.live import bp as live_bp, host_bp as live_host_bp

    app.register_blueprint(play_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(teach_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(classes_bp)
    app.register_blueprint(practice_bp)
    app.register_blueprint(leaderboard_bp)
    app.register_blueprint(study_bp)
    app.register_blueprint(live_bp)
    app.register_blueprint(live_host_bp)


def register_errorhandlers(app: Flask) -> None:
    """Render friendly error pages instead of tracebacks."""
    from quiz import errors

    errors.init_app(app)


def register_commands(app: Flask) -> None:
    """Add the `flask` commands that set up and seed the database."""
    from quiz import cli

    cli.init_app(app)
