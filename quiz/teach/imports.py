"""Import pages: a timeline file (preview, then confirm) and a CSV file of questions.

The preview page carries the decoded text in a hidden field of a multipart form (so it is not
percent-encoded and stays within the upload limit); the confirm step trusts nothing in it:
it checks the slug again and parses the text again on the server before storing anything."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quiz.errors import abort_with
from quiz.generator import TimelineError
from quiz.services import authoring, timeline_import
from quiz.teach import bp, question_csv
from quiz.teach.import_forms import QuestionsUploadForm, TimelineConfirmForm, TimelineUploadForm
from quiz.web import render_form


# Questions are generated inside the confirming request: 500 events (about 5,800 questions) take
# about 6 s here, well inside the server's 30 s request timeout. Bigger histories: several timelines.
MAX_EVENTS = 500


def checked_preview(text: str) -> timeline_import.Preview:
    """Parse the text for the preview, refusing more events than one request can turn into questions."""
    found = timeline_import.preview(text)
    if len(found.events) > MAX_EVENTS:
        first_over = found.events[MAX_EVENTS]
        found.errors.append(TimelineError(first_over.line, "too_many_events", max=MAX_EVENTS, n=len(found.events)))
    return found


def preview_page(form: TimelineConfirmForm, found: timeline_import.Preview, status: int = 200):
    """Show every parsed event and every parse error, with the confirm form when the file is clean."""
    errors = sorted(found.errors, key=lambda e: e.line)
    return render_template("teach/import_preview.html", form=form, found=found, errors=errors), \
        status if found.ok and not form.errors else 400


@bp.route("/import/timeline", methods=["GET", "POST"])
def import_timeline():
    """Upload a timeline file and preview it; nothing is stored yet."""
    form = TimelineUploadForm()
    if not form.validate_on_submit():
        return render_form("teach/import_timeline.html", form)
    text = timeline_import.normalise(form.file.text)
    confirm = TimelineConfirmForm(formdata=None, slug=form.slug.data, title=form.title.data, text=text)
    return preview_page(confirm, checked_preview(text))


@bp.route("/import/timeline/confirm", methods=["POST"])
def confirm_timeline():
    """Parse the previewed text again and, if it is still clean, store it with its questions."""
    form = TimelineConfirmForm()
    valid = form.validate_on_submit()
    if form.text.errors or not form.text.data:
        abort_with(400, _("The previewed text is missing or too long. Upload the file again."))
    found = checked_preview(form.text.data)
    if not valid or not found.ok:
        return preview_page(form, found, 400)
    try:
        timeline = timeline_import.store(form.slug.data, form.title.data, form.text.data)
    except timeline_import.SlugTaken:
        abort_with(409, _("A timeline with this short name exists already."))
    flash(_("Imported %(events)s events with %(questions)s generated questions; its quizzes are on the quiz list.",
            events=len(timeline.events), questions=timeline_import.question_count(timeline)), "success")
    return redirect(url_for("teach.questions"))


@bp.route("/import/questions", methods=["GET", "POST"])
def import_questions():
    """Import a CSV file of questions: every row is checked first, then all are stored or none."""
    form = QuestionsUploadForm()
    if not form.validate_on_submit():
        return render_form("teach/import_questions.html", form, errors=[])
    result = question_csv.read_questions(form.file.text)
    if result.errors:
        return render_template("teach/import_questions.html", form=form, errors=result.errors), 400
    stored = authoring.save_imported(result.drafts, current_user)
    flash(_("Imported %(n)s questions.", n=len(stored)), "success")
    return redirect(url_for("teach.questions", origin="imported"))
