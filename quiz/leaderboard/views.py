"""Board pages: read one page and the viewer's "near me" lines; the privacy switch."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quiz.errors import abort_with
from quiz.extensions import db
from quiz.leaderboard import bp
from quiz.leaderboard.forms import BoardQuery, PrivacyForm
from quiz.models import now_utc
from quiz.play.views import published_quiz_or_404
from quiz.services import leaderboard, standings


def read_query() -> BoardQuery:
    """Validate the tab, ranking and cursor from the query string, refusing anything else."""
    query = BoardQuery(request.args)
    if not query.validate():
        abort_with(400, _("Unknown leaderboard tab or page."))
    return query


def render_board(query: BoardQuery, quiz=None):
    """Render a board page: the rule, the tabs, one page of ranks and the viewer's neighbourhood."""
    board = leaderboard.Board(standings.period_key(query.period.data, now_utc()),
                              quiz.id if quiz else None, query.by.data)
    viewer = current_user.id if current_user.is_authenticated else None
    size = current_app.config.get("LEADERBOARD_PAGE_SIZE", 25)
    try:
        entries, more = leaderboard.page(board, viewer, query.after.data, size)
    except leaderboard.UnknownCursor:
        abort_with(404, _("That page of the leaderboard no longer exists."))
    on_page = any(e.user_id == viewer for e in entries)
    near = leaderboard.near_me(board, viewer) if viewer and not on_page else []
    return render_template("leaderboard/board.html", quiz=quiz, query=query, entries=entries, more=more, near=near)


@bp.route("/")
def overall():
    """Show the overall board: the sum of each player's best score per quiz."""
    return render_board(read_query())


@bp.route("/quiz/<slug>")
def quiz_board(slug: str):
    """Show one quiz's board: each player's best finished attempt."""
    quiz = published_quiz_or_404(slug)
    return render_board(read_query(), quiz)


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
