"""The teacher's home page: a dashboard of classes, assignments and recent results."""
from flask import render_template
from flask_login import current_user

from quiz.services import classes, dashboard, reports
from quiz.teach import bp
from quiz.site_time import zone_name


@bp.route("/")
def home():
    """Show each class's assignments (done, not done, average, overdue) and the latest results."""
    return render_template("teach/home.html", overviews=dashboard.overviews(current_user),
                           recent=dashboard.recent_results(current_user),
                           quizzes=classes.quizzes_of(current_user), reported=reports.queue(current_user),
                           now=dashboard.local_now(zone_name()))
