"""The placement game: same deck for everyone each day, right and wrong gaps, lives, board and best."""
import calendar
import re
from datetime import date

from sqlalchemy import select, update

from quiz.extensions import db
from quiz.models import Event, PlaceGame, Timeline, User, now_utc
from quiz.services import placement

DAY = date(2026, 12, 4)
GAME_RE = re.compile(r'action="/timeline/alipay/place/(\d+)"')


def bundled() -> Timeline:
    return db.session.scalar(select(Timeline).where(Timeline.slug == "alipay"))


def event(year: int, month: int | None = None, day: int | None = None, position: int = 0) -> Event:
    """An unsaved event with the date range its precision gives."""
    start = date(year, month or 1, day or 1)
    last_day = calendar.monthrange(year, month)[1] if month else 31
    end = start if day else date(year, month or 12, last_day)
    return Event(position=position, start_day=start.toordinal(), end_day=end.toordinal(), headline=f"{start}")


def in_order(line: list[Event]) -> bool:
    """No event on the line certainly happened before one on its left."""
    return all(not placement.certainly_before(b, a) for i, a in enumerate(line) for b in line[i + 1:])


def test_a_card_fits_only_between_events_that_do_not_contradict_its_date():
    line = [event(2003, 10, 18), event(2005, 2), event(2010)]
    card = event(2004, 12, 8)
    assert [placement.fits(card, line, gap) for gap in range(4)] == [False, True, False, False]
    assert placement.right_gap(card, line) == 1


def test_events_whose_dates_overlap_fit_either_way_round():
    line = [event(2008), event(2009, 5)]
    card = event(2008, 9, 21)  # inside the year-only 2008 event
    assert [placement.fits(card, line, gap) for gap in range(3)] == [True, True, False]


def test_everyone_gets_the_same_deck_on_a_day_and_another_one_the_next(app):
    timeline = bundled()
    today = placement.daily_deck(timeline, DAY)
    assert today == placement.daily_deck(timeline, DAY)
    assert sorted(today) == sorted(e.id for e in timeline.events)
    assert today != placement.daily_deck(timeline, date(2026, 12, 5))


def new_player(name: str, role: str = "guest") -> User:
    user = User(nickname=name, role=role)
    db.session.add(user)
    db.session.commit()
    return user


def play_to_the_end(game: PlaceGame, choose) -> None:
    """Place every card the game deals, choosing a gap with `choose(card, line)`."""
    events = placement.events_by_id(game.timeline)
    while not game.is_finished:
        line = [events[i] for i in game.line]
        placement.place(game, game.drawn, choose(events[game.deck[game.drawn]], line), now_utc())


def test_placing_every_card_right_scores_the_whole_deck(app):
    game = placement.start_game(new_player("全对"), bundled(), DAY)
    play_to_the_end(game, placement.right_gap)
    assert game.score == len(game.deck) - 1 and game.lives == 3
    events = placement.events_by_id(game.timeline)
    assert in_order([events[i] for i in game.line])


def always_wrong(card, line):
    """A gap the card does not fit, when there is one."""
    return next((g for g in range(len(line) + 1) if not placement.fits(card, line, g)), 0)


def test_three_wrong_placements_end_the_game_and_each_card_goes_where_it_belongs(app):
    game = placement.start_game(new_player("全错"), bundled(), DAY)
    play_to_the_end(game, always_wrong)
    assert game.lives == 0 and game.finished_at is not None
    events = placement.events_by_id(game.timeline)
    assert in_order([events[i] for i in game.line])
    assert game.last["right"] is False and game.line[game.last["at"]] == game.last["event"]


def test_the_first_game_of_the_day_is_ranked_and_a_replay_is_not(app):
    player = new_player("重玩")
    first = placement.start_game(player, bundled(), DAY)
    assert placement.start_game(player, bundled(), DAY).id == first.id  # resumes, not a new deal
    play_to_the_end(first, always_wrong)
    second = placement.start_game(player, bundled(), DAY)
    assert first.ranked and not second.ranked
    play_to_the_end(second, placement.right_gap)
    board = placement.daily_board(bundled(), DAY, player)
    assert [(row.nickname, row.score) for row in board] == [("重玩", first.score)]
    assert placement.personal_best(player, bundled()) == second.score


