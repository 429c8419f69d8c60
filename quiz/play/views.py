"""Play pages: pick a quiz, answer one question at a time, see feedback and results."""
from flask import redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.interfaces import ORMOption

from quiz.forms import GuestForm
from quiz.errors import abort_with
from quiz.extensions import db
from quiz.models import Attempt, AttemptItem, Quiz, Timeline
from quiz.models import now_utc
from quiz.play import bp
from quiz.play.forms import LanguageForm
from quiz.security import bounded_int, query_int, safe_next
from quiz.unit_of_work import core_transaction
from quiz.services import answering, classes, dashboard, fairplay, play, progress
from quiz.services.mastery import timeline_strip
from quiz.kinds import AnswerForm, InvalidAnswer, kind_for
from quiz.web import published_quiz_or_404, require_post_form
from quiz.site_time import zone_name


ATTEMPTS_PER_PAGE = 20


def own_attempt_or_404(attempt_id: int, *load: ORMOption) -> Attempt:
    """Find one of the current user's attempts, with its quiz; someone else's is 'not found'."""
    return owned_or_404(db.session.get(Attempt, attempt_id, options=[joinedload(Attempt.quiz), *load]))


def owned_or_404(attempt: Attempt | None) -> Attempt:
    """The attempt if it is the current user's; otherwise (or when there is none) 404."""
    if attempt is None or attempt.user_id != current_user.id:
        abort_with(404, _("There is no such attempt."))
    return attempt


def own_attempt_and_item_or_404(attempt_id: int, position: int | None = None) -> tuple[Attempt, AttemptItem | None]:
    """One of the current user's attempts and its question at `position` (else its current one), in one query."""
    attempt, item = play.attempt_and_item(attempt_id, position) or (None, None)
    return owned_or_404(attempt), item


@bp.route("/")
def index():
    """List the quizzes, with a resume link for unfinished attempts."""
    quizzes = db.session.scalars(select(Quiz).where(Quiz.published.is_(True)).order_by(Quiz.position, Quiz.id)).all()
    unfinished, assignments = {}, []
    if current_user.is_authenticated:
        unfinished = play.unfinished_attempts(current_user, quizzes)
        assignments = classes.assignment_progress(current_user, classes.assignments_for(current_user))
    return render_template("play/index.html", quizzes=quizzes, unfinished=unfinished, assignments=assignments,
                           now=dashboard.local_now(zone_name()))


@bp.route("/quiz/<slug>")
def quiz_page(slug: str):
    """Describe a quiz and offer to start or resume it."""
    quiz = published_quiz_or_404(slug)
    resume = play.unfinished_attempt(current_user, quiz) if current_user.is_authenticated else None
    rules = fairplay.settings(quiz, current_user.id if current_user.is_authenticated else None, resume)
    return render_template("play/quiz.html", quiz=quiz, resume=resume, rules=rules, guest_form=GuestForm())


@bp.route("/quiz/<slug>/start", methods=["POST"])
@login_required
def start(slug: str):
    """Start a new attempt, or resume the unfinished one."""
    quiz = published_quiz_or_404(slug)
    try:
        attempt = play.start_attempt(current_user, quiz)
    except play.EmptyQuiz:
        abort_with(409, _("This quiz has no questions yet."))
    except play.NoAttemptsLeft:
        abort_with(409, _("You have used every attempt this quiz allows."))
    return redirect(url_for("play.question", attempt_id=attempt.id))


@bp.route("/attempt/<int:attempt_id>")
@login_required
def question(attempt_id: int):
    """Show the current question of the attempt, never its answer."""
    attempt, item = own_attempt_and_item_or_404(attempt_id)
    if not play.has_next(attempt) or item is None or play.finish_if_expired(attempt):
        return redirect(url_for("play.result", attempt_id=attempt.id))
    return render_question(attempt, item, kind_for(item.kind).answer_form(position=item.position))


def render_question(attempt: Attempt, item: AttemptItem, form: AnswerForm, status: int = 200):
    """Render the question page with the form and any error."""
    kind_for(item.kind).offer(form, item.choices)
    return render_template("play/question.html", attempt=attempt, item=item, form=form,
                           seconds_left=play.seconds_left(attempt)), status


