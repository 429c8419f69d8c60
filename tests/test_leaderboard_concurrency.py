"""Attempts finishing at the same moment, as real parallel requests to a real server thread."""
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

from sqlalchemy import func, select
from werkzeug.serving import make_server

from helpers import answer_form, fixed_quiz, item_at
from quiz.extensions import db
from quiz.models import BoardTotal, Standing, User
from quiz.services import leaderboard

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
PLAYERS = 6


class Browser:
    """One player's cookie jar and form posts against the live server."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, path: str) -> str:
        """Fetch a page as text."""
        return self.opener.open(self.base + path, timeout=30).read().decode()

    def post(self, path: str, data: dict, token_from: str = "/") -> tuple[int, str]:
        """Post a form with a fresh CSRF token; return the final status and URL."""
        fields = {**data, "csrf_token": TOKEN.search(self.get(token_from)).group(1)}
        body = urllib.parse.urlencode(fields, doseq=True).encode()
        try:
            response = self.opener.open(self.base + path, data=body, timeout=30)
            return response.status, response.url
        except urllib.error.HTTPError as error:
            return error.code, path


def serve(app):
    """Run the app on a threaded WSGI server; return its base URL and a stop function."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{httpd.server_port}", httpd.shutdown


def test_simultaneous_finishes_give_one_row_each_no_lost_total_and_right_ranks(app):
    quizzes = [fixed_quiz(f"race-{k}", [kind]).slug for k, kind in enumerate(("fact", "date_year"))]
    base, stop = serve(app)
    try:
        players = [Browser(base) for _ in range(PLAYERS)]
        for n, browser in enumerate(players):
            browser.post("/auth/guest", {"nickname": f"并发{n}"})
        attempts = {(n, slug): int(b.post(f"/quiz/{slug}/start", {})[1].rstrip("/").split("/")[-1])
                    for n, b in enumerate(players) for slug in quizzes}
        forms = {key: answer_form(item_at(aid, 0), right=(key[0] + i) % 2 == 0)
                 for i, (key, aid) in enumerate(sorted(attempts.items()))}
        barrier, statuses = threading.Barrier(len(attempts) * 2), []

        def submit(key):
            browser, path = players[key[0]], f"/attempt/{attempts[key]}/answer"
            token_page = f"/attempt/{attempts[key]}"
            fields = {**forms[key], "csrf_token": TOKEN.search(browser.get(token_page)).group(1)}
            body = urllib.parse.urlencode(fields, doseq=True).encode()
            barrier.wait(timeout=30)
            try:
                statuses.append(browser.opener.open(base + path, data=body, timeout=30).status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)

        threads = [threading.Thread(target=submit, args=(key,)) for key in attempts for _twice in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        stop()
    assert len(statuses) == len(threads) and set(statuses) <= {200, 409}, statuses
    db.session.expire_all()
    per_key = db.session.execute(select(Standing.user_id, Standing.quiz_id, Standing.period, func.count())
                                 .group_by(Standing.user_id, Standing.quiz_id, Standing.period)).all()
    assert len(per_key) == PLAYERS * 2 * 3 and {row[3] for row in per_key} == {1}
    totals = {t.user_id: t for t in db.session.scalars(select(BoardTotal).where(BoardTotal.period == "all"))}
    nick = dict(db.session.execute(select(User.id, User.nickname)).all())
    for user_id, total in totals.items():
        n = int(nick[user_id].removeprefix("并发"))
        expected = sum(1 for i, key in enumerate(sorted(attempts)) if key[0] == n and (key[0] + i) % 2 == 0)
        assert (total.quizzes, total.score) == (2, expected)
    entries, _more = leaderboard.page(leaderboard.Board("all"), None, None, 50)
    assert len(entries) == PLAYERS and all(a.score >= b.score for a, b in zip(entries, entries[1:]))
    for entry in entries:
        assert entry.rank == 1 + sum(1 for other in entries if (other.score, -other.seconds) > (entry.score, -entry.seconds))
