"""The rejoin token: a phone that slept or reloaded proves it is the same player, with no account."""
from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

SALT = "live-rejoin"
MAX_AGE = 12 * 60 * 60  # a game lasts a lesson, not a day


def serializer() -> URLSafeTimedSerializer:
    """Sign with the app's secret key, so any app process can check a token another made."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(game_id: int, player_id: int) -> str:
    """A signed token naming the game and the player."""
    return serializer().dumps({"g": game_id, "p": player_id})


def read_token(token: object) -> tuple[int, int] | None:
    """(game id, player id) from a valid token, or None for a forged, stale or malformed one."""
    if not isinstance(token, str) or len(token) > 200:
        return None
    try:
        data = serializer().loads(token, max_age=MAX_AGE)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in ("g", "p")):
        return None
    return data["g"], data["p"]
