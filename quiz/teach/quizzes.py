"""Quiz builder pages: list, build, edit, publish and unpublish a teacher's quizzes."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from quiz.forms import EmptyForm
from quiz.errors import abort_with
from quiz.extensions import db
from quiz.kinds import kind_label
from quiz.models import Quiz, Timeline
from quiz.security import query_int
from quiz.services import classes, fairplay, quizbuilder
from quiz.teach import bp
from quiz.teach.quiz_forms import QuizForm
from quiz.web import render_form, require_owner, require_post_form, row_or_404


def own_quiz_or_404(quiz_id: int) -> Quiz:
    """A quiz the current teacher built (admins may open any teacher's quiz)."""
    quiz = row_or_404(Quiz, quiz_id, _("There is no such quiz."))
    if quiz.owner_id is None or quiz.deleted_at is not None:  # bundled: nobody edits it here; deleted: gone
        abort_with(404, _("There is no such quiz."))
    require_owner(quiz.owner_id, _("This quiz belongs to another teacher."))
    return quiz


def timeline_or_404(timeline_id: int | None) -> Timeline:
    """The chosen timeline, or the first one."""
    query = select(Timeline).order_by(Timeline.id)
    if timeline_id:
        query = query.where(Timeline.id == timeline_id)
    timeline = db.session.scalar(query)
    if timeline is None:
        abort_with(404, _("There is no such timeline."))
    return timeline


def owner_id_of(quiz: Quiz | None) -> int | None:
    """Whose questions the quiz may use: its owner's, also when an admin edits it; a new quiz is the current user's."""
    return quiz.owner_id if quiz is not None else current_user.id


def quiz_form(timeline: Timeline, quiz: Quiz | None = None) -> QuizForm:
    """The quiz form with the timeline's questions, kinds and events as choices."""
    form = QuizForm()
    pool = quizbuilder.pickable(timeline.id, owner_id_of(quiz))
    form.picked.choices = [SelectChoice(q.id, q.prompt[:140]) for q in pool]
    form.kinds.choices = [SelectChoice(k, kind_label(k)) for k in sorted({q.kind for q in pool})]
    form.events.choices = [SelectChoice(e.id, f"{e.date_label} {e.headline}"[:120]) for e in timeline.events]
    if quiz is not None and request.method == "GET":
        form.load(quiz)
    return form


def save_from(form: QuizForm, timeline: Timeline, quiz: Quiz | None):
    """Save a valid form, or refuse a rule that matches no question."""
    spec = form.to_spec(timeline.id)
    if not spec.picked and quizbuilder.rule_matches(timeline.id, spec.rule, owner_id_of(quiz)) == 0:
        form.kinds.errors = [_("Pick questions, or loosen the rule: it matches no question.")]
        return None
    return quizbuilder.save_quiz(quiz, spec, current_user)


@bp.route("/quizzes")
def quizzes():
    """List the teacher's quizzes."""
    return render_template("teach/quizzes.html", quizzes=classes.quizzes_of(current_user),
                           timelines=db.session.scalars(select(Timeline).order_by(Timeline.id)).all())


@bp.route("/quizzes/new", methods=["GET", "POST"])
def new_quiz():
    """Build a quiz on one timeline."""
    timeline = timeline_or_404(query_int("timeline"))
    form = quiz_form(timeline)
    if form.validate_on_submit() and (quiz := save_from(form, timeline, None)) is not None:
        flash(_("Quiz saved."), "success")
        return redirect(url_for("teach.quiz_page", quiz_id=quiz.id))
    return render_form("teach/quiz_form.html", form, timeline=timeline, quiz=None)


@bp.route("/quizzes/<int:quiz_id>/edit", methods=["GET", "POST"])
def edit_quiz(quiz_id: int):
    """Change a quiz; attempts already started keep their questions."""
    quiz = own_quiz_or_404(quiz_id)
    timeline = timeline_or_404(quiz.timeline_id)
    form = quiz_form(timeline, quiz)
    if form.validate_on_submit() and save_from(form, timeline, quiz) is not None:
        flash(_("Quiz saved."), "success")
        return redirect(url_for("teach.quiz_page", quiz_id=quiz.id))
    return render_form("teach/quiz_form.html", form, timeline=timeline, quiz=quiz)


@bp.route("/quizzes/<int:quiz_id>")
def quiz_page(quiz_id: int):
    """Show a quiz, its link for students and its questions."""
    quiz = own_quiz_or_404(quiz_id)
    questions = [item.question for item in quiz.items]
    return render_template("teach/quiz.html", quiz=quiz, questions=questions, action_form=EmptyForm(),
                           pool=quizbuilder.rule_matches(quiz.timeline_id, quiz.rule or {}, quiz.owner_id)
                           if not questions else 0, rules=fairplay.settings(quiz, None, None))


@bp.route("/quizzes/<int:quiz_id>/<any(publish, unpublish):action>", methods=["POST"])
def publish_quiz(quiz_id: int, action: str):
    """Publish or unpublish a quiz."""
    quiz = own_quiz_or_404(quiz_id)
    require_post_form()
    quizbuilder.set_published(quiz, action == "publish")
    flash(_("Quiz published.") if action == "publish" else _("Quiz unpublished."), "info")
    return redirect(url_for("teach.quiz_page", quiz_id=quiz.id))


@bp.route("/quizzes/<int:quiz_id>/delete", methods=["POST"])
def delete_quiz(quiz_id: int):
    """Delete a quiz: it leaves every list and class; students' past attempts stay."""
    quiz = own_quiz_or_404(quiz_id)
    require_post_form()
    quizbuilder.delete_quiz(quiz)
    flash(_("Quiz “%(title)s” deleted. Students' past attempts are kept.", title=quiz.title), "info")
    return redirect(url_for("teach.quizzes"))


@bp.route("/quizzes/<int:quiz_id>/duplicate", methods=["POST"])
def duplicate_quiz(quiz_id: int):
    """Copy a quiz into a new unpublished one of the same owner, to edit."""
    quiz = own_quiz_or_404(quiz_id)
    require_post_form()
    copy = quizbuilder.duplicate_quiz(quiz, _("%(title)s (copy)", title=quiz.title))
    flash(_("Copy made. It is not published yet."), "success")
    return redirect(url_for("teach.quiz_page", quiz_id=copy.id))
