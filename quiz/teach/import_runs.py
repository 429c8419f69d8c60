"""What an import job does, run by the job queue: check the file, then store it all in one commit.

Messages are written in the language the teacher started the import in (the job's locale)."""
from flask import current_app
from flask_babel import force_locale, gettext as _

from quiz import generator
from quiz.extensions import db
from quiz.models import ImportJob, User
from quiz.services import authoring, import_jobs, timeline_import
from quiz.teach import question_csv

# Timeline steps, in order; the job page shows "step n of 3".
TIMELINE_STEPS = ("reading", "generating", "saving")
ROWS_PER_REPORT = 50


def run(job_id: int) -> None:
    """Run a queued job; a job already taken, finished or failed is left alone."""
    job = import_jobs.claim(job_id)
    if job is None:
        return
    with force_locale(job.locale):
        try:
            RUNNERS[job.kind](job)
        except import_jobs.Superseded:
            db.session.rollback()
        except timeline_import.SlugTaken:
            import_jobs.fail(job, _("A timeline with this short name exists already."))
        except generator.TimelineError as error:
            import_jobs.fail(job, _("The timeline no longer reads cleanly."), [(error.line, error.message)])
        except Exception as error:
            current_app.logger.exception("import job %s failed", job.id)
            import_jobs.fail(job, _("The import stopped on an unexpected error (%(error)s). Nothing was saved; "
                                    "try again, or tell an administrator.", error=type(error).__name__))


def run_timeline(job: ImportJob) -> None:
    """Parse the timeline, generate its questions, store everything and mark the job done in one commit."""

    def progress(step: str) -> None:
        import_jobs.report(job, step, TIMELINE_STEPS.index(step), len(TIMELINE_STEPS))

    def done(timeline) -> None:
        timeline.owner_id = job.owner_id  # the importer curates its generated questions (with admins)
        import_jobs.finish(job, {"timeline_id": timeline.id, "slug": timeline.slug, "events": len(timeline.events),
                                 "questions": timeline_import.question_count(timeline)})

    progress("reading")
    timeline_import.store(job.slug, job.title, job.text, progress=progress, before_commit=done)


def run_questions(job: ImportJob) -> None:
    """Check every row of the CSV file; store all its questions and mark the job done, or fail naming the rows."""

    def progress(checked: int, rows: int) -> None:
        if checked % ROWS_PER_REPORT == 0 or checked == rows:
            import_jobs.report(job, "checking", checked, rows + 1)  # the last unit is the save

    found = question_csv.read_questions(job.text, progress)
    if found.errors:
        import_jobs.fail(job, _("%(n)s problems: no question has been imported", n=len(found.errors)), found.errors)
        return
    import_jobs.report(job, "saving", len(found.drafts), len(found.drafts) + 1)
    owner = db.session.get_one(User, job.owner_id)  # a job goes with its owner (ON DELETE CASCADE)
    stored = authoring.add_imported(found.drafts, owner)
    import_jobs.finish(job, {"questions": len(stored)})
    db.session.commit()


RUNNERS = {"timeline": run_timeline, "questions": run_questions}
