"""Practice pages: the practice home, starting a session, starting today's challenge."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quiz.errors import abort_with
from quiz.models import now_utc
from quiz.practice import bp
from quiz.services import partial, practice, play
from quiz.site_time import zone_name


@bp.before_request
@login_required
def require_login() -> None:
    """Students and guests practise under their own user row (a guest's lives in the session cookie)."""


def challenge_day():
    """Today in the time zone the daily challenge follows."""
    return practice.today(zone_name())


@bp.route("/")
def index():
    """Show what is due, the streak and today's challenge."""
    day = challenge_day()
    daily = practice.find_daily(day)
    return render_template(
        "practice/index.html",
        due=practice.due_count(current_user.id, now_utc()),
        streak=practice.streak(current_user.id, day),
        daily_done=daily and practice.finished_daily(current_user, daily),
        daily_open=daily and play.unfinished_attempt(current_user, daily),
        day=day,
    )


@bp.route("/start", methods=["POST"])
def start():
    """Start (or resume) a session of due and new questions."""
    try:
        attempt = practice.start_practice(current_user, now_utc())
    except play.EmptyQuiz:
        abort_with(409, _("There is nothing to practise right now. Come back later."))
    return redirect(url_for("play.question", attempt_id=attempt.id))


@bp.route("/daily", methods=["POST"])
def daily():
    """Start (or resume) today's challenge; a finished one shows its result."""
    try:
        attempt = practice.start_daily(current_user, challenge_day())
    except practice.DailyDone as done:
        flash(_("You already finished today's challenge. Come back tomorrow!"), "info")
        return redirect(url_for("play.result", attempt_id=done.attempt.id))
    except play.EmptyQuiz:
        abort_with(409, _("There is nothing to practise right now. Come back later."))
    return redirect(url_for("play.question", attempt_id=attempt.id))


@bp.app_template_filter("date_gap")
def date_gap(given: str, key: str) -> str:
    """Say how far a typed date was from the key, e.g. "2 months off"."""
    gap = partial.date_gap(given, key)
    if gap is None:
        return ""
    if gap.amount == 0:
        return _("Exactly right.")
    if gap.unit == "year":
        return _("Years off: %(num)s", num=gap.amount)
    if gap.unit == "month":
        return _("Months off: %(num)s", num=gap.amount)
    return _("Days off: %(num)s", num=gap.amount)
