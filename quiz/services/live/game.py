"""A live game's life: create it, let players join (or remove them), open and close questions, end it.

Each step is one short transaction whose UPDATE checks the phase it expects, so two host screens
(or a reload racing a click) can never move the game twice.
"""
import random
import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError

from quiz.extensions import db
from quiz.kinds import kind_for
from quiz.models import LiveAnswer, LiveGame, LivePlayer, LiveQuestion, Quiz, User, now_utc
from quiz.services import accounts
from quiz.services.nicknames import normalise_nickname
from quiz.services.rows import changed_rows
from quiz.services.live.reviews import settle_question
from quiz.services.selection import draw_questions

DEFAULT_SECONDS, MIN_SECONDS, MAX_SECONDS = 20, 5, 240
# Answers this long after the countdown still count (the trip from the phone to the server).
GRACE_SECONDS = 1.0
PIN_TRIES = 20


class LiveError(Exception):
    """Base for what a live game refuses."""


class NoQuestions(LiveError):
    """The quiz has no question a live game can ask."""


class GameNotFound(LiveError):
    """No running game has that PIN (or id)."""


class NicknameTaken(LiveError):
    """Another player of the game already plays under that nickname."""


class Removed(LiveError):
    """The host removed this player, or the player who joined from this device, from the game."""


class WrongPhase(LiveError):
    """The game is not where the request expects it (already started, ended, not a question now)."""


def nickname_key(nickname: str) -> str:
    """Fold a nickname so look-alikes collide in one game: normalised (NFKC, no invisible characters),
    then case and spaces ignored."""
    return "".join(normalise_nickname(nickname).casefold().split())[:40]


def deadline(started: datetime, seconds: int) -> datetime:
    """When a question started at `started` stops taking answers, by the server's clock."""
    return started + timedelta(seconds=seconds + GRACE_SECONDS)


