"""Leaderboard read path: pages and "near me", read from standings by key, never from answers."""
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from functools import cached_property, lru_cache

from sqlalchemy import BindParameter, ColumnElement, and_, bindparam, func, or_, select, union_all
from sqlalchemy.orm import QueryableAttribute, aliased

from quiz import unit_of_work
from quiz.models import Assignment, BoardCount, BoardTotal, ClassMember, Standing, User

Order = list[tuple[QueryableAttribute[Any], bool]]  # (a model's column, descending)
Viewer = int | BindParameter[Any] | None

# The read statements are built once per board and shape (and cached): building one costs several
# times what running it does. The viewer, the player and the key are bound at each execution. They
# select columns, not objects, so they run on the connection: through the ORM session each paid for
# an ORM execution (about a sixth of a board page).
VIEWER: BindParameter[Any] = bindparam("viewer")
PLAYER: BindParameter[Any] = bindparam("player")
KEY: tuple[BindParameter[Any], ...] = tuple(bindparam(f"key{i}") for i in range(4))


class UnknownCursor(LookupError):
    """A page cursor names a player who is not on this board."""


@dataclass(frozen=True)
class Board:
    """One board: a quiz's (or, with no quiz, the overall totals), in one period, by score or accuracy.

    With `class_id` only that class's students are on it; `show_hidden` (for their teacher) also
    lists students who hid themselves from public boards. With `signed_in_only` guests are left
    off (a guest still sees their own line): guests cost nothing to make, accounts do.
    """

    period: str
    quiz_id: int | None = None
    by: str = "score"
    class_id: int | None = None
    show_hidden: bool = False
    signed_in_only: bool = False

    @cached_property
    def model(self):
        """The table the board reads: best attempt per quiz, or the sum over quizzes.

        A class's overall board sums only the quizzes assigned to the class (not public quizzes its
        students played elsewhere); a class is small, so it adds up their standings on the fly.
        """
        if self.quiz_id is not None:
            return Standing
        return BoardTotal if self.class_id is None else class_totals(self.class_id)

    def scope(self) -> list[ColumnElement[bool]]:
        """The board's rows before privacy: its period, its quiz, its class."""
        m = self.model
        scope = [m.period == self.period] + ([m.quiz_id == self.quiz_id] if self.quiz_id is not None else [])
        if self.class_id is not None:
            scope.append(m.user_id.in_(select(ClassMember.user_id).where(ClassMember.classroom_id == self.class_id)))
        return scope

    def visible(self) -> ColumnElement[bool]:
        """Who anyone may see on it: not hidden, and not a guest where the board is for accounts only."""
        m = self.model
        return and_(m.hidden.is_(False), m.guest.is_(False)) if self.signed_in_only else m.hidden.is_(False)

    def rows(self, viewer_id: Viewer) -> list[ColumnElement[bool]]:
        """Who is on the board as this viewer sees it: visible players, plus the viewer themselves."""
        if self.show_hidden:
            return self.scope()
        visible = self.visible()
        return self.scope() + [or_(visible, self.model.user_id == viewer_id) if viewer_id is not None else visible]


def class_totals(class_id: int):
    """Board totals of a class's students over the class's assigned quizzes, shaped like BoardTotal."""
    s = Standing
    score, total = func.sum(s.score), func.sum(s.total)
    sums = (select(func.min(s.id).label("id"), s.user_id, s.period, func.count().label("quizzes"),
                   score.label("score"), total.label("total"),
                   func.coalesce(score / func.nullif(total, 0), 0.0).label("accuracy"),
                   func.sum(s.seconds).label("seconds"), func.max(s.finished_at).label("finished_at"),
                   s.hidden, s.guest)
            .where(s.quiz_id.in_(select(Assignment.quiz_id).where(Assignment.classroom_id == class_id)))
            .group_by(s.user_id, s.period, s.hidden, s.guest).subquery("class_totals"))
    return aliased(BoardTotal, sums, adapt_on_names=True)


