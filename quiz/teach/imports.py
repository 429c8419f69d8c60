"""Import pages: a timeline file (preview, then confirm) and a CSV file of questions, both run as
background jobs whose page shows their progress and then their result or errors.

The previewed text waits on the server in a draft job row, so confirming posts only the names:
a file that previews within the upload limit is never refused at the confirm step."""
from flask import jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quiz import jobqueue
from quiz.errors import abort_with
from quiz.generator import TimelineError
from quiz.i18n import current_language
from quiz.models import ImportJob
from quiz.services import import_jobs, timeline_import
from quiz.teach import bp
from quiz.teach.import_forms import QuestionsUploadForm, TimelineConfirmForm, TimelineUploadForm
from quiz.teach.import_status import job_status
from quiz.web import render_form

# More events than this make too many questions for one quiz list; bigger histories: several timelines.
MAX_EVENTS = 500


def checked_preview(text: str) -> timeline_import.Preview:
    """Parse the text for the preview, refusing more events than one timeline may have."""
    found = timeline_import.preview(text)
    if len(found.events) > MAX_EVENTS:
        first_over = found.events[MAX_EVENTS]
        found.errors.append(TimelineError(first_over.line, "too_many_events", max=MAX_EVENTS, n=len(found.events)))
    return found


def preview_page(form: TimelineConfirmForm, found: timeline_import.Preview, draft: ImportJob | None):
    """Show every parsed event and every parse error, with the confirm form when the file is clean."""
    errors = sorted(found.errors, key=lambda e: e.line)
    status = 200 if found.ok and not form.errors else 400
    return render_template("teach/import_preview.html", form=form, found=found, errors=errors, draft=draft), status


@bp.route("/import/timeline", methods=["GET", "POST"])
def import_timeline():
    """Upload a timeline file and preview it; a clean file waits on the server for confirmation."""
    form = TimelineUploadForm()
    if not form.validate_on_submit():
        return render_form("teach/import_timeline.html", form)
    text = timeline_import.normalise(form.file.text)
    found = checked_preview(text)
    draft = import_jobs.create(current_user, "timeline", current_language(), text, state="draft",
                               slug=form.slug.data, title=form.title.data) if found.ok else None
    return preview_page(TimelineConfirmForm(formdata=None, slug=form.slug.data, title=form.title.data), found, draft)


@bp.route("/import/timeline/<int:job_id>/confirm", methods=["POST"])
def confirm_timeline(job_id: int):
    """Queue the previewed timeline: its questions are generated and stored in the background."""
    draft = import_jobs.draft_of(current_user, job_id)
    if draft is None:
        abort_with(404, _("This preview has expired or was saved already. Upload the file again."))
    form = TimelineConfirmForm()
    if not form.validate_on_submit():
        return preview_page(form, checked_preview(draft.text), draft)
    import_jobs.confirm(draft, form.slug.data, form.title.data)
    jobqueue.enqueue(draft.id)
    return redirect(url_for("teach.import_job", job_id=draft.id))


@bp.route("/import/questions", methods=["GET", "POST"])
def import_questions():
    """Upload a CSV file of questions; a job checks every row, then stores all of them or none."""
    form = QuestionsUploadForm()
    if not form.validate_on_submit():
        return render_form("teach/import_questions.html", form)
    job = import_jobs.create(current_user, "questions", current_language(), form.file.text)
    jobqueue.enqueue(job.id)
    return redirect(url_for("teach.import_job", job_id=job.id))


def own_job(job_id: int) -> ImportJob:
    """An import job the signed-in teacher started (any, for an admin), or 404."""
    job = import_jobs.visible_to(current_user, job_id)
    if job is None:
        abort_with(404, _("There is no such import."))
    return job


@bp.route("/imports")
def imports():
    """List the teacher's recent imports, to come back to one."""
    jobs = [(job, job_status(job)) for job in import_jobs.recent(current_user)]
    return render_template("teach/imports.html", jobs=jobs)


@bp.route("/imports/<int:job_id>")
def import_job(job_id: int):
    """Show an import's progress, then its result or why it failed."""
    job = own_job(job_id)
    return render_template("teach/import_job.html", job=job, status=job_status(job))


@bp.route("/imports/<int:job_id>/status")
def import_job_status(job_id: int):
    """The import's progress as JSON, polled by the job page."""
    return jsonify(job_status(own_job(job_id)))