def test_the_daily_board_ranks_by_cards_placed_and_leaves_out_hidden_players_and_guests(app):
    good, bad, shy = new_player("高手", "student"), new_player("新手", "student"), new_player("隐身", "student")
    guest = new_player("刷榜", "guest")  # a perfect game, from an identity that costs nothing to make
    shy.hidden_from_boards = True
    db.session.commit()
    for player, choose in ((bad, always_wrong), (good, placement.right_gap), (shy, placement.right_gap),
                           (guest, placement.right_gap)):
        play_to_the_end(placement.start_game(player, bundled(), DAY), choose)
    board = placement.daily_board(bundled(), DAY, good)
    assert [row.nickname for row in board] == ["高手", "新手"]
    assert [row.rank for row in board] == [1, 2] and board[0].is_me
    assert [row.nickname for row in placement.daily_board(bundled(), DAY, None)] == ["高手", "新手"]
    own = placement.daily_board(bundled(), DAY, guest)  # the guest still sees their own line
    assert [(row.nickname, row.is_me) for row in own if row.is_me] == [("刷榜", True)]


def test_a_placement_raced_by_another_request_is_not_counted_twice(app):
    game = placement.start_game(new_player("双击"), bundled(), DAY)
    placement.place(game, 1, 0, now_utc())
    try:
        placement.place(game, 1, 0, now_utc())
    except placement.StaleCard as stale:
        assert stale.already_placed
    # Another request moved the game on behind this one's back: the guarded update refuses.
    db.session.execute(update(PlaceGame).where(PlaceGame.id == game.id).values(drawn=3))
    try:
        placement.place(game, 2, 0, now_utc())
        raised = False
    except placement.StaleCard:
        raised = True
    assert raised
    db.session.refresh(game)
    assert len(game.line) == 2


def start(actions, client) -> int:
    actions.post("/timeline/alipay/place/start", token_from="/timeline/alipay/place")
    return int(GAME_RE.search(client.get("/timeline/alipay/place").get_data(as_text=True)).group(1))


def test_a_player_places_cards_through_the_page(client, actions):
    actions.guest("玩家")
    game_id = start(actions, client)
    game = db.session.get(PlaceGame, game_id)
    events = placement.events_by_id(game.timeline)
    card = events[game.deck[1]]
    page = client.get("/timeline/alipay/place").get_data(as_text=True)
    assert card.headline in page and card.date_label not in page.split('id="drawn-card"')[1].split("</p>")[0]
    gap = placement.right_gap(card, [events[game.line[0]]])
    response = actions.post(f"/timeline/alipay/place/{game_id}", {"card": 1, "gap": gap}, token_from="/timeline/alipay/place")
    assert response.status_code == 302
    db.session.expire_all()
    game = db.session.get(PlaceGame, game_id)
    assert game.score == 1 and game.drawn == 2
    # The same form sent again (a double click) changes nothing.
    again = actions.post(f"/timeline/alipay/place/{game_id}", {"card": 1, "gap": gap}, token_from="/timeline/alipay/place")
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.get(PlaceGame, game_id).drawn == 2


def test_bad_placements_get_clear_refusals(client, actions):
    actions.guest("捣乱")
    game_id = start(actions, client)
    post = lambda form, gid=game_id: actions.post(f"/timeline/alipay/place/{gid}", form, token_from="/timeline/alipay/place")  # noqa: E731
    assert post({"card": 5, "gap": 0}).status_code == 409
    assert post({"card": 1, "gap": 7}).status_code == 400
    assert post({"card": 1, "gap": "x"}).status_code == 400
    assert post({"card": 1, "gap": 0}, gid=2**31).status_code == 404
    db.session.expire_all()
    assert db.session.get(PlaceGame, game_id).drawn == 1


def test_someone_elses_game_is_not_found(client, actions, app):
    other = new_player("别人")
    game = placement.start_game(other, bundled(), DAY)
    actions.guest("路人")
    response = actions.post(f"/timeline/alipay/place/{game.id}", {"card": 1, "gap": 0}, token_from="/timeline/alipay/place")
    assert response.status_code == 404
