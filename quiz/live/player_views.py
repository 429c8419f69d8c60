"""The player's pages: join a game with its PIN, then the phone view that answers."""
from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quiz.extensions import db, limiter
from quiz.live import bp
from quiz.live.events import lobby_changed
from quiz.live.forms import JoinForm
from quiz.models import LiveGame
from quiz.services.live import game as games
from quiz.services.live.tokens import make_token, read_token

MAX_ID = 2**31 - 1


def pin_limit() -> str:
    """Wrong PINs allowed per address (a class shares one address behind its school's NAT)."""
    return current_app.config["LIVE_PIN_RATE_LIMIT"]


@bp.route("/join", methods=["GET"])
def join():
    """Ask for the game PIN (filled in from the QR code's link) and a nickname."""
    form = JoinForm(data={"pin": request.args.get("pin", "")[:6],
                          "nickname": current_user.nickname if current_user.is_authenticated else ""})
    return render_template("live/join.html", form=form)


@bp.route("/join", methods=["POST"])
@limiter.limit(pin_limit, methods=["POST"], deduct_when=lambda response: response.status_code == 404)
def join_post():
    """Join the game under the nickname; only failed PINs count towards the address's limit."""
    form = JoinForm()
    if not form.validate():
        return render_template("live/join.html", form=form), 400
    try:
        game = games.game_by_pin(form.pin.data)
        user = current_user._get_current_object() if current_user.is_authenticated else None
        player = games.join(game, form.nickname.data, user)
    except games.GameNotFound:
        form.pin.errors.append(_("No game is running with that PIN."))
        return render_template("live/join.html", form=form), 404
    except games.NicknameTaken:
        form.nickname.errors.append(_("Someone in this game already plays under that nickname."))
        return render_template("live/join.html", form=form), 409
    session.setdefault("live", {})[str(game.id)] = make_token(game.id, player.id)
    session.modified = True
    lobby_changed(game)
    return redirect(url_for("live.play", game_id=game.id))


@bp.route("/play/<int:game_id>")
def play(game_id: int):
    """The phone's page; the game itself arrives over the socket."""
    token = session.get("live", {}).get(str(game_id))
    found = read_token(token)
    game = db.session.get(LiveGame, game_id) if game_id <= MAX_ID else None
    if game is None or found is None or found[0] != game_id:
        flash(_("Join the game with its PIN first."), "error")
        return redirect(url_for("live.join"))
    return render_template("live/play.html", game=game, token=token)