@bp.route("/attempt/<int:attempt_id>/answer", methods=["POST"])
@core_transaction  # outside login_required: the user is read in the same transaction
@login_required
def answer(attempt_id: int):
    """Grade one answer on the server and show feedback; repeats are never scored twice."""
    posted = request.form.get("position", "")
    found = answering.read_slot(attempt_id, bounded_int(posted))
    if found is None or found.player_id != current_user.id:
        abort_with(404, _("There is no such attempt."))
    slot = found.slot
    if slot is None:
        abort_with(400, _("That question is not part of this attempt.") if posted
                   else _("The answer form was incomplete."))
    # Read straight from the POST body, which CSRFProtect has checked; read() validates it in submit.
    raw = kind_for(slot.kind).raw_answer(request.form)
    try:
        answering.submit(slot, raw)
    except InvalidAnswer:
        return refuse_answer(attempt_id, slot)
    except play.AlreadyAnswered:
        if answering.given_answer(slot) == safe_read(slot, raw):
            return redirect(url_for("play.feedback", attempt_id=attempt_id, position=slot.position))
        abort_with(409, _("You already answered this question; your first answer counts."))
    except play.TimeUp:
        return render_template("play/time_up.html", attempt_id=attempt_id), 409
    except (play.OutOfSequence, play.AttemptClosed):
        abort_with(409, _("This question is not the current one of the attempt (perhaps from another tab)."))
    return redirect(url_for("play.feedback", attempt_id=attempt_id, position=slot.position))


def refuse_answer(attempt_id: int, slot: answering.Slot):
    """Show the question again, as it was answered, with what is missing from the answer (400)."""
    kind = kind_for(slot.kind)
    form = kind.answer_form(request.form)
    kind.refuse(form)
    attempt, item = own_attempt_and_item_or_404(attempt_id, slot.position)
    if item is None:  # read with the slot a moment ago; items are never deleted
        abort_with(404, _("There is no such attempt."))
    return render_question(attempt, item, form, 400)


def safe_read(item: AttemptItem | answering.Slot, raw: list[str]):
    """Read the submitted values into an answer, or None when they are not a valid one."""
    try:
        return kind_for(item.kind).read(item.choices, raw)
    except InvalidAnswer:
        return None


@bp.route("/attempt/<int:attempt_id>/feedback/<int:position>")
@login_required
def feedback(attempt_id: int, position: int):
    """Show whether the answer was right, the key and the explanation."""
    attempt, item = own_attempt_and_item_or_404(attempt_id, position)
    if item is None:
        abort_with(404, _("There is no such question in this attempt."))
    if item.response is None:
        return redirect(url_for("play.question", attempt_id=attempt.id))
    return render_template("play/feedback.html", attempt=attempt, item=item, has_next=play.has_next(attempt),
                           time_up=play.seconds_left(attempt) == 0,
                           revealed=fairplay.revealed(attempt, now_utc()))


@bp.route("/attempt/<int:attempt_id>/time-up", methods=["POST"])
@login_required
def time_up(attempt_id: int):
    """Finish a timed attempt once its time is up (the timer sends this at 0:00) and show the result."""
    attempt = own_attempt_or_404(attempt_id)
    require_post_form()
    play.finish_if_expired(attempt, grace_seconds=-1)
    if not attempt.is_finished:
        return redirect(url_for("play.question", attempt_id=attempt.id))
    return redirect(url_for("play.result", attempt_id=attempt.id))


@bp.route("/attempt/<int:attempt_id>/result")
@login_required
def result(attempt_id: int):
    """Show the score, the time and every question with the given and right answer."""
    # Items and their answers in two queries, not one query per question.
    attempt = own_attempt_or_404(attempt_id, selectinload(Attempt.items).selectinload(AttemptItem.response))
    if not attempt.is_finished:
        return redirect(url_for("play.question", attempt_id=attempt.id))
    return render_template("play/result.html", attempt=attempt, revealed=fairplay.revealed(attempt, now_utc()))


@bp.route("/attempts")
@login_required
def attempts():
    """List the user's past and unfinished attempts, a page at a time."""
    pages = db.paginate(play.attempts_of(current_user), page=query_int("page", 1), per_page=ATTEMPTS_PER_PAGE,
                        max_per_page=ATTEMPTS_PER_PAGE)
    return render_template("play/attempts.html", attempts=pages.items, pages=pages)


@bp.route("/progress")
@login_required
def progress_page():
    """Show, per event, how well the user knows it."""
    timelines = db.session.scalars(select(Timeline).order_by(Timeline.id)).all()
    mastery = {t.id: progress.event_mastery(current_user.id, t) for t in timelines}
    strips = {t.id: timeline_strip([current_user.id], t, now_utc()) for t in timelines}
    return render_template("play/progress.html", timelines=timelines, mastery=mastery, strips=strips)


@bp.route("/lang", methods=["POST"])
def set_language():
    """Remember the chosen interface language and go back."""
    form = LanguageForm()
    if not form.validate_on_submit() or form.lang.data not in ("zh_CN", "en"):
        abort_with(400, _("Unknown language."))
    session["lang"] = form.lang.data
    return redirect(safe_next(form.next.data, url_for("play.index")))
