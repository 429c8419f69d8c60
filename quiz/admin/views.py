"""Admin pages: create and list invite codes."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quiz.admin import bp
from quiz.admin.forms import InviteForm
from quiz.errors import abort_with
from quiz.extensions import db
from quiz.models import Invite, User, now_utc
from quiz.services import invites, resets
from quiz.web import render_form, render_reset_code, require_post_form, row_or_404


@bp.route("/invites", methods=["GET", "POST"])
def invite_codes():
    """List the admin's invite codes and make a new one."""
    form = InviteForm()
    if form.validate_on_submit():
        invite = invites.create_invite(current_user, form.max_uses.data, form.days.data)
        flash(_("New invite code: %(code)s", code=invite.code), "success")
        return redirect(url_for("admin.invite_codes"))
    return render_form("admin/invites.html", form, invites=invites.invites_of(current_user), now=now_utc())


@bp.route("/invites/<int:invite_id>/revoke", methods=["POST"])
def revoke_invite(invite_id: int):
    """Stop an invite code from making more teacher accounts."""
    invite = db.session.get(Invite, invite_id)
    if invite is None or invite.created_by_id != current_user.id:
        abort_with(404, _("There is no such invite code."))
    require_post_form()
    invites.revoke(invite)
    flash(_("Invite code %(code)s revoked.", code=invite.code), "info")
    return redirect(url_for("admin.invite_codes"))


@bp.route("/teachers")
def teachers():
    """List the teacher accounts, each with a button to reset its password."""
    return render_template("admin/teachers.html", teachers=resets.teachers())


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
def reset_password(user_id: int):
    """Make a one-time code for a teacher (or student) to set a new password; shown only now."""
    user = row_or_404(User, user_id, _("There is no such account."))
    require_post_form()
    return render_reset_code(user, url_for("admin.teachers"))
