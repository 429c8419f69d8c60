"""Study pages: read the timeline, drill it with flashcards, play the placement game."""
from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from quiz.forms import EmptyForm, GuestForm
from quiz.errors import abort_with
from quiz.extensions import db
from quiz.models import PlaceGame, Quiz, Timeline, now_utc
from quiz.services import flashcards, placement, practice
from quiz.services.timeline_view import era_spans, layout
from quiz.study import bp
from quiz.study.forms import MAX_INDEX, GradeCardForm, PlaceCardForm
from quiz.site_time import zone_name

DECK_KEY = "flashcards"


def visible_timeline_or_404(slug: str) -> Timeline:
    """A timeline students may study: one a published quiz draws from (teachers see every one)."""
    timeline = db.session.scalar(select(Timeline).where(Timeline.slug == slug))
    if timeline is None:
        abort_with(404, _("There is no such timeline."))
    staff = current_user.is_authenticated and current_user.role in ("teacher", "admin")
    published = db.session.scalar(select(Quiz.id).where(Quiz.timeline_id == timeline.id, Quiz.published.is_(True)))
    if published is None and not staff:
        abort_with(404, _("There is no such timeline."))
    return timeline


def game_day():
    """Today in the time zone the daily challenges follow: the placement deck changes with it."""
    return practice.today(zone_name())


@bp.route("/<slug>")
def timeline(slug: str):
    """Draw the timeline to scale, era by era, coloured by the player's mastery."""
    found = visible_timeline_or_404(slug)
    users = [current_user.id] if current_user.is_authenticated else []
    eras = era_spans(found)
    asked = request.args.get("era", "")
    era = int(asked) if asked.isdigit() and len(asked) < 4 and int(asked) < len(eras) else None
    return render_template("study/timeline.html", timeline=found, eras=eras, era=era,
                           layout=layout(found, users, now_utc(), era))


def current_deck(timeline: Timeline) -> dict | None:
    """The flashcard deck in the session, if it belongs to this timeline."""
    deck = session.get(DECK_KEY)
    return deck if deck and deck.get("timeline") == timeline.id else None


def deal_deck(timeline: Timeline) -> dict:
    """Deal a fresh deck into the session: cards as [event id, direction], how many done and known."""
    cards = flashcards.deal(timeline, current_user.id, now_utc())
    deck = {"timeline": timeline.id, "cards": [c.key for c in cards], "done": 0, "knew": 0}
    session[DECK_KEY] = deck
    return deck


@bp.route("/<slug>/cards")
def cards(slug: str):
    """Show the deck's current card: its front, or its back once flipped."""
    found = visible_timeline_or_404(slug)
    if not current_user.is_authenticated:
        return render_template("study/cards.html", timeline=found, guest_form=GuestForm(), card=None, deck=None)
    deck = current_deck(found) or deal_deck(found)
    card = None
    if deck["done"] < len(deck["cards"]):
        event_id, direction = deck["cards"][deck["done"]]
        card = flashcards.card_for(found, event_id, direction)
    return render_template("study/cards.html", timeline=found, deck=deck, card=card,
                           flipped=request.args.get("show") == "1", form=GradeCardForm(), restart=EmptyForm())


@bp.route("/<slug>/cards/grade", methods=["POST"])
@login_required
def grade_card(slug: str):
    """Record "knew it" or "didn't" for the current card into the review schedule, then deal the next."""
    found = visible_timeline_or_404(slug)
    form = GradeCardForm()
    deck = current_deck(found)
    if not form.validate_on_submit() or deck is None:
        abort_with(400, _("That card could not be graded."))
    current = deck["cards"][deck["done"]] if deck["done"] < len(deck["cards"]) else None
    if current != [form.event.data, form.direction.data]:
        abort_with(409, _("That card is no longer the current one (perhaps from another tab)."))
    card = flashcards.card_for(found, form.event.data, form.direction.data)
    if card is None:
        abort_with(404, _("There is no such card."))
    knew = form.verdict.data == "knew"
    flashcards.grade(current_user.id, card, knew, now_utc())
    session[DECK_KEY] = {**deck, "done": deck["done"] + 1, "knew": deck["knew"] + int(knew)}
    return redirect(url_for("study.cards", slug=slug))


@bp.route("/<slug>/cards/new", methods=["POST"])
@login_required
def new_deck(slug: str):
    """Deal a new deck: what is due now comes first."""
    found = visible_timeline_or_404(slug)
    if not EmptyForm().validate_on_submit():
        abort_with(400, _("The request could not be understood."))
    deal_deck(found)
    return redirect(url_for("study.cards", slug=slug))


@bp.route("/<slug>/place")
def place(slug: str):
    """The placement game: today's board, the player's best, and their game in progress."""
    found = visible_timeline_or_404(slug)
    day = game_day()
    me = current_user if current_user.is_authenticated else None
    game = placement.open_game(me, found, day) if me else None
    finished = None
    if me and game is None:
        finished = db.session.scalar(select(PlaceGame).where(
            PlaceGame.user_id == me.id, PlaceGame.timeline_id == found.id, PlaceGame.day == day,
            PlaceGame.finished_at.is_not(None)).order_by(PlaceGame.id.desc()))
    shown = game or finished
    events = placement.events_by_id(found) if shown else {}
    line = [events[i] for i in shown.line] if shown else []
    card = events[shown.deck[shown.drawn]] if shown and not shown.is_finished else None
    return render_template(
        "study/place.html", timeline=found, game=shown, line=line, card=card, day=day,
        board=placement.daily_board(found, day, me), best=placement.personal_best(me, found) if me else None,
        guest_form=GuestForm(), start_form=EmptyForm(), form=PlaceCardForm())


@bp.route("/<slug>/place/start", methods=["POST"])
@login_required
def start_place(slug: str):
    """Start today's game (or resume the one in progress)."""
    found = visible_timeline_or_404(slug)
    if not EmptyForm().validate_on_submit():
        abort_with(400, _("The request could not be understood."))
    try:
        placement.start_game(current_user, found, game_day())
    except placement.GameOver:
        abort_with(409, _("This timeline has too few events for the placement game."))
    return redirect(url_for("study.place", slug=slug))


@bp.route("/<slug>/place/<int:game_id>", methods=["POST"])
@login_required
def place_card(slug: str, game_id: int):
    """Put the drawn card into a gap; a wrong gap costs a life and shows where it belonged."""
    found = visible_timeline_or_404(slug)
    game = db.session.get(PlaceGame, game_id) if game_id <= MAX_INDEX else None
    if game is None or game.user_id != current_user.id or game.timeline_id != found.id:
        abort_with(404, _("There is no such game."))
    form = PlaceCardForm()
    if not form.validate_on_submit():
        abort_with(400, _("Choose where the card goes."))
    try:
        right = placement.place(game, form.card.data, form.gap.data, now_utc())
    except placement.StaleCard as stale:
        if stale.already_placed:
            return redirect(url_for("study.place", slug=slug))
        abort_with(409, _("That card is not the one being placed (perhaps from another tab)."))
    except placement.GameOver:
        abort_with(409, _("This game is over. Start a new one."))
    except placement.BadGap:
        abort_with(400, _("Choose where the card goes."))
    flash(_("Right!") if right else _("Not there: the card has been put where it belongs."),
          "success" if right else "info")
    return redirect(url_for("study.place", slug=slug, _anchor="line"))
