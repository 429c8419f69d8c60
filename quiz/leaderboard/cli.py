"""`flask seed-leaderboard`: a thin command over the seeding service, for benchmarks."""
import time

import click

from quiz.leaderboard import bp
from quiz.services.seeding import seed_leaderboard


@bp.cli.command("seed-leaderboard")
@click.option("--players", type=click.IntRange(min=1), default=1000, show_default=True, help="Synthetic players.")
@click.option("--answers", type=click.IntRange(min=1), default=10000, show_default=True,
              help="Answers in total, ten per finished attempt.")
def seed_leaderboard_command(players: int, answers: int) -> None:
    """Bulk-insert synthetic players, finished attempts, answers and their standings."""
    start = time.perf_counter()
    try:
        counts = seed_leaderboard(players, answers)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    click.echo(f"seeded {summary} in {time.perf_counter() - start:.1f} s")
