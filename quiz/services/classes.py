"""Classes: a teacher creates one, students join with its code, quizzes are assigned to it."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from quiz.extensions import db
from quiz.models import Assignment, Attempt, ClassMember, Classroom, Quiz, User


class AlreadyAssigned(Exception):
    """The quiz is already assigned to the class."""


def classes_of(teacher: User) -> list[Classroom]:
    """The teacher's classes, oldest first (admins see every class)."""
    query = select(Classroom).order_by(Classroom.id)
    if teacher.role != "admin":
        query = query.where(Classroom.teacher_id == teacher.id)
    return list(db.session.scalars(query))


def quizzes_of(teacher: User) -> list[Quiz]:
    """Quizzes the teacher built (admins see every teacher-built quiz)."""
    query = select(Quiz).where(Quiz.owner_id.is_not(None), Quiz.deleted_at.is_(None)).order_by(Quiz.id)
    if teacher.role != "admin":
        query = query.where(Quiz.owner_id == teacher.id)
    return list(db.session.scalars(query))


def board_access(classroom: Classroom, user: User) -> str | None:
    """Who the user is to the class's leaderboard: "teacher" (its teacher or an admin), "member", or None."""
    if user.role == "admin" or classroom.teacher_id == user.id:
        return "teacher"
    if db.session.get(ClassMember, (classroom.id, user.id)) is not None:
        return "member"
    return None


def create_class(teacher: User, name: str) -> Classroom:
    """Create a class with a fresh join code."""
    classroom = Classroom(teacher_id=teacher.id, name=name)
    db.session.add(classroom)
    db.session.commit()
    return classroom


def find_by_code(code: str) -> Classroom | None:
    """The class with this join code, whatever its case and spaces."""
    return db.session.scalar(select(Classroom).where(Classroom.join_code == code.strip().upper()))


def join(classroom: Classroom, student: User) -> bool:
    """Add the student to the class; return False when they were already in it."""
    if db.session.get(ClassMember, (classroom.id, student.id)) is not None:
        return False
    try:
        with db.session.begin_nested():
            db.session.add(ClassMember(classroom_id=classroom.id, user_id=student.id))
    except IntegrityError:
        return False
    db.session.commit()
    return True


def remove_student(classroom: Classroom, student_id: int) -> bool:
    """Take a student out of the class (their attempts stay); False when they were not in it."""
    member = db.session.get(ClassMember, (classroom.id, student_id))
    if member is None:
        return False
    db.session.delete(member)
    db.session.commit()
    return True


def assign(classroom: Classroom, quiz: Quiz, due_at: datetime | None) -> Assignment:
    """Assign a quiz to the class once, with an optional deadline."""
    assignment = Assignment(classroom_id=classroom.id, quiz_id=quiz.id, due_at=due_at)
    try:
        with db.session.begin_nested():
            db.session.add(assignment)
    except IntegrityError:
        raise AlreadyAssigned() from None
    db.session.commit()
    return assignment


def unassign(assignment: Assignment) -> None:
    """Take a quiz back from a class (attempts stay)."""
    db.session.delete(assignment)
    db.session.commit()


def assignments_for(student: User) -> list[Assignment]:
    """Published quizzes assigned to the student's classes, soonest deadline first."""
    rows = db.session.scalars(
        select(Assignment).join(ClassMember, ClassMember.classroom_id == Assignment.classroom_id)
        .join(Quiz, Quiz.id == Assignment.quiz_id)
        .where(ClassMember.user_id == student.id, Quiz.published.is_(True))
    )
    return sorted(rows, key=lambda a: (a.due_at is None, a.due_at or datetime.max, a.id))


@dataclass
class StudentAssignment:
    """An assignment as its student sees it: their best finished attempt and any unfinished one."""

    assignment: Assignment
    best: Attempt | None
    unfinished: Attempt | None

    def status(self, now: datetime) -> str:
        """'done', 'started', 'overdue' (past the deadline, not done) or 'todo'."""
        if self.best is not None:
            return "done"
        if self.assignment.due_at is not None and self.assignment.due_at < now:
            return "overdue"
        return "started" if self.unfinished is not None else "todo"


def assignment_progress(student: User, assignments: list[Assignment]) -> list[StudentAssignment]:
    """Each assignment with the student's best finished attempt (most points, then fastest) and open one."""
    quiz_ids = {a.quiz_id for a in assignments}
    attempts = db.session.scalars(select(Attempt).where(Attempt.user_id == student.id,
                                                        Attempt.quiz_id.in_(quiz_ids))).all() if quiz_ids else []
    best: dict[int, Attempt] = {}
    unfinished: dict[int, Attempt] = {}
    for attempt in attempts:
        if not attempt.is_finished:
            unfinished[attempt.quiz_id] = attempt
        elif attempt.quiz_id not in best or (attempt.score, -(attempt.seconds or 0)) > \
                (best[attempt.quiz_id].score, -(best[attempt.quiz_id].seconds or 0)):
            best[attempt.quiz_id] = attempt
    return [StudentAssignment(a, best.get(a.quiz_id), unfinished.get(a.quiz_id)) for a in assignments]
