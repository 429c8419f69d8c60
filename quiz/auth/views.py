"""Account pages: sign up, sign in, play as guest, sign out."""
from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from quiz.auth import bp
from quiz.auth.forms import ChangePasswordForm, LoginForm, ResetWithCodeForm, SignupForm, TeacherSignupForm
from quiz import throttle
from quiz.forms import GuestForm
from quiz.models import User
from quiz.security import safe_next
from quiz.services import accounts, invites, resets
from quiz.web import render_form


def start_session(user: User, remember: bool = False) -> None:
    """Begin a fresh session (no fixation) that survives a browser restart."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    session.permanent = True
    login_user(user, remember=remember)


def next_page(default: str = "play.index") -> str:
    """Where to go after signing in: a local `next`, never another site."""
    target = request.args.get("next")
    return safe_next(target, url_for(default))


@bp.route("/signup", methods=["GET", "POST"])
@throttle.creations("SIGNUP_RATE_LIMIT")
def signup():
    """Create a student account; a guest keeps their attempts."""
    form = SignupForm()
    if request.method == "GET" and current_user.is_authenticated and current_user.is_guest:
        form.nickname.data = current_user.nickname
    if form.validate_on_submit():
        guest = current_user._get_current_object() if current_user.is_authenticated else None
        try:
            user = accounts.sign_up(form.username.data, form.nickname.data, form.password.data, guest)
        except accounts.UsernameTaken:
            form.username.errors.append(_("That login name is taken."))
        else:
            start_session(user)
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.nickname), "success")
            return redirect(next_page())
    return render_form("auth/signup.html", form)


@bp.route("/teacher-signup", methods=["GET", "POST"])
@throttle.creations("SIGNUP_RATE_LIMIT")
def teacher_signup():
    """Create a teacher account with an invite code."""
    form = TeacherSignupForm()
    if form.validate_on_submit():
        try:
            user = invites.sign_up_teacher(form.invite_code.data, form.username.data,
                                           form.nickname.data, form.password.data)
        except invites.InviteRefused:
            form.invite_code.errors.append(_("This invite code is unknown, used up or expired."))
        except accounts.UsernameTaken:
            form.username.errors.append(_("That login name is taken."))
        else:
            start_session(user)
            flash(_("Welcome, %(name)s! Your teacher account is ready.", name=user.nickname), "success")
            return redirect(url_for("teach.home"))
    return render_form("auth/teacher_signup.html", form)


@bp.route("/login", methods=["GET", "POST"])
@throttle.login_failures
def login():
    """Sign in; the error never says whether the login name exists."""
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.username.data, form.password.data)
        if user is not None:
            start_session(user, remember=form.remember.data)
            flash(_("Signed in as %(name)s.", name=user.nickname), "success")
            return redirect(next_page("teach.home" if user.is_teacher else "play.index"))
        form.password.errors.append(_("Wrong login name or password."))
    return render_form("auth/login.html", form)


@bp.route("/guest", methods=["POST"])
@throttle.creations("GUEST_RATE_LIMIT")
def guest():
    """Start playing as a guest under a nickname."""
    form = GuestForm()
    if not form.validate_on_submit():
        return render_form("auth/guest.html", form)
    start_session(accounts.create_guest(form.nickname.data))
    return redirect(next_page())


@bp.route("/guest", methods=["GET"])
def guest_form():
    """Ask a visitor for a nickname before they play."""
    return render_template("auth/guest.html", form=GuestForm())


@bp.route("/password", methods=["GET", "POST"])
@login_required
@throttle.login_failures
def change_password():
    """Change your own password; other browsers signed in as you are signed out."""
    if current_user.is_guest:
        return redirect(url_for("auth.signup"))
    form = ChangePasswordForm(current_user.username)
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            accounts.change_password(user, form.current.data, form.password.data)
        except accounts.WrongPassword:
            form.current.errors.append(_("That is not your current password."))
        else:
            start_session(user)
            flash(_("Password changed. Other devices signed in as you have been signed out."), "success")
            return redirect(url_for("play.index"))
    return render_form("auth/password.html", form)


@bp.route("/reset", methods=["GET", "POST"])
@throttle.login_failures
def reset_with_code():
    """Set a new password with a one-time code from a teacher or an admin, and sign in."""
    form = ResetWithCodeForm()
    if form.validate_on_submit():
        try:
            user = resets.redeem(form.username.data, form.code.data, form.password.data)
        except resets.ResetRefused:
            form.code.errors.append(_("This code is wrong, used or expired. Ask for a new one."))
        else:
            start_session(user)
            flash(_("Your new password is set. You are signed in."), "success")
            return redirect(url_for("play.index"))
    return render_form("auth/reset.html", form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out and invalidate every cookie issued for this user."""
    if current_user.is_authenticated:
        accounts.sign_out_everywhere(current_user)
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("play.index"))
