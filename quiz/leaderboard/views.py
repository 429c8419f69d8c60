"""Board pages: read one page and the viewer's "near me" lines; the privacy switch."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quiz.errors import abort_with
from quiz.extensions import db
from quiz.leaderboard import bp
from quiz.leaderboard.forms import BoardQuery, PrivacyForm
from quiz.models import Classroom, now_utc
from quiz.services import classes, leaderboard, standings
from quiz.web import published_quiz_or_404


# The overall public board, like the bundled quizzes' boards, lists signed-in players only.
OVERALL_SIGNED_IN_ONLY = True

# The page of each kind of board, by (for one quiz?, for one class?), for its tab and page links.
ENDPOINTS = {(False, False): "leaderboard.overall", (True, False): "leaderboard.quiz_board",
             (False, True): "leaderboard.class_board", (True, True): "leaderboard.class_quiz_board"}


def read_query() -> BoardQuery:
    """Validate the tab, ranking and cursor from the query string, refusing anything else."""
    query = BoardQuery(request.args)
    if not query.validate():
        abort_with(400, _("Unknown leaderboard tab or page."))
    return query


def signed_in_only(quiz, classroom) -> bool:
    """Whether guests are left off: a class board lists its members; a public board follows its quiz."""
    if classroom is not None:
        return False
    return quiz.board_signed_in_only if quiz is not None else OVERALL_SIGNED_IN_ONLY


def render_board(query: BoardQuery, quiz=None, classroom=None, show_hidden: bool = False):
    """Render a board page: the rule, the tabs, one page of ranks and the viewer's neighbourhood."""
    board = leaderboard.Board(standings.period_key(query.period.data, now_utc()),
                              quiz.id if quiz else None, query.by.data,
                              classroom.id if classroom else None, show_hidden, signed_in_only(quiz, classroom))
    viewer = current_user.id if current_user.is_authenticated else None
    size = current_app.config.get("LEADERBOARD_PAGE_SIZE", 25)
    try:
        entries, more = leaderboard.page(board, viewer, query.after.data, size)
    except leaderboard.UnknownCursor:
        abort_with(404, _("That page of the leaderboard no longer exists."))
    on_page = any(e.user_id == viewer for e in entries)
    near = leaderboard.near_me(board, viewer) if viewer and not on_page else []
    endpoint = ENDPOINTS[quiz is not None, classroom is not None]
    args = {**({"slug": quiz.slug} if quiz else {}), **({"class_id": classroom.id} if classroom else {})}
    return render_template("leaderboard/board.html", quiz=quiz, classroom=classroom, show_hidden=show_hidden,
                           signed_in_only=board.signed_in_only, endpoint=endpoint, board_args=args, query=query,
                           entries=entries, more=more, near=near, viewer=viewer)


@bp.route("/")
def overall():
    """Show the overall board: the sum of each player's best score per quiz."""
    return render_board(read_query())


@bp.route("/quiz/<slug>")
def quiz_board(slug: str):
    """Show one quiz's board: each player's best finished attempt."""
    quiz = published_quiz_or_404(slug)
    return render_board(read_query(), quiz)


def class_or_404(class_id: int) -> tuple[Classroom, bool]:
    """The class whose board the viewer may see, and whether they see it as its teacher.

    Only the class's students, its teacher and admins may; to anyone else the class does not
    exist (404), so a board never confirms a class's id to outsiders.
    """
    classroom = db.session.get(Classroom, class_id)
    access = classes.board_access(classroom, current_user) if classroom else None
    if classroom is None or access is None:
        abort_with(404, _("There is no such class."))
    return classroom, access == "teacher"


@bp.route("/class/<int:class_id>")
@login_required
def class_board(class_id: int):
    """Show a class's overall board: its students only; their teacher also sees hidden students."""
    classroom, teacher = class_or_404(class_id)
    return render_board(read_query(), None, classroom, teacher)


@bp.route("/class/<int:class_id>/quiz/<slug>")
@login_required
def class_quiz_board(class_id: int, slug: str):
    """Show one quiz's board among a class's students."""
    classroom, teacher = class_or_404(class_id)
    return render_board(read_query(), published_quiz_or_404(slug), classroom, teacher)


@bp.route("/privacy", methods=["GET", "POST"])
@login_required
def privacy():
    """Let a player hide from (or return to) the public boards."""
    form = PrivacyForm(hidden=current_user.hidden_from_boards)
    if form.validate_on_submit():
        standings.set_hidden(current_user.id, bool(form.hidden.data))
        db.session.commit()
        flash(_("You are now hidden from public leaderboards.") if form.hidden.data
              else _("You are now shown on public leaderboards."), "success")
        return redirect(url_for("leaderboard.privacy"))
    return render_template("leaderboard/privacy.html", form=form)
