"""`flask seed-leaderboard` (the benchmarks' data): its boards obey the same rules as played ones."""
from sqlalchemy import func, select, text

from leaderboard_support import ranks
from quiz.extensions import db
from quiz.models import BoardTotal, Standing, User


def seed(app, *args: str):
    """Run the command in-process, as `flask seed-leaderboard ARGS` would."""
    return app.test_cli_runner().invoke(args=["seed-leaderboard", *args])


def test_seeded_totals_are_the_sums_of_each_players_best_standings(app):
    result = seed(app, "--players", "10", "--answers", "200")
    assert result.exit_code == 0, result.output
    assert "seeded 10 players, 20 attempts, 200 answers" in result.output
    totals = dict(db.session.execute(select(BoardTotal.user_id, BoardTotal.score).where(BoardTotal.period == "all")).all())
    sums = dict(db.session.execute(select(Standing.user_id, func.sum(Standing.score))
                                   .where(Standing.period == "all").group_by(Standing.user_id)).all())
    assert len(totals) == 10 and totals == sums


def test_the_public_board_leaves_out_seeded_guests_and_hidden_players(app, client):
    assert seed(app, "--players", "10", "--answers", "100").exit_code == 0
    listed = {name for _rank, name in ranks(client.get("/leaderboard/").get_data(as_text=True))}
    users = db.session.scalars(select(User)).all()
    assert listed == {u.nickname for u in users if u.role != "guest" and not u.hidden_from_boards}
    assert len(listed) == 7  # of ten: two guests (players 0 and 5) and one hidden (player 7) are left out


def test_players_sign_up_and_play_after_a_seed(app, client, actions):
    """Seeded rows carry their own ids: on PostgreSQL the id sequences must be moved past them, or the
    next sign-up and the next attempt would take ids already used."""
    if db.engine.dialect.name == "postgresql":  # as in a new database: the next id follows the largest
        for table in ("users", "attempts"):
            db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                    f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"))
        db.session.commit()
    assert seed(app, "--players", "10", "--answers", "200").exit_code == 0
    assert actions.guest("after-seed").status_code == 302
    assert client.get(f"/attempt/{actions.start()}").status_code == 200
    newest = db.session.scalar(select(User).order_by(User.id.desc()).limit(1))
    assert newest.nickname == "after-seed"


def test_seeding_nothing_is_refused_with_a_message(app):
    result = seed(app, "--players", "0")
    assert result.exit_code != 0 and "--players" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0
