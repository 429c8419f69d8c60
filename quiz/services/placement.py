"""The card-placement game (like the Timeline card game): put each drawn event in the right gap.

Everyone gets the same deck on the same day (drawn with the timeline and the day as seed). A card
fits a gap when no card on its left certainly happened after it and no card on its right certainly
happened before it, so events whose dates overlap at their precision count either way round.
A wrong placement costs a life and the card goes where it belongs; three lives.
"""
import random
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError

from quiz.extensions import db
from quiz.models import Event, PlaceGame, Timeline, User
from quiz.models.study import LIVES
from quiz.services.rows import changed_rows

BOARD_SIZE = 20


class GameOver(Exception):
    """The game has ended: no card is being placed."""


class StaleCard(Exception):
    """The placement names a card that is not the one being placed (another tab, a double click)."""

    def __init__(self, already_placed: bool):
        super().__init__(already_placed)
        self.already_placed = already_placed


class BadGap(ValueError):
    """The gap is not one of the line's gaps."""


@dataclass(frozen=True)
class BoardRow:
    """A player's ranked game of the day."""

    rank: int
    nickname: str
    score: int
    is_me: bool


def certainly_before(a: Event, b: Event) -> bool:
    """The whole of a's date range ends before b's begins."""
    return a.end_day < b.start_day


def fits(card: Event, line: list[Event], gap: int) -> bool:
    """Tell whether the card may go into the gap (0 = before the first card)."""
    return (not any(certainly_before(card, left) for left in line[:gap])
            and not any(certainly_before(right, card) for right in line[gap:]))


def right_gap(card: Event, line: list[Event]) -> int:
    """The first gap the card fits (one always exists: the line is in order)."""
    return next(gap for gap in range(len(line) + 1) if fits(card, line, gap))


def daily_deck(timeline: Timeline, day: date) -> list[int]:
    """The day's deck of event ids, the same for every player."""
    ids = [e.id for e in timeline.events]
    random.Random(f"{timeline.slug}|{day.isoformat()}").shuffle(ids)
    return ids


def open_game(user: User, timeline: Timeline, day: date) -> PlaceGame | None:
    """The user's unfinished game of the day on this timeline."""
    return db.session.scalar(select(PlaceGame).where(
        PlaceGame.user_id == user.id, PlaceGame.timeline_id == timeline.id, PlaceGame.day == day,
        PlaceGame.finished_at.is_(None)).order_by(PlaceGame.id.desc()))


def start_game(user: User, timeline: Timeline, day: date) -> PlaceGame:
    """Resume today's unfinished game or deal a new one; the first of the day is the ranked one."""
    game = open_game(user, timeline, day)
    if game is not None:
        return game
    deck = daily_deck(timeline, day)
    if len(deck) < 2:
        raise GameOver()
    played = db.session.execute(select(func.count()).select_from(PlaceGame).where(
        PlaceGame.user_id == user.id, PlaceGame.timeline_id == timeline.id, PlaceGame.day == day)).scalar_one()
    game = PlaceGame(user_id=user.id, timeline_id=timeline.id, day=day, number=played + 1, deck=deck,
                     line=[deck[0]], drawn=1, lives=LIVES, score=0)
    try:
        db.session.add(game)
        db.session.commit()
    except IntegrityError:  # a parallel start dealt the same game first: play that one
        db.session.rollback()
        game = open_game(user, timeline, day)
        if game is None:
            raise
    return game


def events_by_id(timeline: Timeline) -> dict[int, Event]:
    """The timeline's events by id."""
    return {e.id: e for e in timeline.events}


def place(game: PlaceGame, card_index: int, gap: int, now: datetime) -> bool:
    """Place the current card into a gap; return whether it was right. One placement per card, even in a race."""
    if game.is_finished:
        raise GameOver()
    if card_index != game.drawn:
        raise StaleCard(already_placed=card_index < game.drawn)
    if not 0 <= gap <= len(game.line):
        raise BadGap(gap)
    events = events_by_id(game.timeline)
    line = [events[i] for i in game.line]
    card = events[game.deck[game.drawn]]
    right = fits(card, line, gap)
    at = gap if right else right_gap(card, line)
    new_line = game.line[:at] + [card.id] + game.line[at:]
    lives = game.lives - (0 if right else 1)
    drawn = game.drawn + 1
    done = lives == 0 or drawn >= len(game.deck)
    changed = changed_rows(
        update(PlaceGame).where(PlaceGame.id == game.id, PlaceGame.drawn == card_index).values(
            line=new_line, lives=lives, drawn=drawn, score=PlaceGame.score + int(right),
            last={"event": card.id, "right": right, "at": at}, finished_at=now if done else None)
    )
    db.session.commit()
    if changed != 1:
        raise StaleCard(already_placed=True)
    db.session.refresh(game)
    return right


def daily_board(timeline: Timeline, day: date, me: User | None) -> list[BoardRow]:
    """The day's ranked games: best score first, then whoever finished first; hidden players left out.

    Signed-in players only, as on the public quiz boards: guests cost nothing to make, so a few would fill
    the board. A guest still sees their own line (and is listed once they sign up).
    """
    listed = User.role != "guest" if me is None else or_(User.role != "guest", User.id == me.id)
    rows = db.session.execute(
        select(PlaceGame.user_id, User.nickname, PlaceGame.score)
        .join(User, User.id == PlaceGame.user_id)
        .where(PlaceGame.timeline_id == timeline.id, PlaceGame.day == day, PlaceGame.number == 1,
               PlaceGame.finished_at.is_not(None), User.hidden_from_boards.is_(False), listed)
        .order_by(PlaceGame.score.desc(), PlaceGame.finished_at, PlaceGame.id).limit(BOARD_SIZE)
    ).all()
    board, rank = [], 0
    for n, (user_id, nickname, score) in enumerate(rows):
        if n == 0 or score != rows[n - 1].score:
            rank = n + 1
        board.append(BoardRow(rank, nickname, score, me is not None and me.id == user_id))
    return board


def personal_best(user: User, timeline: Timeline) -> int | None:
    """The user's best finished game on this timeline, any day."""
    return db.session.scalar(select(func.max(PlaceGame.score)).where(
        PlaceGame.user_id == user.id, PlaceGame.timeline_id == timeline.id, PlaceGame.finished_at.is_not(None)))
