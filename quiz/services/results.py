"""Results for teachers: per student, per question and per event, and a CSV export."""
import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Answer, Attempt, AttemptItem, Classroom, Event, Quiz, User, question_events

# Flag thresholds. A flag needs at least MIN_ANSWERS answers to the question (across every attempt
# and, for a rule quiz, every student who drew it): below that one student's slip is not a pattern.
EASY, HARD, MIN_ANSWERS = 0.9, 0.2, 5

# The downloads' column headers, in the UI language of the download: a teacher reads them in Excel.
RESULTS_HEADERS = (_l("Nickname"), _l("Login name"), _l("Attempts"), _l("Best score"), _l("Best time (s)"),
                   _l("Latest score"), _l("Latest time (s)"), _l("Maximum points"))


@dataclass
class StudentResult:
    """One student's finished attempts at a quiz: best and latest score and time."""

    user: User
    attempts: list[Attempt]

    @property
    def best(self) -> Attempt:
        """Highest score; on a tie the faster, then the earlier attempt."""
        return max(self.attempts, key=lambda a: (a.score, -(a.seconds or 0), -a.id))

    @property
    def latest(self) -> Attempt:
        """The attempt finished last."""
        return max(self.attempts, key=lambda a: (a.finished_at, a.id))


@dataclass
class QuestionStat:
    """How one question went: share right, wrong answers chosen, average time, flags."""

    question_id: int
    kind: str
    prompt: str
    answer: object
    number: int = 0  # Qn, as in the gradebook (question_numbers)
    answers: int = 0
    right: int = 0
    seconds: float = 0.0
    wrong: Counter = field(default_factory=Counter)

    @property
    def share(self) -> float:
        """Share of right answers."""
        return self.right / self.answers if self.answers else 0.0

    @property
    def average_seconds(self) -> float:
        """Average time spent on the question."""
        return self.seconds / self.answers if self.answers else 0.0

    @property
    def flags(self) -> list[str]:
        """'easy', 'hard' and 'distractor' (a wrong answer drew more answers than the right one)."""
        found: list[str] = []
        if self.answers < MIN_ANSWERS:
            return found
        if self.share >= EASY:
            found.append("easy")
        if self.share <= HARD:
            found.append("hard")
        if self.wrong and self.wrong.most_common(1)[0][1] > self.right:
            found.append("distractor")
        return found


def as_text(value) -> str:
    """An answer as one line of text (orderings joined with arrows)."""
    return value if isinstance(value, str) else " → ".join(map(str, value or []))


def audience(quiz: Quiz, classroom: Classroom | None) -> list[User] | None:
    """The students whose results count: the class members, or everyone (None)."""
    return None if classroom is None else [m.user for m in classroom.members]


def scoped(query, quiz: Quiz, users: list[User] | None):
    """Limit a query on attempts to the quiz and, when given, to the users."""
    query = query.where(Attempt.quiz_id == quiz.id)
    return query if users is None else query.where(Attempt.user_id.in_([u.id for u in users]))


def student_results(quiz: Quiz, users: list[User] | None) -> tuple[list[StudentResult], list[User]]:
    """Each student's finished attempts, best score first, and the students with none."""
    finished = db.session.scalars(scoped(select(Attempt), quiz, users).where(Attempt.finished_at.is_not(None)))
    by_user: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in finished:
        by_user[attempt.user_id].append(attempt)
    rows = [StudentResult(a[0].user, a) for a in by_user.values()]
    rows.sort(key=lambda r: (-r.best.score, r.best.seconds or 0, r.user.nickname))
    missing = [u for u in (users or []) if u.id not in by_user]
    return rows, sorted(missing, key=lambda u: u.nickname)


def question_numbers(quiz: Quiz) -> dict[int, int]:
    """Each question's number n (Qn), the same on the results page and in the gradebook, whoever is shown.

    Q1 is the quiz's first question, in the quiz's own order (attempts may shuffle it); questions a rule
    quiz drew (or since removed from the quiz) follow, in the order they were first drawn.
    """
    numbers = {item.question_id: n for n, item in enumerate(quiz.items, start=1)}
    drawn = db.session.execute(
        select(AttemptItem.question_id).join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(Attempt.quiz_id == quiz.id).group_by(AttemptItem.question_id)
        .order_by(func.min(AttemptItem.id))).scalars()
    for question_id in drawn:
        numbers.setdefault(question_id, len(numbers) + 1)
    return numbers


def question_stats(quiz: Quiz, users: list[User] | None) -> list[QuestionStat]:
    """Per-question figures over every answer given in the quiz, hardest first, each with its number."""
    pairs = db.session.execute(scoped(
        select(AttemptItem, Answer).join(Answer, Answer.item_id == AttemptItem.id)
        .join(Attempt, Attempt.id == AttemptItem.attempt_id), quiz, users)).all()
    stats: dict[int, QuestionStat] = {}
    for item, answer in sorted(pairs, key=lambda p: p[1].id):
        stat = stats.setdefault(item.question_id, QuestionStat(item.question_id, item.kind, item.prompt, item.answer))
        stat.prompt, stat.answer = item.prompt, item.answer  # the latest version answered
        stat.answers += 1
        stat.seconds += answer.seconds
        if answer.correct:
            stat.right += 1
        else:
            stat.wrong[as_text(answer.given)] += 1
    numbers = question_numbers(quiz)
    for stat in stats.values():
        stat.number = numbers[stat.question_id]
    return sorted(stats.values(), key=lambda s: (s.share, s.number))


def event_stats(quiz: Quiz, users: list[User] | None) -> list[tuple[Event, int, int]]:
    """Per event of the quiz's timeline, (event, answers, right answers), in timeline order."""
    rows = db.session.execute(scoped(
        select(question_events.c.event_id, Answer.correct)
        .join(Answer, Answer.question_id == question_events.c.question_id)
        .join(Attempt, Attempt.id == Answer.attempt_id), quiz, users)).all()
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for event_id, correct in rows:
        counts[event_id][0] += 1
        counts[event_id][1] += 1 if correct else 0
    events = quiz.timeline.events if quiz.timeline else []
    return [(e, *counts.get(e.id, (0, 0))) for e in events]


def cell(text: str) -> str:
    """Defuse text Excel would run as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def header_row(labels) -> list[str]:
    """A CSV's header row in the UI language, each header defused like every other cell."""
    return [cell(str(label)) for label in labels]


def results_csv(quiz: Quiz, users: list[User] | None) -> str:
    """Every student's best and latest result as CSV (UTF-8 with BOM so Excel reads Chinese)."""
    rows, missing = student_results(quiz, users)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header_row(RESULTS_HEADERS))
    for r in rows:
        writer.writerow([cell(r.user.nickname), cell(r.user.username or ""), len(r.attempts), f"{r.best.score:g}",
                         round(r.best.seconds or 0), f"{r.latest.score:g}", round(r.latest.seconds or 0),
                         r.best.total])
    for user in missing:
        writer.writerow([cell(user.nickname), cell(user.username or ""), 0, "", "", "", "", ""])
    return "\ufeff" + out.getvalue()
