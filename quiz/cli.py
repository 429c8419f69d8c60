"""Thin `flask` commands over the service functions."""
from pathlib import Path

import click
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy.exc import OperationalError

from quiz import generator, jobqueue
from quiz.extensions import db
from quiz.services import catalog, invites, timelines
from quiz.services.passwords import PasswordRefused, check_password


def setup_database(load_bundled: bool = True) -> str:
    """Bring the schema up to date and load the bundled timeline and its quizzes once."""
    # "heads": feature branches of the schema may each add a revision on top of 0001.
    upgrade(revision="heads")
    if not load_bundled:
        return "schema up to date"
    timeline = timelines.ensure_bundled_timeline()
    quizzes = catalog.ensure_default_quizzes(timeline)
    db.session.commit()
    return f"schema up to date; timeline '{timeline.slug}' has {len(timeline.events)} events; {quizzes} new quizzes"


@click.command("setup")
@click.option("--no-bundled", is_flag=True, help="Only migrate; do not load the bundled timeline.")
def setup_command(no_bundled: bool) -> None:
    """Migrate the database and load the bundled timeline (safe to run on every start)."""
    try:
        click.echo(setup_database(load_bundled=not no_bundled))
    except OperationalError as error:
        raise unreachable(error) from None


def unreachable(error: OperationalError) -> click.ClickException:
    """Say in one line which database could not be used and why, without its password."""
    url = db.engine.url.render_as_string(hide_password=True)
    reason = (str(error.orig).strip().splitlines() or ["no connection"])[0]
    return click.ClickException(f"cannot use the database {url}: {reason}")


@click.command("import-timeline")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--slug", required=True, help="Short unique name used in quiz addresses.")
@click.option("--title", required=True, help="Title shown to players.")
def import_timeline_command(path: Path, slug: str, title: str) -> None:
    """Import a timeline file with its generated questions and standard quizzes."""
    try:
        generator.parse_file(path)  # checks encoding and format, naming the bad line
        timeline = timelines.import_timeline(slug, title, path.read_text(encoding="utf-8-sig"))
    except generator.TimelineError as error:
        raise click.ClickException(str(error)) from None
    catalog.ensure_default_quizzes(timeline)
    db.session.commit()
    click.echo(f"imported {len(timeline.events)} events into '{slug}'")


@click.command("create-admin")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Omit to be asked for it (better than leaving it in the shell history).")
def create_admin_command(username: str, password: str) -> None:
    """Create an admin account (or make an existing account admin) who can invite teachers."""
    try:
        check_password(password, username)
    except PasswordRefused as refused:
        raise click.ClickException(str(refused.message)) from refused
    user = invites.create_admin(username, password)
    click.echo(f"admin '{user.username}' ready")


@click.command("jobs-worker")
@click.option("--workers", default=2, show_default=True, help="How many jobs run at the same time (threads).")
def jobs_worker_command(workers: int) -> None:
    """Run the background job consumer (production: one such process beside gunicorn)."""
    click.echo(jobqueue.run_consumer(workers))


def init_app(app: Flask) -> None:
    """Register the commands."""
    app.cli.add_command(setup_command)
    app.cli.add_command(import_timeline_command)
    app.cli.add_command(create_admin_command)
    app.cli.add_command(jobs_worker_command)
