"""Practice sessions of due and new questions, and the daily challenge with its streak.

Both reuse the play machinery: a session is an ordinary Attempt on an unpublished Quiz, so
the answer key stays frozen on the server and every answer is graded by services.play.
Date questions are frozen as "date_entry" items: the student types or picks the date.
"""
import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from quiz.extensions import db
from quiz.models import Attempt, AttemptItem, Question, Quiz, QuizQuestion, ReviewCard, User
from quiz.services import bank, partial, review
from quiz.services.play import new_attempt, snapshot, unfinished_attempt

SESSION_SIZE = 10
DAILY_SIZE = 5
# System quizzes start with "_", which no timeline or teacher's quiz slug may contain
# (imports allow [a-z0-9-] only, teachers' quizzes are "t-..."): a timeline named "daily-2026"
# can never take a future day's challenge.
PRACTICE_SLUG = "_practice"
DAILY_PREFIX = "_daily-"
DATE_KINDS = {"date_year": "year", "date_month": "month", "date_day": "day"}


class DailyDone(Exception):
    """The user already finished today's challenge."""

    def __init__(self, attempt: Attempt):
        super().__init__(attempt.id)
        self.attempt = attempt


def today(timezone: str) -> date:
    """The challenge day in the app's time zone (everyone shares the same day)."""
    return datetime.now(ZoneInfo(timezone)).date()


def ensure_quiz(slug: str, title: str, items: Callable[[], list[QuizQuestion]] = list) -> tuple[Quiz, bool]:
    """Find the unpublished quiz behind a session, or create it with its items; tell whether it is new.

    The quiz and its items are inserted together: no parallel request can find the quiz without
    them (on SQLite the savepoint's release is already a commit when no transaction was open).
    """
    quiz = db.session.scalar(select(Quiz).where(Quiz.slug == slug))
    if quiz is not None:
        return quiz, False
    # Practice teaches by showing each key at once; neither is ever ranked (unpublished).
    quiz = Quiz(slug=slug, title=title, published=False, shuffle=False, position=1000, items=items(),
                reveal="after_each")
    try:
        with db.session.begin_nested():
            db.session.add(quiz)
    except IntegrityError:  # created by a parallel request
        return db.session.execute(select(Quiz).where(Quiz.slug == slug)).scalar_one(), False
    return quiz, True


def entry_precision(kind: str, answer: object) -> str | None:
    """The precision at which a date question's answer is typed, or None to keep it multiple choice.

    Only AD dates written in digits (2008年10月18日, 1971) are typed. BC years, decades, centuries,
    ranges, approximate dates and English month names stay multiple choice: the year, month and
    date inputs hold none of them, and a distance from "c. 1450" has no clear meaning."""
    precision = DATE_KINDS.get(kind)
    key = partial.parse_date(answer) if precision and isinstance(answer, str) else None
    return precision if key is not None and key.precision == precision else None


def freeze(question: Question, position: int) -> AttemptItem:
    """Copy a question into an attempt; a single-date question becomes a typed date entry."""
    item = snapshot(question, position)
    if precision := entry_precision(question.kind, question.answer):
        # The typed date is written back the way the key is: 1971年 for a Chinese key, 1971 for an English one.
        item.kind, item.choices = "date_entry", [precision, partial.label_language(question.answer)]
    return item


def visible(query):
    """Only questions students may be asked: visible ones a published quiz can show (services.bank)."""
    return bank.in_bank(query)


def due_questions(user_id: int, now: datetime, limit: int) -> list[Question]:
    """The user's due questions, most overdue first."""
    rows = db.session.execute(visible(
        select(ReviewCard, Question).join(Question, Question.id == ReviewCard.question_id)
        .where(ReviewCard.user_id == user_id, ReviewCard.due <= now + review.LEARN_AHEAD)
        .order_by(ReviewCard.due, ReviewCard.id)
    )).all()
    return [question for card, question in rows if review.is_due(card, now)][:limit]


def new_questions(user_id: int, count: int, rng: random.Random) -> list[Question]:
    """Questions the user has never answered, drawn at random."""
    seen = select(ReviewCard.question_id).where(ReviewCard.user_id == user_id)
    pool = list(db.session.scalars(visible(select(Question).where(Question.id.not_in(seen))).order_by(Question.id)))
    return rng.sample(pool, min(count, len(pool)))


