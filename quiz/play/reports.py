"""A student reports a problem with a question they answered, from a page linked on its feedback."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quiz.errors import abort_with
from quiz.play import bp
from quiz.play.forms import ReportForm
from quiz.play.views import own_attempt_and_item_or_404
from quiz.services import reports


@bp.route("/attempt/<int:attempt_id>/feedback/<int:position>/report", methods=["GET", "POST"])
@login_required
def report_question(attempt_id: int, position: int):
    """Show the report form for a question the student has answered; record the report, then go back
    to its feedback.

    A page of its own, linked from the feedback page: rendered there for everyone, the form cost a
    third of every feedback page, for the few students who report.
    """
    attempt, item = own_attempt_and_item_or_404(attempt_id, position)
    if item is None or item.response is None:
        abort_with(404, _("There is no such question in this attempt."))
    form = ReportForm()
    if form.validate_on_submit():
        reports.report(current_user, item.question_id, form.reason.data, form.comment.data or "")
        flash(_("Thank you: the teacher will look at this question."), "success")
        return redirect(url_for("play.feedback", attempt_id=attempt.id, position=position))
    status = 400 if form.is_submitted() else 200  # sent but refused: shown again with what is wrong
    return render_template("play/report.html", attempt=attempt, item=item, form=form), status
