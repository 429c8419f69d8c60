"""What a teacher reads about an import job's progress, in the language of the page."""
from typing import Any

from flask_babel import gettext as _

from quiz.models import ImportJob


def progress_label(job: ImportJob) -> str:
    """One sentence for the job's state and step, e.g. "Step 2 of 3: generating questions"."""
    if job.state == "done":
        return _("Finished.")
    if job.state == "failed":
        return _("The import failed; nothing was saved.")
    if job.state == "queued" or not job.step:
        return _("Waiting for its turn…")
    if job.step == "checking":
        return _("Checking the rows: %(done)s of %(rows)s", done=job.done, rows=max(job.total - 1, 0))
    if job.kind == "questions":
        return _("Saving the questions…")
    steps = {"reading": _("Step 1 of 3: reading the timeline"),
             "generating": _("Step 2 of 3: generating questions"),
             "saving": _("Step 3 of 3: saving the events and questions")}
    return steps.get(job.step, job.step)


def job_status(job: ImportJob) -> dict[str, Any]:
    """The job's state, its progress as a percentage and the sentence that goes with it."""
    finished = job.state in ("done", "failed")
    percent = 100 if job.state == "done" else (100 * job.done // job.total if job.total else 0)
    return {"state": job.state, "finished": finished, "percent": percent, "label": progress_label(job)}
