"""The teacher's home page."""
from flask import render_template
from flask_login import current_user

from quiz.services import classes
from quiz.teach import bp


@bp.route("/")
def home():
    """Show the teacher's classes and quizzes with links to every tool."""
    return render_template("teach/home.html", classrooms=classes.classes_of(current_user),
                           quizzes=classes.quizzes_of(current_user))
