"""The life of an import job: draft → queued → running → done | failed, and what survives a crash.

A run claims its job (one short commit), reports progress in short commits of their own, and
marks the job done in the same transaction that stores the import, so a job is never half-stored:
killed before that commit, it is still `running` with nothing stored, and `interrupted()` hands it
back to the queue (or fails it once it has been interrupted too often)."""
import logging
import os
import socket
from datetime import timedelta
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, or_, select, update

from quiz.base import now_utc
from quiz.extensions import db
from quiz.models import ImportJob, User
from quiz.services.rows import changed_rows

log = logging.getLogger(__name__)
# A running job whose row has not changed for this long is taken as dead, whoever ran it
# (progress is reported between steps; the longest step, generating questions from a 1 MB
# timeline, takes well under a minute).
STALE_AFTER = timedelta(minutes=10)
# A queued job not picked up for this long is queued again (its queue message may be lost).
REQUEUE_AFTER = timedelta(minutes=1)
MAX_ATTEMPTS = 2
DRAFTS_KEPT = timedelta(days=1)


class Superseded(Exception):
    """Another run took this job over (this one was taken for dead): its work must not be stored."""


def this_worker() -> str:
    """Host and process id of the code running a job, e.g. `web-1:4242`."""
    return f"{socket.gethostname()}:{os.getpid()}"


def create(owner: User, kind: str, locale: str, text: str, state: str = "queued", **names: str) -> ImportJob:
    """Keep an uploaded text on the server as a draft (a timeline to confirm) or a queued job."""
    db.session.execute(delete(ImportJob).where(ImportJob.state == "draft",
                                               ImportJob.created_at < now_utc() - DRAFTS_KEPT))
    job = ImportJob(owner_id=owner.id, kind=kind, locale=locale, text=text, state=state, **names)
    db.session.add(job)
    db.session.commit()
    return job


def draft_of(owner: User, job_id: int) -> ImportJob | None:
    """The owner's draft with this id, or None (someone else's, confirmed already, or expired)."""
    return db.session.scalar(select(ImportJob).where(ImportJob.id == job_id, ImportJob.owner_id == owner.id,
                                                     ImportJob.state == "draft"))


def confirm(job: ImportJob, slug: str, title: str) -> None:
    """Queue a previewed timeline under the names the teacher confirmed."""
    job.slug, job.title, job.state, job.updated_at = slug, title, "queued", now_utc()
    db.session.commit()


def visible_to(viewer: User, job_id: int) -> ImportJob | None:
    """The job (not a draft) with this id if the viewer started it or is an admin, else None."""
    job = db.session.get(ImportJob, job_id)
    if job is None or job.state == "draft" or (job.owner_id != viewer.id and viewer.role != "admin"):
        return None
    return job


def recent(owner: User, limit: int = 20) -> list[ImportJob]:
    """The owner's latest imports, newest first."""
    return list(db.session.scalars(select(ImportJob).where(ImportJob.owner_id == owner.id, ImportJob.state != "draft")
                                   .order_by(ImportJob.id.desc()).limit(limit)))


def write(job_id: int, *conditions, **values: Any) -> bool:
    """Change a job's row in a short transaction of its own; True if a row matched."""
    with db.engine.begin() as conn:
        found = conn.execute(update(ImportJob).where(ImportJob.id == job_id, *conditions)
                             .values(updated_at=now_utc(), **values))
    return found.rowcount == 1


def claim(job_id: int) -> ImportJob | None:
    """Start a queued job; None if it is not queued (done, failed, or another run has it)."""
    if not write(job_id, ImportJob.state == "queued", state="running", attempts=ImportJob.attempts + 1,
                 worker=this_worker(), step="", done=0, total=0):
        return None
    db.session.expire_all()
    return db.session.get(ImportJob, job_id)


def report(job: ImportJob, step: str, done: int, total: int) -> None:
    """Record progress (and that the run is alive) while nothing of the import is written yet."""
    write(job.id, state="running", step=step, done=done, total=total)
    log.info("import job %s: %s %s/%s", job.id, step, done, total)


def finish(job: ImportJob, result: dict[str, Any]) -> None:
    """Mark the job done inside the transaction that stores the import; the caller commits."""
    found = changed_rows(
        update(ImportJob).where(ImportJob.id == job.id, ImportJob.state == "running",
                                ImportJob.attempts == job.attempts)
        .values(state="done", result=result, text="", done=ImportJob.total, step="done", updated_at=now_utc()))
    if found != 1:
        raise Superseded(job.id)


def fail(job: ImportJob, reason: str, errors: list[tuple[int, str]] | None = None) -> None:
    """Mark the job failed with the reason a teacher reads; nothing of it is stored."""
    db.session.rollback()
    write(job.id, ImportJob.state == "running", ImportJob.attempts == job.attempts,
          state="failed", reason=reason, errors=[list(e) for e in errors or []])


def is_dead(job: ImportJob) -> bool:
    """Whether the run of a running job is gone: its process ended on this host, or it went silent."""
    host, _, pid = job.worker.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass
    return job.updated_at < now_utc() - STALE_AFTER


def interrupted(give_up: Callable[[str], str]) -> list[int]:
    """Queue again the jobs a crash left behind; fail those interrupted too often, saying
    `give_up(locale)` in the job's language.

    Returns the ids to enqueue: jobs put back to `queued`, and queued jobs nobody picked up."""
    now = now_utc()
    jobs = db.session.scalars(select(ImportJob).where(or_(
        ImportJob.state == "running",
        (ImportJob.state == "queued") & (ImportJob.updated_at < now - REQUEUE_AFTER)))
        .execution_options(populate_existing=True))  # runs write rows through other connections
    again = []
    for job in jobs:
        if job.state == "running" and not is_dead(job):
            continue
        if job.state == "running" and job.attempts >= MAX_ATTEMPTS:
            job.state, job.reason = "failed", give_up(job.locale)
        else:
            job.state = "queued"
            again.append(job.id)
        job.updated_at = now
    db.session.commit()
    return again
