"""Join a class with its code, or by following the teacher's link."""
from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quiz.classes import bp
from quiz.classes.forms import JoinForm
from quiz.services import classes
from quiz.web import render_form


@bp.route("/join", methods=["GET", "POST"])
@bp.route("/join/<code>", methods=["GET", "POST"])
@login_required
def join(code: str | None = None):
    """Join a class; guests are asked to sign up first so the teacher knows who they are."""
    form = JoinForm(code=code)
    if current_user.is_guest:
        flash(_("Sign up first: classes need an account."), "info")
        return redirect(url_for("auth.signup", next=url_for("classes.join", code=code) if code else None))
    if form.validate_on_submit():
        classroom = classes.find_by_code(form.code.data)
        if classroom is None:
            form.code.errors.append(_("There is no class with this code."))
        else:
            joined = classes.join(classroom, current_user)
            flash(_("You joined %(name)s.", name=classroom.name) if joined
                  else _("You are already in %(name)s.", name=classroom.name), "success")
            return redirect(url_for("play.index"))
    return render_form("classes/join.html", form)
