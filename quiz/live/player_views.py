"""The player's pages: join a game with its PIN, then the phone view that answers."""
import re
import secrets

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quiz.extensions import db, limiter
from quiz.live import bp
from quiz.live.events import lobby_changed
from quiz.live.forms import JoinForm
from quiz.models import LiveGame
from quiz.services.live import game as games
from quiz.services.live.tokens import MAX_AGE, make_token, read_token

MAX_ID = 2**31 - 1
DEVICE_COOKIE = "live_device"
DEVICE_RE = re.compile(r"[A-Za-z0-9_-]{16,32}")


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
    device = device_mark()
    try:
        game = games.game_by_pin(form.pin.data)
        user = current_user._get_current_object() if current_user.is_authenticated else None
        player = games.join(game, form.nickname.data, user, device, earlier_player(game.id))
    except games.GameNotFound:
        form.pin.errors.append(_("No game is running with that PIN."))
        return render_template("live/join.html", form=form), 404
    except games.NicknameTaken:
        form.nickname.errors.append(_("Someone in this game already plays under that nickname."))
        return render_template("live/join.html", form=form), 409
    except games.Removed:
        form.pin.errors.append(_("The host removed you from this game."))
        return render_template("live/join.html", form=form), 403
    session.setdefault("live", {})[str(game.id)] = make_token(game.id, player.id)
    session.modified = True
    lobby_changed(game)
    response = redirect(url_for("live.play", game_id=game.id))
    response.set_cookie(DEVICE_COOKIE, device, max_age=MAX_AGE, httponly=True, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def device_mark() -> str:
    """This browser's live-game mark: its own cookie (it outlives a sign-out), made at its first join."""
    mark = request.cookies.get(DEVICE_COOKIE, "")
    return mark if DEVICE_RE.fullmatch(mark) else secrets.token_urlsafe(16)


def earlier_player(game_id: int) -> int | None:
    """The player this browser joined the game as before, by the rejoin token in its session."""
    found = read_token(session.get("live", {}).get(str(game_id)))
    return found[1] if found and found[0] == game_id else None


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