def seconds_per_question(quiz: Quiz, count: int) -> int:
    """The quiz's time for one question: its time limit shared out, else 20 s (kept within 5..240)."""
    if not quiz.time_limit or not count:
        return DEFAULT_SECONDS
    return min(MAX_SECONDS, max(MIN_SECONDS, quiz.time_limit // count))


def live_questions(quiz: Quiz, rng: random.Random):
    """The quiz's questions as a self-paced attempt would draw them, less the kinds answered by typing."""
    return [q for q in draw_questions(quiz, rng) if kind_for(q.kind).tapped]


def free_pin() -> str:
    """A six-digit PIN no running game holds (ended games give theirs back)."""
    for _ in range(PIN_TRIES):
        pin = f"{secrets.randbelow(900000) + 100000}"
        if db.session.scalar(select(LiveGame.id).where(LiveGame.pin == pin)) is None:
            return pin
    raise LiveError("no free PIN")


def create_game(quiz: Quiz, host: User, seconds: int | None = None) -> LiveGame:
    """Freeze the quiz's questions into a new game in its lobby, under a fresh PIN."""
    rng = random.Random()
    questions = live_questions(quiz, rng)
    if not questions:
        raise NoQuestions(quiz.slug)
    per_question = seconds or seconds_per_question(quiz, len(questions))
    game = LiveGame(pin=free_pin(), quiz_id=quiz.id, host_id=host.id, total=len(questions), seconds=per_question)
    db.session.add(game)
    db.session.flush()
    # Options shuffled once per game: the projector and every phone show them in the same order.
    db.session.add_all(LiveQuestion(game_id=game.id,
                                    **LiveQuestion.frozen(q, i, kind_for(q.kind).shuffled(q.choices, q.answer, rng)))
                       for i, q in enumerate(questions))
    db.session.commit()
    return game


def game_by_pin(pin: str) -> LiveGame:
    """The running game with this PIN."""
    game = db.session.scalar(select(LiveGame).where(LiveGame.pin == pin)) if pin.isdigit() else None
    if game is None or game.phase == "ended":
        raise GameNotFound(pin)
    return game


def removed_here(game: LiveGame, device: str | None, earlier: int | None) -> bool:
    """Whether the host removed the player this browser joined as before (its rejoin token), or any
    player who joined from this device."""
    marks = [LivePlayer.id == earlier] if earlier is not None else []
    marks += [LivePlayer.device == device] if device else []
    return bool(marks) and db.session.scalar(select(LivePlayer.id).where(
        LivePlayer.game_id == game.id, LivePlayer.removed.is_(True), or_(*marks)).limit(1)) is not None


def join(game: LiveGame, nickname: str, user: User | None, device: str | None = None,
         earlier: int | None = None) -> LivePlayer:
    """Add a player; someone not signed in plays as a new guest. Late joiners start at the next question.
    A removed player stays out: the same account, the same browser (`earlier`, the player its token names)
    and the same device mark are refused."""
    if game.phase == "ended":
        raise GameNotFound(game.pin)
    if removed_here(game, device, earlier):
        raise Removed()
    if user is not None:  # a signed-in player coming back (another tab, a lost cookie) is the same player
        mine = db.session.scalar(select(LivePlayer).where(LivePlayer.game_id == game.id, LivePlayer.user_id == user.id))
        if mine is not None and mine.removed:
            raise Removed()
        if mine is not None:
            return mine
    nickname = normalise_nickname(nickname)
    key = nickname_key(nickname)
    if db.session.scalar(select(LivePlayer.id).where(LivePlayer.game_id == game.id, LivePlayer.nickname_key == key)):
        raise NicknameTaken(nickname)
    account = user if user is not None else accounts.create_guest(nickname)
    player = LivePlayer(game_id=game.id, user_id=account.id, nickname=nickname, nickname_key=key,
                        first_position=game.position + 1, device=device)
    db.session.add(player)
    try:
        db.session.commit()
    except IntegrityError:  # the same nickname joined at the same moment
        db.session.rollback()
        raise NicknameTaken(nickname) from None
    return player


def remove_player(game: LiveGame, player_id: int) -> bool:
    """Take a player out of the game (their answers so far stay, they can no longer play)."""
    removed = changed_rows(update(LivePlayer).where(
        LivePlayer.id == player_id, LivePlayer.game_id == game.id, LivePlayer.removed.is_(False))
        .values(removed=True))
    db.session.commit()
    return bool(removed)


def moved(game: LiveGame, expected: tuple[str, ...], **values) -> None:
    """Change the game only if it is still in one of the expected phases at this position (no commit)."""
    if not changed_rows(update(LiveGame).where(
            LiveGame.id == game.id, LiveGame.phase.in_(expected), LiveGame.position == game.position)
            .values(**values)):
        db.session.rollback()
        raise WrongPhase(game.phase)
    db.session.refresh(game)


def move(game: LiveGame, expected: tuple[str, ...], **values) -> None:
    """Change the game as `moved` does, and commit."""
    moved(game, expected, **values)
    db.session.commit()
    db.session.refresh(game)


def open_next_question(game: LiveGame, when: datetime | None = None) -> None:
    """From the lobby or a reveal, show the next question and start its clock."""
    if game.position + 1 >= game.total:
        raise WrongPhase(game.phase)
    move(game, ("lobby", "reveal"), phase="question", position=game.position + 1,
         question_started_at=when or now_utc())


def settle(game: LiveGame) -> None:
    """The open question's end, in the caller's transaction: players who gave no answer lose their streak;
    every answer reviews its player's card (once: only the one move out of "question" gets here)."""
    answered = select(LiveAnswer.player_id).where(LiveAnswer.game_id == game.id,
                                                  LiveAnswer.position == game.position)
    db.session.execute(update(LivePlayer).where(LivePlayer.game_id == game.id, LivePlayer.id.not_in(answered))
                       .values(streak=0))
    settle_question(game.id, game.position)


def close_question(game: LiveGame) -> None:
    """End the current question: show the answer, settle its answers (see settle)."""
    moved(game, ("question",), phase="reveal")
    settle(game)
    db.session.commit()


def close_if_due(game: LiveGame, now: datetime | None = None) -> bool:
    """Close the open question if its countdown and grace are over (no projector needs to be open);
    True if this call closed it. Another process closing it first is no error."""
    started = game.question_started_at
    if game.phase != "question" or started is None or (now or now_utc()) <= deadline(started, game.seconds):
        return False
    try:
        close_question(game)
    except WrongPhase:
        return False
    return True


def end_game(game: LiveGame) -> None:
    """Finish the game, give its PIN back and store every player's result (see finish)."""
    from quiz.services.live.finish import store_attempts

    was_open = game.phase == "question"
    # The phase named exactly, so an open question is settled once even if a close races this end.
    moved(game, ("question",) if was_open else ("lobby", "reveal"), phase="ended", pin=None, ended_at=now_utc())
    if was_open:
        settle(game)
    store_attempts(game)
    db.session.commit()


def question_at(game: LiveGame, position: int | None = None) -> LiveQuestion | None:
    """The game's frozen question at a position (the current one by default)."""
    at = game.position if position is None else position
    return db.session.scalar(select(LiveQuestion).where(LiveQuestion.game_id == game.id,
                                                        LiveQuestion.position == at))


def current_question(game: LiveGame) -> LiveQuestion:
    """The question on screen now; outside a question or its reveal there is none."""
    question = question_at(game)
    if question is None or game.question_started_at is None:
        raise WrongPhase(game.phase)
    return question


def active_players(game: LiveGame) -> list[LivePlayer]:
    """Players still in the game, in the order they joined."""
    return list(db.session.scalars(select(LivePlayer).where(LivePlayer.game_id == game.id,
                                                           LivePlayer.removed.is_(False))
                                   .order_by(LivePlayer.joined_at, LivePlayer.id)))


def expected_answers(game: LiveGame) -> int:
    """How many players can answer the current question (late joiners come in at the next one)."""
    return db.session.scalar(select(func.count()).select_from(LivePlayer).where(
        LivePlayer.game_id == game.id, LivePlayer.removed.is_(False),
        LivePlayer.first_position <= game.position)) or 0
