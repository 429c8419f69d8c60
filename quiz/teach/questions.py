"""Question bank pages: browse, write, edit, preview, archive and curate questions."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from quiz.forms import EmptyForm
from quiz.errors import abort_with
from quiz.extensions import db
from quiz.models import Question, Timeline
from quiz.kinds import is_authored, kind_for, kind_label
from quiz.security import bounded_int, query_int, safe_next
from quiz.services import authoring
from quiz.teach import bp
from quiz.teach.correction_forms import CorrectionForm
from quiz.teach.forms import QuestionFilterForm, QuestionForm
from quiz.web import render_form, require_owner, require_post_form, row_or_404


def timelines() -> list[Timeline]:
    """Every timeline with its events, for the pickers."""
    return list(db.session.scalars(select(Timeline).order_by(Timeline.id)))


def event_choices(all_label: str) -> list[SelectChoice]:
    """Events of every timeline as select options, after a 'none/all' entry."""
    return [SelectChoice(0, all_label)] + [SelectChoice(e.id, f"{t.title} · {e.date_label} {e.headline}"[:120])
                                           for t in timelines() for e in t.events]


def question_form(kind: str, question: Question | None = None) -> QuestionForm:
    """A question form with the timeline and event pickers filled in."""
    found = timelines()
    form = QuestionForm(kind, {t.id: {e.id for e in t.events} for t in found},
                        languages={t.id: t.language for t in found},
                        current_image_id=question.image_id if question is not None else None)
    form.timeline.choices = [SelectChoice(t.id, t.title) for t in found]
    form.event.choices = event_choices(_("No event"))
    if question is not None and request.method == "GET":
        form.load(question)
    return form


def question_or_404(question_id: int, change: bool = True) -> Question:
    """Find a question; a custom one belongs to its author (and admins).

    Generated questions are shared by every teacher to read, but only admins and the timeline's
    importer (`Timeline.owner_id`; nobody for the bundled one) may correct or hide them: they are the
    public site's questions (the rule is authoring.may_change; other teachers change their own copy).
    """
    question = row_or_404(Question, question_id, _("There is no such question."))
    if question.origin != "generated":
        require_owner(question.author_id, _("Only its author may change this question."))
    elif change:
        owner_id = question.timeline.owner_id if question.timeline else None
        require_owner(owner_id, _("Only admins and the timeline's importer may change its generated questions."))
    return question


@bp.context_processor
def question_rights() -> dict:
    """Teaching pages offer Edit and Hide only where the teacher may use them (authoring.may_change)."""
    return {"may_change": lambda question: authoring.may_change(question, current_user)}


@bp.route("/questions")
def questions():
    """Browse the question bank by event, kind, origin and visibility."""
    form = QuestionFilterForm(request.args)
    form.event.choices = event_choices(_("All events"))
    kinds = db.session.scalars(select(Question.kind).distinct().order_by(Question.kind)).all()
    form.kind.choices = [SelectChoice("", _("All"))] + [SelectChoice(k, kind_label(k)) for k in kinds]
    if not form.validate():
        abort_with(400, _("Unknown filter."))
    query = authoring.browse(None, form.event.data or 0, form.kind.data or "", form.origin.data or "",
                             form.show.data or "visible", form.text.data or "",
                             None if current_user.role == "admin" else current_user.id)
    page = db.paginate(query, page=query_int("page", 1), per_page=50, error_out=False)
    filters = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("teach/questions.html", form=form, page=page, filters=filters)


@bp.route("/questions/new/<kind>", methods=["GET", "POST"])
def new_question(kind: str):
    """Write a new question of one kind."""
    if not is_authored(kind):
        abort_with(404, _("There is no such kind of question."))
    form = question_form(kind)
    if form.validate_on_submit():
        question = authoring.save_question(None, form.to_draft(), current_user)
        flash(_("Question saved."), "success")
        return redirect(url_for("teach.preview_question", question_id=question.id))
    return render_form("teach/question_form.html", form, kind=kind, question=None)


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
def edit_question(question_id: int):
    """Edit a question: a custom one fully, a generated one's wording (kept on regeneration)."""
    question = question_or_404(question_id)
    if question.origin == "generated":
        return correct_generated(question)
    form = question_form(question.kind, question)
    if form.validate_on_submit():
        authoring.save_question(question, form.to_draft(), current_user)
        flash(_("Question saved. Past attempts keep the version they were answered with."), "success")
        return redirect(url_for("teach.preview_question", question_id=question.id))
    return render_form("teach/question_form.html", form, kind=question.kind, question=question)


def correct_generated(question: Question):
    """Correct a generated question in place: wording, options, right option and explanation."""
    form = CorrectionForm(question)
    if request.method == "GET":
        form.load()
    if form.validate_on_submit():
        authoring.correct(question, form.to_draft())
        flash(_("Question corrected; regenerating the questions keeps your correction."), "success")
        return redirect(url_for("teach.preview_question", question_id=question.id))
    return render_form("teach/correction_form.html", form, question=question)


@bp.route("/questions/<int:question_id>/preview")
def preview_question(question_id: int):
    """Show the question as a student sees it, then its key and explanation."""
    question = question_or_404(question_id, change=False)
    kind = kind_for(question.kind)
    form = kind.answer_form(position=0)
    kind.offer(form, question.choices)
    return render_template("teach/preview.html", item=question, form=form, action_form=EmptyForm(),
                           answered=authoring.times_answered(question))


@bp.route("/questions/<int:question_id>/copy", methods=["POST"])
def copy_question(question_id: int):
    """Make the teacher's own copy of a question (a shared one cannot be changed) and edit it."""
    question = question_or_404(question_id, change=False)
    require_post_form()
    copy = authoring.copy_question(question, current_user)
    flash(_("This copy is yours to change; the original stays as it is."), "info")
    return redirect(url_for("teach.edit_question", question_id=copy.id))


@bp.route("/questions/<int:question_id>/<any(hide, restore):action>", methods=["POST"])
def hide_question(question_id: int, action: str):
    """Archive (hide) a question or bring it back; it is never deleted."""
    question = question_or_404(question_id)
    require_post_form()
    authoring.set_hidden(question, action == "hide")
    flash(_("Question hidden: it will not be drawn again.") if action == "hide" else _("Question restored."), "info")
    return redirect(safe_next(request.form.get("next"), url_for("teach.preview_question", question_id=question.id)))


@bp.route("/questions/bulk/<any(hide, restore):action>", methods=["POST"])
def hide_questions(action: str):
    """Hide or restore the questions ticked on a page of the bank (50 at most)."""
    require_post_form()
    ids = [n for n in map(bounded_int, request.form.getlist("ids")[:50]) if n is not None]
    changed = authoring.set_hidden_many(ids, action == "hide", current_user)
    flash(ngettext("%(num)d question hidden.", "%(num)d questions hidden.", changed) if action == "hide"
          else ngettext("%(num)d question restored.", "%(num)d questions restored.", changed), "info")
    return redirect(safe_next(request.form.get("next"), url_for("teach.questions")))
