"""Helpers for leaderboard tests: players and finished attempts with exact scores and times."""
import re
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Attempt, BoardTotal, Quiz, Standing, User, now_utc
from quiz.services import fairplay, standings

RANK_ROW = re.compile(r'<td class="rank">(\d+)</td>\s*<td>([^<]+?)\s*(?:<|$)')


def quiz_id(slug: str = "alipay-quick") -> int:
    """The id of a bundled quiz."""
    return db.session.scalar(select(Quiz.id).where(Quiz.slug == slug))


def player(nickname: str, role: str = "student", hidden: bool = False) -> User:
    """A stored player with a login name that must never be shown."""
    user = User(nickname=nickname, username=None if role == "guest" else f"login-{nickname}", role=role,
                hidden_from_boards=hidden)
    db.session.add(user)
    db.session.commit()
    return user


def finish(user: User, score: float, seconds: float, slug: str = "alipay-quick", total: int = 10,
           at: datetime | None = None, ago: timedelta = timedelta(0)) -> Attempt:
    """A finished attempt, numbered and ranked as the play flow does, folded into the standings by the
    same service the play flow calls."""
    finished = at or now_utc() - ago
    quiz = db.session.get(Quiz, quiz_id(slug))
    number = fairplay.next_number(user.id, quiz.id)
    ranked = fairplay.will_be_ranked(quiz, user.id, number)
    attempt = Attempt(user_id=user.id, quiz_id=quiz.id, started_at=finished - timedelta(seconds=seconds),
                      finished_at=finished, score=score, total=total, answered=total, number=number,
                      ranked=ranked, overall=fairplay.counts_overall(quiz, ranked))
    db.session.add(attempt)
    db.session.flush()
    standings.record_finish(attempt.id)
    db.session.commit()
    return attempt


def standing(user: User, slug: str = "alipay-quick", period: str = "all") -> Standing | None:
    """The player's standing row on a quiz board."""
    db.session.expire_all()
    return db.session.scalar(select(Standing).where(
        Standing.user_id == user.id, Standing.quiz_id == quiz_id(slug), Standing.period == period))


def total_of(user: User, period: str = "all") -> BoardTotal | None:
    """The player's overall total row."""
    db.session.expire_all()
    return db.session.scalar(select(BoardTotal).where(BoardTotal.user_id == user.id, BoardTotal.period == period))


def lines(html: str) -> list[list[str]]:
    """Every line of every board table on a page, in page order: each cell's text, tags left out."""
    rows = re.findall(r'<tr[^>]*>\s*(<td class="rank">.*?)</tr>', html, re.S)
    return [[" ".join(re.sub(r"<[^>]+>", "", cell).split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in rows]


def ranks(html: str) -> list[tuple[int, str]]:
    """(rank, nickname) for every line of every board table on a page, in page order."""
    return [(int(rank), name.strip()) for rank, name in RANK_ROW.findall(html)]


@contextmanager
def quiz_settings(slug: str = "alipay-quick", **values):
    """Change a bundled quiz's fair-play settings for one test, then put them back."""
    quiz = db.session.get(Quiz, quiz_id(slug))
    saved = {name: getattr(quiz, name) for name in values}
    for name, value in values.items():
        setattr(quiz, name, value)
    db.session.commit()
    try:
        yield quiz
    finally:
        db.session.rollback()
        quiz = db.session.get(Quiz, quiz_id(slug))
        for name, value in saved.items():
            setattr(quiz, name, value)
        db.session.commit()