def ranking_rule(board: Board) -> tuple[Order, int]:
    """THE ranking rule of every board; every query orders and ranks with it.

    By score: more points first, then less time taken, then whoever finished first, then user id
    (only so the order never changes between page views). Players equal in points AND time share
    a rank, and the next rank skips (1, 2, 2, 4): finish time orders them but does not split them.
    By accuracy (no speed component): higher share of right answers first, then whoever finished
    first; equal shares share a rank.
    Returns the ordering columns, each with whether it is descending, and how many decide the rank.
    """
    m = board.model
    if board.by == "accuracy":
        return [(m.accuracy, True), (m.finished_at, False), (m.user_id, False)], 1
    return [(m.score, True), (m.seconds, False), (m.finished_at, False), (m.user_id, False)], 2


def ahead_of(order: Order, key: tuple, depth: int, ahead: bool = True) -> ColumnElement[bool]:
    """Rows placed before `key` (or after it, ahead=False) by the first `depth` ordering columns."""
    clauses = []
    for i, (column, desc) in enumerate(order[:depth]):
        better = column > key[i] if desc == ahead else column < key[i]
        clauses.append(and_(*[order[j][0] == key[j] for j in range(i)], better))
    first, desc = order[0]
    bound = first >= key[0] if desc == ahead else first <= key[0]  # lets the index seek to the range
    return and_(bound, or_(*clauses))


@dataclass(frozen=True)
class Entry:
    """One line of a board as shown: rank, nickname (never a login name) and the figures."""

    rank: int
    user_id: int
    nickname: str
    is_guest: bool
    score: float
    total: int
    accuracy: float
    seconds: int
    finished_at: datetime
    quizzes: int | None = None


def key_of(board: Board, user_id: int, viewer_id: int | None) -> tuple | None:
    """The ordering key of a player's row on the board, or None when they are not on it."""
    row = unit_of_work.connection().execute(key_statement(board, viewer_id is not None),
                                            {"player": user_id, **bound(viewer_id)}).one_or_none()
    return tuple(row) if row else None


@lru_cache(maxsize=512)
def key_statement(board: Board, with_viewer: bool):
    """key_of's statement for one board."""
    order, _depth = ranking_rule(board)
    return select(*[c for c, _d in order]).where(*board.rows(VIEWER if with_viewer else None),
                                                 board.model.user_id == PLAYER)


def bound(viewer_id: int | None, key: tuple | None = None) -> dict[str, Any]:
    """The values of a cached statement's parameters: the viewer (when there is one) and a key's columns."""
    return {**({"viewer": viewer_id} if viewer_id is not None else {}),
            **{f"key{i}": value for i, value in enumerate(key or ())}}


def read_after(board: Board, viewer_id: int | None, after: tuple | None, limit: int) -> list[Entry]:
    """Up to `limit` rows following the key `after` (from the top when None), with their ranks.

    Pages are read by key from the board index; ranks come from RANK() over the page plus, for a
    page that does not start at the top, the rows ahead of its first row (rows_ahead).
    """
    order, _depth = ranking_rule(board)
    statement = page_statement(board, viewer_id is not None, after is not None, limit)
    rows = unit_of_work.connection().execute(statement, bound(viewer_id, after)).all()
    if not rows:
        return []
    first = tuple(getattr(rows[0], c.key) for c, _d in order)
    tied_on_page = sum(r.page_rank == 1 for r in rows)
    placed, better = rows_ahead(board, viewer_id, first, tied_on_page) if after else (0, 0)
    # Unpacked in page_statement's column order (an overall board's rows also hold the number of
    # quizzes): reading 25 rows' columns by name cost a twentieth of the page.
    return [Entry(better + 1 if page_rank == 1 else placed + page_rank, user_id, nickname, role == "guest",
                  score, total, accuracy, seconds, finished_at, quizzes[0] if quizzes else None)
            for user_id, score, total, accuracy, seconds, finished_at, *quizzes, nickname, role, page_rank in rows]


