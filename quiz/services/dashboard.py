"""The teacher's dashboard: how each class is doing on its assignments, and the latest results."""
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Assignment, Attempt, ClassMember, Classroom, Quiz, User
from quiz.services.classes import classes_of


@dataclass
class AssignmentStatus:
    """One assignment seen from the class: who finished it, their average best share, overdue."""

    assignment: Assignment
    students: int
    done: int
    average: float | None  # mean of each finisher's best share of the points, 0..1

    @property
    def not_done(self) -> int:
        """Students of the class with no finished attempt."""
        return self.students - self.done

    def overdue(self, now: datetime) -> bool:
        """Past the deadline with someone still missing."""
        return self.assignment.due_at is not None and self.assignment.due_at < now and self.not_done > 0


@dataclass
class ClassOverview:
    """A class with its student count and the status of each assignment."""

    classroom: Classroom
    students: int
    assignments: list[AssignmentStatus]


def best_shares(classroom_id: int, quiz_ids: list[int]) -> dict[int, list[float]]:
    """Per quiz, each class member's best finished share of the points (one value per student)."""
    if not quiz_ids:
        return {}
    share = Attempt.score / func.nullif(Attempt.total, 0)
    rows = db.session.execute(
        select(Attempt.quiz_id, Attempt.user_id, func.max(func.coalesce(share, 0.0)))
        .join(ClassMember, (ClassMember.user_id == Attempt.user_id) & (ClassMember.classroom_id == classroom_id))
        .where(Attempt.quiz_id.in_(quiz_ids), Attempt.finished_at.is_not(None))
        .group_by(Attempt.quiz_id, Attempt.user_id))
    found: dict[int, list[float]] = {}
    for quiz_id, _user_id, best in rows:
        found.setdefault(quiz_id, []).append(float(best))
    return found


def class_overview(classroom: Classroom) -> ClassOverview:
    """How the class is doing on each of its assignments."""
    students = len(classroom.members)
    shares = best_shares(classroom.id, [a.quiz_id for a in classroom.assignments])
    statuses = []
    for assignment in classroom.assignments:
        done = shares.get(assignment.quiz_id, [])
        average = sum(done) / len(done) if done else None
        statuses.append(AssignmentStatus(assignment, students, len(done), average))
    return ClassOverview(classroom, students, statuses)


def overviews(teacher: User) -> list[ClassOverview]:
    """The overview of every class the teacher sees."""
    return [class_overview(c) for c in classes_of(teacher)]


def recent_results(teacher: User, limit: int = 10) -> list[Attempt]:
    """The latest finished attempts at the teacher's quizzes (every teacher's for an admin), by students: a
    quiz's owner trying it out is not a result."""
    query = (select(Attempt).join(Quiz, Quiz.id == Attempt.quiz_id)
             .where(Attempt.finished_at.is_not(None), Quiz.owner_id.is_not(None), Attempt.user_id != Quiz.owner_id)
             .order_by(Attempt.finished_at.desc(), Attempt.id.desc()).limit(limit))
    if teacher.role != "admin":
        query = query.where(Quiz.owner_id == teacher.id)
    return list(db.session.scalars(query))


def local_now(zone: str) -> datetime:
    """The wall-clock time deadlines are compared with: teachers type them in the school's zone."""
    return datetime.now(ZoneInfo(zone)).replace(tzinfo=None)