def due_count(user_id: int, now: datetime) -> int:
    """How many questions are due for the user now."""
    return len(due_questions(user_id, now, 10**6))


def start_practice(user: User, now: datetime, seed: int | None = None) -> Attempt:
    """Resume the open session, or start one: due questions first, new ones fill the rest."""
    quiz, _new = ensure_quiz(PRACTICE_SLUG, "间隔复习练习")
    current = unfinished_attempt(user, quiz)
    if current is not None:
        return current
    rng = random.Random(seed)
    due = due_questions(user.id, now, SESSION_SIZE)
    fresh = new_questions(user.id, SESSION_SIZE - len(due), rng)
    mixed = due + fresh
    rng.shuffle(mixed)
    return new_attempt(user, quiz, mixed, freeze, rng)


def daily_slug(day: date) -> str:
    """The slug of a day's challenge quiz."""
    return f"{DAILY_PREFIX}{day.isoformat()}"


def find_daily(day: date) -> Quiz | None:
    """The day's challenge if anyone has opened it yet (looking never creates it)."""
    return db.session.scalar(select(Quiz).where(Quiz.slug == daily_slug(day)))


def daily_quiz(day: date) -> Quiz:
    """The day's challenge: the same questions for everyone, drawn with the date as seed."""
    def draw() -> list[QuizQuestion]:
        pool = list(db.session.scalars(visible(select(Question)).order_by(Question.id)))
        chosen = random.Random(day.toordinal()).sample(pool, min(DAILY_SIZE, len(pool)))
        return [QuizQuestion(question_id=q.id, position=i) for i, q in enumerate(chosen)]

    quiz, created = ensure_quiz(daily_slug(day), f"每日挑战 {day.isoformat()}", draw)
    if created:
        db.session.commit()
    return quiz


def finished_daily(user: User, quiz: Quiz) -> Attempt | None:
    """The user's finished attempt at a daily challenge, if any."""
    return db.session.scalar(select(Attempt).where(
        Attempt.user_id == user.id, Attempt.quiz_id == quiz.id, Attempt.finished_at.is_not(None)
    ).order_by(Attempt.id))


def daily_attempt(user: User, quiz: Quiz) -> Attempt | None:
    """The user's attempt at a daily challenge, finished or not (there is at most one)."""
    return db.session.scalar(select(Attempt).where(Attempt.user_id == user.id, Attempt.quiz_id == quiz.id)
                             .order_by(Attempt.id))


def start_daily(user: User, day: date) -> Attempt:
    """Resume today's challenge or start it; once finished it cannot be taken again.

    The unique (user, daily_on) constraint decides between parallel starts: the one that loses
    resumes the attempt the winner stored.
    """
    quiz = daily_quiz(day)
    attempt = daily_attempt(user, quiz)
    if attempt is None:
        try:
            return new_attempt(user, quiz, [item.question for item in quiz.items], freeze, daily_on=day)
        except IntegrityError:
            db.session.rollback()
            attempt = daily_attempt(user, quiz)
            if attempt is None:  # not the race: some other constraint failed
                raise
    if attempt.is_finished:
        raise DailyDone(attempt)
    return attempt


def challenge_day(slug: str) -> date | None:
    """The day of a daily challenge's slug; None for any other quiz."""
    try:
        return date.fromisoformat(slug.removeprefix(DAILY_PREFIX))
    except ValueError:
        return None


def streak(user_id: int, day: date) -> int:
    """Consecutive days of finished challenges up to today (or yesterday, if today is still open)."""
    slugs = db.session.scalars(
        select(Quiz.slug).join(Attempt, Attempt.quiz_id == Quiz.id)
        .where(Attempt.user_id == user_id, Attempt.finished_at.is_not(None),
               Quiz.slug.startswith(DAILY_PREFIX, autoescape=True))
    )
    days = {d for d in map(challenge_day, slugs) if d is not None}
    current = day if day in days else day - timedelta(days=1)
    count = 0
    while current in days:
        count, current = count + 1, current - timedelta(days=1)
    return count