def rows_ahead(board: Board, viewer_id: int | None, key: tuple, tied_on_page: int) -> tuple[int, int]:
    """Count rows placed ahead of `key`, the first row of a page, and those of them strictly better by the
    rank columns. `tied_on_page`: how many rows of that page share `key`'s rank columns.

    Public boards read the counts of board_counts; class boards, small, count their rows.
    """
    if counted(board):
        return counted_rows_ahead(board, viewer_id, key, tied_on_page)
    return direct_rows_ahead(board, viewer_id, key)


def counted(board: Board) -> bool:
    """Whether board_counts holds this board's counts: it counts the public boards (no class, no hidden rows)."""
    return board.class_id is None and not board.show_hidden


# For each ranking, the board_counts rows (migration 0019) counting each prefix of its rank columns:
# ('score', score), ('score_time', score, seconds); ('accuracy', accuracy).
COUNT_LEVELS = {"score": ("score", "score_time"), "accuracy": ("accuracy",)}


def counted_rows_ahead(board: Board, viewer_id: int | None, key: tuple, tied_on_page: int) -> tuple[int, int]:
    """rows_ahead from the counts: rows better at the first rank column (one count row per distinct value),
    then, among equal ones, better at the second; rows tied with `key` are one count row.

    The cost is bounded by the distinct values ahead (scores, then times within one score), not by the
    players. Tied rows ahead of the page are all the tied rows less those on it, so no scan of a tie
    (on an accuracy board, a tenth of the players) is needed either. The counts hold visible rows
    only; a viewer who is not (hidden, or a guest on an accounts-only board) still sees their own
    line, so their own row is added where it stands.
    """
    _order, depth = ranking_rule(board)
    found = unit_of_work.connection().execute(counts_statement(board, viewer_id is not None),
                                              bound(viewer_id, key)).one()
    better = sum(found[:depth]) + (found[depth + 1] if viewer_id is not None else 0)
    tied = found[depth] + (found[depth + 2] if viewer_id is not None else 0)
    return better + tied - tied_on_page, better


@lru_cache(maxsize=512)
def counts_statement(board: Board, with_viewer: bool):
    """counted_rows_ahead's statement for one board: the count rows ahead at each rank column, the count of
    the key's tie, then (with a viewer) whether the viewer's own uncounted row is ahead, or tied."""
    order, depth = ranking_rule(board)
    c, m = BoardCount, board.model
    fields = (c.value, c.seconds)
    scope = [c.quiz_id == (board.quiz_id or 0), c.period == board.period,
             c.guest.in_([False] if board.signed_in_only else [False, True])]

    def total(*where: ColumnElement[bool]):
        return select(func.coalesce(func.sum(c.n), 0)).where(*scope, *where).scalar_subquery()

    levels = COUNT_LEVELS[board.by]
    counts = [total(c.ranking == level, *[fields[j] == KEY[j] for j in range(i)],
                    fields[i] > KEY[i] if order[i][1] else fields[i] < KEY[i])
              for i, level in enumerate(levels)]
    counts.append(total(c.ranking == levels[-1], *[fields[j] == KEY[j] for j in range(depth)]))
    if with_viewer:
        mine = [*board.scope(), m.user_id == VIEWER, ~board.visible()]
        counts.append(select(func.count()).where(*mine, ahead_of(order, KEY, depth)).scalar_subquery())
        counts.append(select(func.count()).where(*mine, *[order[j][0] == KEY[j] for j in range(depth)])
                      .scalar_subquery())
    return select(*counts)


def direct_rows_ahead(board: Board, viewer_id: int | None, key: tuple) -> tuple[int, int]:
    """rows_ahead by counting the board's rows: linear in the rank's depth, for class boards (and to check
    the counts against).

    The rows ahead split into disjoint index ranges (a better first column; an equal first and a
    better second; ...), each counted by one seek, so no row is evaluated twice.
    """
    order, depth = ranking_rule(board)
    m = board.model
    counts = [
        select(func.count()).select_from(m).where(
            *board.rows(viewer_id), *[order[j][0] == key[j] for j in range(i)],
            column > key[i] if desc else column < key[i]).scalar_subquery()
        for i, (column, desc) in enumerate(order)
    ]
    found = unit_of_work.connection().execute(select(*counts)).one()
    return sum(found), sum(found[:depth])


