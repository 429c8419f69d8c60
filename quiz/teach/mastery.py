"""A class's mastery of each timeline: the same strip students see, over all its members."""
from flask import render_template
from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Timeline, now_utc
from quiz.services.mastery import timeline_strip
from quiz.teach import bp
from quiz.teach.classes import own_class_or_404


@bp.route("/classes/<int:class_id>/mastery")
def class_mastery(class_id: int):
    """Show per event how well the class's students know it, from their review schedules."""
    classroom = own_class_or_404(class_id)
    member_ids = [m.user_id for m in classroom.members]
    timelines = db.session.scalars(select(Timeline).order_by(Timeline.id)).all()
    strips = {t.id: timeline_strip(member_ids, t, now_utc()) for t in timelines}
    return render_template("teach/class_mastery.html", classroom=classroom, timelines=timelines, strips=strips)
