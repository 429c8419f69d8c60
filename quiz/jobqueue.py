"""The background job queue (Huey): SQLite file by default, Redis in production.

Where jobs run (`JOB_CONSUMER`):
- `thread` (the default under `flask run`, outside production): the app process starts one Huey
  consumer on daemon threads at its first request, so `flask run` needs no other command.
- `process` (the default otherwise: gunicorn, tests): `flask --app quiz jobs-worker` runs the
  consumer; the app processes only enqueue.
`JOB_IMMEDIATE` (the tests) runs each job inside the call that enqueues it.

Jobs carry only an import job's id; the job's row in the app database holds its text, progress and
result, so losing a queue message loses nothing: `recover_interrupted` queues such jobs again."""
import logging
import threading
from pathlib import Path

from flask import Flask, current_app
from flask_babel import force_locale, gettext as _
from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer

from quiz.services import import_jobs

log = logging.getLogger(__name__)
_START_LOCK = threading.Lock()


class InProcessConsumer(Consumer):
    """Huey's consumer on daemon threads of a web process: the server keeps its own signal handlers."""

    def _set_signal_handlers(self) -> None:
        """Leave SIGINT/SIGTERM to the web server (signals can only be set from the main thread)."""


def build_queue(app: Flask) -> Huey:
    """The Huey instance for this app's configuration."""
    name, url = app.config["JOB_QUEUE_NAME"], app.config["JOB_QUEUE_URL"]
    immediate = app.config["JOB_IMMEDIATE"]
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(name, url=url, results=False, immediate=immediate)
    path = url.removeprefix("sqlite:///") if url else str(Path(app.instance_path) / "jobs.sqlite3")
    return SqliteHuey(name, filename=path, results=False, immediate=immediate)


def init_app(app: Flask) -> None:
    """Create the queue, register the import task and the recovery sweep, start the dev consumer."""
    huey = build_queue(app)
    app.extensions["huey"] = huey

    @huey.task(name="run_import")
    def run_import(job_id: int) -> None:
        from quiz.teach import import_runs  # the runners use the teaching forms

        with app.app_context():
            import_runs.run(job_id)

    @huey.periodic_task(crontab(minute="*"), name="recover_interrupted")
    def recover_every_minute() -> None:
        with app.app_context():
            recover_interrupted()

    app.extensions["huey_tasks"] = {"run_import": run_import, "recover": recover_every_minute}
    if app.config["JOB_CONSUMER"] == "thread" and not huey.immediate:
        app.before_request(lambda: start_in_process(app))


def enqueue(job_id: int) -> None:
    """Queue an import job to run in the background."""
    current_app.extensions["huey_tasks"]["run_import"](job_id)


def gave_up(locale: str) -> str:
    """Why a job interrupted too often was not started again, in the job's language."""
    with force_locale(locale):
        return _("The import was interrupted twice (the server stopped while it ran). Nothing was saved; "
                 "please start it again.")


def recover_interrupted() -> int:
    """Queue again the jobs a crash or a lost message left behind; return how many."""
    ids = import_jobs.interrupted(gave_up)
    for job_id in ids:
        enqueue(job_id)
    return len(ids)


def start_in_process(app: Flask) -> None:
    """Start this process's consumer once, and recover what a previous run left behind."""
    if app.extensions.get("huey_consumer") is not None:
        return
    with _START_LOCK:
        if app.extensions.get("huey_consumer") is not None:
            return
        consumer = InProcessConsumer(app.extensions["huey"], workers=1, worker_type="thread")
        consumer.start()
        app.extensions["huey_consumer"] = consumer
        log.info("job consumer started in this process")
        recover_interrupted()


def run_consumer(workers: int) -> str:
    """Recover interrupted jobs, then run the consumer in this process until it is stopped."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    huey = current_app.extensions["huey"]
    consumer = huey.create_consumer(workers=workers, worker_type="thread")
    recovered = recover_interrupted()
    log.info("job consumer: %s workers on %s '%s'; %s interrupted jobs queued again",
                workers, type(huey).__name__, huey.name, recovered)
    consumer.run()
    return "job consumer stopped"
