"""A student reports a problem with a question from its feedback page."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quiz.errors import abort_with
from quiz.play import bp
from quiz.play.forms import ReportForm
from quiz.play.views import own_attempt_or_404
from quiz.services import play, reports


@bp.route("/attempt/<int:attempt_id>/feedback/<int:position>/report", methods=["POST"])
@login_required
def report_question(attempt_id: int, position: int):
    """Record a report on a question the student has answered, then go back to its feedback."""
    attempt = own_attempt_or_404(attempt_id)
    item = play.item_at(attempt, position)
    if item is None or item.response is None:
        abort_with(404, _("There is no such question in this attempt."))
    form = ReportForm()
    if not form.validate_on_submit():
        return render_template("play/report.html", attempt=attempt, item=item, form=form), 400
    reports.report(current_user, item.question_id, form.reason.data, form.comment.data or "")
    flash(_("Thank you: the teacher will look at this question."), "success")
    return redirect(url_for("play.feedback", attempt_id=attempt.id, position=position))
