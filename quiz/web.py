"""What every blueprint's views share: form pages with the right status, POST-only buttons, owned rows."""
from typing import Any, TypeVar

from flask import render_template
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import bindparam, select

from quiz.errors import abort_with
from quiz.extensions import db
from quiz.forms import EmptyForm
from quiz.models import Quiz
from quiz.services import resets

Row = TypeVar("Row")


def render_form(template: str, form: FlaskForm, **context: Any) -> tuple[str, int]:
    """Render a page holding a form: 400 when a submitted form was refused, else 200."""
    return render_template(template, form=form, **context), 400 if form.errors else 200


def require_post_form(form_class: type[FlaskForm] = EmptyForm) -> FlaskForm:
    """The submitted form of a POST-only button, checked (CSRF at least); 400 when it is not valid."""
    form = form_class()
    if not form.validate_on_submit():
        abort_with(400, _("The form was incomplete."))
    return form


def row_or_404(model: type[Row], row_id: int, not_found: str) -> Row:
    """The row with this id, or a 404 page saying what was not found."""
    row = db.session.get(model, row_id)
    if row is None:
        abort_with(404, not_found)
    return row


# Built once: building it was a quarter of the lookup, on every quiz and board page.
PUBLISHED_QUIZ = select(Quiz).where(Quiz.slug == bindparam("slug"), Quiz.published.is_(True))


def published_quiz_or_404(slug: str) -> Quiz:
    """A published quiz by its slug (what players and boards may open), or a 404 page."""
    quiz = db.session.scalar(PUBLISHED_QUIZ, {"slug": slug})
    if quiz is None:
        abort_with(404, _("There is no such quiz."))
    return quiz


def require_owner(owner_id: int | None, not_yours: str) -> None:
    """403 unless the current user owns the row (admins act for every teacher)."""
    if owner_id != current_user.id and current_user.role != "admin":
        abort_with(403, not_yours)


def render_reset_code(user, back: str):
    """Make a password reset code for `user` and show it this once (never cached).

    An account the actor may not reset (their own, an admin's, a guest's) is 404: there is no reset here.
    """
    try:
        code = resets.issue_code(current_user, user)
    except resets.NotAllowed:
        abort_with(404, _("There is no account here whose password you may reset."))
    page = render_template("auth/reset_code.html", user=user, code=code, hours=resets.RESET_HOURS, back=back)
    return page, 200, {"Cache-Control": "no-store"}
