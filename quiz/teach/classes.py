"""Class pages: create a class, see its code and students, assign quizzes."""
from collections.abc import Iterable

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from quiz.forms import EmptyForm
from quiz.errors import abort_with
from quiz.extensions import db
from quiz.models import Assignment, Classroom, Quiz
from quiz.services import classes as class_service
from quiz.teach import bp
from quiz.teach.quiz_forms import AssignForm, ClassForm
from quiz.web import render_form, render_reset_code, require_owner, require_post_form, row_or_404


def own_class_or_404(class_id: int) -> Classroom:
    """A class of the current teacher (admins may open any class)."""
    classroom = row_or_404(Classroom, class_id, _("There is no such class."))
    require_owner(classroom.teacher_id, _("This class belongs to another teacher."))
    return classroom


def assign_form(quizzes: Iterable[Quiz]) -> AssignForm:
    """The assign form, offering the teacher's quizzes."""
    form = AssignForm()
    form.quiz.choices = [SelectChoice(q.id, q.title) for q in quizzes]
    return form


@bp.route("/classes", methods=["GET", "POST"])
def classes():
    """List the teacher's classes and create a new one."""
    form = ClassForm()
    if form.validate_on_submit():
        classroom = class_service.create_class(current_user, form.name.data)
        flash(_("Class created. Students join with the code %(code)s.", code=classroom.join_code), "success")
        return redirect(url_for("teach.class_page", class_id=classroom.id))
    return render_form("teach/classes.html", form, classrooms=class_service.classes_of(current_user))


@bp.route("/classes/<int:class_id>", methods=["GET", "POST"])
def class_page(class_id: int):
    """Show the class code, its students and assignments; assign a quiz."""
    classroom = own_class_or_404(class_id)
    quizzes = {q.id: q for q in class_service.quizzes_of(current_user)}
    form = assign_form(quizzes.values())
    if form.validate_on_submit():  # the choice is one of the offered quizzes
        try:
            class_service.assign(classroom, quizzes[form.quiz.data], form.due_at.data)
        except class_service.AlreadyAssigned:
            abort_with(409, _("That quiz is already assigned to this class."))
        flash(_("Quiz assigned."), "success")
        return redirect(url_for("teach.class_page", class_id=classroom.id))
    return render_form("teach/class.html", form, classroom=classroom, action_form=EmptyForm())


@bp.route("/assignments/<int:assignment_id>/remove", methods=["POST"])
def unassign(assignment_id: int):
    """Take an assigned quiz back from a class."""
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None:
        abort_with(404, _("There is no such assignment."))
    classroom = own_class_or_404(assignment.classroom_id)
    require_post_form()
    class_service.unassign(assignment)
    flash(_("Assignment removed."), "info")
    return redirect(url_for("teach.class_page", class_id=classroom.id))


@bp.route("/classes/<int:class_id>/students/<int:user_id>/remove", methods=["POST"])
def remove_student(class_id: int, user_id: int):
    """Take a student out of the class; their attempts stay."""
    classroom = own_class_or_404(class_id)
    require_post_form()
    if not class_service.remove_student(classroom, user_id):
        abort_with(404, _("That student is not in this class."))
    flash(_("Student removed from the class."), "info")
    return redirect(url_for("teach.class_page", class_id=classroom.id))


@bp.route("/classes/<int:class_id>/students/<int:user_id>/reset-password", methods=["POST"])
def reset_student_password(class_id: int, user_id: int):
    """Make a one-time code for a student of the class to set a new password; it is shown only now."""
    classroom = own_class_or_404(class_id)
    member = next((m.user for m in classroom.members if m.user_id == user_id), None)
    if member is None:
        abort_with(404, _("There is no such student in this class."))
    require_post_form()
    return render_reset_code(member, url_for("teach.class_page", class_id=classroom.id))
