"""The host's pages: start a game from a quiz, then the projector view that drives it."""
from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quiz.errors import abort_with
from quiz.extensions import db
from quiz.live import host_bp
from quiz.live.forms import StartForm
from quiz.live.qr import qr_svg
from quiz.models import LiveGame, Quiz
from quiz.services.live import game as games
from quiz.services.live.views import host_view

MAX_ID = 2**31 - 1


def hostable_quiz_or_404(quiz_id: int) -> Quiz:
    """A published quiz, or one of the teacher's own (an admin may host any); never a deleted one."""
    quiz = db.session.get(Quiz, quiz_id) if quiz_id <= MAX_ID else None
    allowed = quiz is not None and (quiz.published or quiz.owner_id == current_user.id or current_user.role == "admin")
    if quiz is None or quiz.deleted_at is not None or not allowed:
        abort_with(404, _("There is no such quiz."))
    return quiz


def own_game_or_404(game_id: int) -> LiveGame:
    """One of the current teacher's games; another host's is 'not found'."""
    game = db.session.get(LiveGame, game_id) if game_id <= MAX_ID else None
    if game is None or game.host_id != current_user.id:
        abort_with(404, _("There is no such game."))
    return game


@host_bp.route("/quiz/<int:quiz_id>", methods=["POST"])
def start(quiz_id: int):
    """Open a new game of the quiz in its lobby and show the projector view."""
    quiz = hostable_quiz_or_404(quiz_id)
    form = StartForm()
    if not form.validate():
        abort_with(400, _("Seconds per question must be between %(low)s and %(high)s.",
                          low=games.MIN_SECONDS, high=games.MAX_SECONDS))
    try:
        game = games.create_game(quiz, current_user, form.seconds.data)
    except games.NoQuestions:
        flash(_("This quiz has no questions a live game can ask (typed answers are left out)."), "error")
        return redirect(url_for("play.quiz_page", slug=quiz.slug))
    return redirect(url_for("live_host.projector", game_id=game.id))


@host_bp.route("/<int:game_id>")
def projector(game_id: int):
    """The projector view: PIN, join link and QR code, then each question, its answer and the boards."""
    game = own_game_or_404(game_id)
    join_url = url_for("live.join", pin=game.pin, _external=True) if game.pin else ""
    return render_template("live/host.html", join_url=join_url, **host_view(game))


@host_bp.route("/<int:game_id>/qr.svg")
def qr_code(game_id: int):
    """The join link as a QR code image, for phones to scan off the projector."""
    game = own_game_or_404(game_id)
    if not game.pin:
        abort_with(404, _("There is no such game."))
    return Response(qr_svg(url_for("live.join", pin=game.pin, _external=True)), mimetype="image/svg+xml")
