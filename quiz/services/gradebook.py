"""The gradebook: one row per student, one column per question, from each student's best attempt."""
import csv
import io

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Answer, AttemptItem, Quiz, User
from quiz.services.results import cell, header_row, question_numbers, student_results

# Headers in the UI language of the download, then one "Qn prompt" per question (Qn as on the results page).
GRADEBOOK_HEADERS = (_l("Nickname"), _l("Login name"), _l("Best score"), _l("Maximum points"))


def gradebook_csv(quiz: Quiz, users: list[User] | None) -> str:
    """Points per question of each student's best finished attempt (blank: not asked or unanswered).

    Columns are numbered and ordered as on the results page (question_numbers: the quiz's own order,
    whatever order attempts showed): each student of a rule quiz draws different questions, so a row fills
    only the columns of the questions they were asked.
    """
    rows, missing = student_results(quiz, users)
    best_ids = [r.best.id for r in rows]
    points: dict[int, dict[int, float]] = {attempt_id: {} for attempt_id in best_ids}
    prompts: dict[int, str] = {}
    found = db.session.execute(
        select(AttemptItem.attempt_id, AttemptItem.question_id, AttemptItem.prompt, Answer.points)
        .outerjoin(Answer, Answer.item_id == AttemptItem.id)
        .where(AttemptItem.attempt_id.in_(best_ids)).order_by(AttemptItem.attempt_id, AttemptItem.position)
    ).all() if best_ids else []
    for attempt_id, question_id, prompt, item_points in found:
        prompts.setdefault(question_id, prompt)
        if item_points is not None:
            points[attempt_id][question_id] = item_points
    numbers = question_numbers(quiz)
    columns = sorted(prompts, key=numbers.__getitem__)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header_row(GRADEBOOK_HEADERS) + [cell(f"Q{numbers[q]} {prompts[q][:60]}") for q in columns])
    for r in rows:
        earned = points[r.best.id]
        writer.writerow([cell(r.user.nickname), cell(r.user.username or ""), f"{r.best.score:g}", r.best.total]
                        + [f"{earned[q]:g}" if q in earned else "" for q in columns])
    for user in missing:
        writer.writerow([cell(user.nickname), cell(user.username or ""), "", ""] + [""] * len(columns))
    return "\ufeff" + out.getvalue()
