"""The queue of questions students reported: correct (wording, options, key), hide, or dismiss, in place."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quiz.forms import EmptyForm
from quiz.errors import abort_with
from quiz.extensions import db
from quiz.models import Question
from quiz.services import authoring, reports
from quiz.teach import bp
from quiz.teach.correction_forms import CorrectionForm
from quiz.web import require_post_form


def fixable_or_404(question_id: int) -> Question:
    """A question the teacher may change (authoring.may_change): their own, the generated questions of a
    timeline they imported; admins any. Anyone else's is not in this teacher's queue: 404.
    """
    question = db.session.get(Question, question_id)
    if question is None or not authoring.may_change(question, current_user):
        abort_with(404, _("There is no such question among the ones you may fix."))
    return question


def correction_form(question: Question) -> CorrectionForm:
    """The correction form of one queued question (prefixed: the page holds one per question)."""
    return CorrectionForm(question, prefix=f"q{question.id}")


def loaded_form(question: Question) -> CorrectionForm:
    """A queued question's correction form, filled with the question as it stands."""
    form = correction_form(question)
    form.load()
    return form


def render_queue(failed: CorrectionForm | None = None, failed_id: int | None = None, status: int = 200):
    """The queue page, with a correction form per question (a refused one keeps its errors)."""
    entries = reports.queue(current_user)
    forms = {e.question.id: failed if failed is not None and e.question.id == failed_id else loaded_form(e.question)
             for e in entries}
    return render_template("teach/reports.html", entries=entries, forms=forms, action_form=EmptyForm()), status


@bp.context_processor
def report_count() -> dict:
    """The teaching menu shows how many questions wait in the queue (counted only where the menu is drawn)."""
    return {"open_reports": lambda: reports.open_count(current_user)}


@bp.route("/reports")
def report_queue():
    """List the reported questions the teacher may fix, most reported first."""
    return render_queue()


@bp.route("/reports/<int:question_id>/correct", methods=["POST"])
def correct_reported(question_id: int):
    """Correct a reported question (wording, options, right answer, explanation) and close its reports."""
    question = fixable_or_404(question_id)
    form = correction_form(question)
    if not form.validate_on_submit():
        return render_queue(form, question.id, 400)
    reports.correct(question, form.to_draft())
    flash(_("Question corrected; its reports are closed. Answers already given keep the score they got."),
          "success")
    return redirect(url_for("teach.report_queue"))


@bp.route("/reports/<int:question_id>/<any(hide, dismiss):action>", methods=["POST"])
def settle_reported(question_id: int, action: str):
    """Hide a reported question, or dismiss its reports when it is fine."""
    question = fixable_or_404(question_id)
    require_post_form()
    if action == "hide":
        reports.hide(question)
        flash(_("Question hidden: it will not be drawn again."), "info")
    else:
        reports.resolve(question)
        flash(_("Reports dismissed."), "info")
    return redirect(url_for("teach.report_queue"))