@lru_cache(maxsize=512)
def page_statement(board: Board, with_viewer: bool, with_key: bool, limit: int):
    """read_after's statement for one board: the page's rows with nicknames and their RANK() on the page
    (read_after unpacks its columns in this order)."""
    order, depth = ranking_rule(board)
    m = board.model
    extra = [m.quizzes] if board.quiz_id is None else []
    page = nearest(board, VIEWER if with_viewer else None, KEY if with_key else None,
                   [m.user_id, m.score, m.total, m.accuracy, m.seconds, m.finished_at, *extra], limit)
    rank_order = [page.c[c.key].desc() if d else page.c[c.key] for c, d in order[:depth]]
    full_order = [page.c[c.key].desc() if d else page.c[c.key] for c, d in order]
    return (select(page, User.nickname, User.role, func.rank().over(order_by=rank_order).label("page_rank"))
            .join(User, User.id == page.c.user_id).order_by(*full_order))


@lru_cache(maxsize=512)
def above_statement(board: Board, limit: int):
    """near_me's statement for one board: the keys of the `limit` rows just above the viewer's key."""
    order, _depth = ranking_rule(board)
    closest = nearest(board, VIEWER, KEY, [c for c, _d in order], limit, ahead=True)
    return select(*[closest.c[c.key] for c, _d in order])


def nearest(board: Board, viewer_id: Viewer, key: tuple | None, columns: list, limit: int, ahead: bool = False):
    """Up to `limit` rows of the board just after `key` (just before it, closest first, with ahead=True;
    from the top when there is no key), as a subquery of `columns` (which hold the ordering columns).

    Past a key the sort columns' directions differ (score down, time up), so no single index range
    holds the rows: they are one range per ordering column (an equal prefix, then a further value),
    each read by its own seek and limit. A single OR'd condition would scan every row sharing the
    key's score (a tenth of the players on an accuracy board) before the first one it keeps.
    """
    order, _depth = ranking_rule(board)

    def part(*where: ColumnElement[bool]):
        return (select(*columns).where(*board.rows(viewer_id), *where)
                .order_by(*[c.desc() if d != ahead else c for c, d in order]).limit(limit))

    if key is None:
        return part().subquery()
    ranges = [part(*[order[j][0] == key[j] for j in range(i)], column > key[i] if desc == ahead else column < key[i])
              for i, (column, desc) in enumerate(order)]
    both = union_all(*[select(r.subquery()) for r in ranges]).subquery()
    return select(both).order_by(*[both.c[c.key].desc() if d != ahead else both.c[c.key] for c, d in order]
                                 ).limit(limit).subquery()


def page(board: Board, viewer_id: int | None, after_user: int | None, size: int) -> tuple[list[Entry], bool]:
    """One page of the board after the row of `after_user`; also tell whether more rows follow."""
    after = None
    if after_user is not None:
        after = key_of(board, after_user, viewer_id)
        if after is None:
            raise UnknownCursor(after_user)
    entries = read_after(board, viewer_id, after, size + 1)
    return entries[:size], len(entries) > size


def near_me(board: Board, viewer_id: int, span: int = 2) -> list[Entry]:
    """The viewer's own line with up to `span` players just above and below; empty if not ranked."""
    mine = key_of(board, viewer_id, viewer_id)
    if mine is None:
        return []
    above = unit_of_work.connection().execute(above_statement(board, span + 1), bound(viewer_id, mine)).all()
    start = tuple(above[span]) if len(above) > span else None
    return read_after(board, viewer_id, start, min(len(above), span) + 1 + span)
