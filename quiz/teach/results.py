"""Results pages: per student, per question and per event, and a CSV export."""
from flask import Response, render_template

from quiz.models import Classroom
from quiz.security import query_int
from quiz.services import charts, gradebook, results
from quiz.teach import bp
from quiz.teach.classes import own_class_or_404
from quiz.teach.quizzes import own_quiz_or_404


def chosen_class() -> Classroom | None:
    """The class named in ?class=, checked to be the teacher's own."""
    class_id = query_int("class")
    return own_class_or_404(class_id) if class_id else None


@bp.route("/quizzes/<int:quiz_id>/results")
def quiz_results(quiz_id: int):
    """Show a quiz's results, for one class or for everyone who played it."""
    quiz, classroom = own_quiz_or_404(quiz_id), chosen_class()
    users = results.audience(quiz, classroom)
    rows, missing = results.student_results(quiz, users)
    questions = results.question_stats(quiz, users)
    shares = [r.best.score / r.best.total if r.best.total else 0.0 for r in rows]
    return render_template("teach/results.html", quiz=quiz, classroom=classroom, rows=rows, missing=missing,
                           questions=questions, events=results.event_stats(quiz, users), as_text=results.as_text,
                           distribution=charts.distribution(shares), facility=charts.facility(questions),
                           min_answers=results.MIN_ANSWERS)


def csv_download(quiz_id: int, prefix: str, build) -> Response:
    """A CSV of the quiz's results (for ?class= or everyone) built by `build`, as a download."""
    quiz, classroom = own_quiz_or_404(quiz_id), chosen_class()
    body = build(quiz, results.audience(quiz, classroom))
    name = f"{prefix}-{quiz.slug}" + (f"-class{classroom.id}" if classroom else "") + ".csv"
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/quizzes/<int:quiz_id>/results.csv")
def quiz_results_csv(quiz_id: int):
    """Download the per-student results as CSV."""
    return csv_download(quiz_id, "results", results.results_csv)


@bp.route("/quizzes/<int:quiz_id>/gradebook.csv")
def quiz_gradebook_csv(quiz_id: int):
    """Download the gradebook: one row per student, one column per question of their best attempt."""
    return csv_download(quiz_id, "gradebook", gradebook.gradebook_csv)
