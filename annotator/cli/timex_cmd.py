"""``annotator timex``: normalise one Persian time expression from the command line."""

from __future__ import annotations

import json

import click

from annotator.cli.base import main, user_errors
from annotator.timex import Timex, normalize_timex, parse_anchor


def format_timex(timex: Timex) -> str:
    """One line: ``TYPE VALUE RESOLVED (MOD)``; ranges and periods show ``a..b``, a note follows ``#``."""
    value = timex.value if timex.value_max is None else f"{timex.value}..{timex.value_max}"
    resolved = timex.resolved.isoformat() if timex.resolved else "-"
    if timex.end is not None:
        resolved = f"{resolved}..{timex.end.isoformat()}"
    line = f"{timex.type} {value} {resolved}"
    if timex.mod:
        line += f" ({timex.mod})"
    if timex.note:
        line += f"  # {timex.note}"
    return line


@main.command("timex")
@click.argument("expression", nargs=-1, required=True)
@click.option(
    "--anchor",
    "anchor_text",
    metavar="DATE",
    help="Publication date that relative expressions are resolved against: Gregorian "
    "YYYY-MM-DD (2021-10-20) or Jalali YYYY/MM/DD (1400/07/28), digits in any script. "
    "Without it, relative dates are an error and durations have no resolved date.",
)
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON object (type, value, resolved, mod, calendar, anchor, text; "
                   "value_max, end and note when set) instead of one line.")
@user_errors
def timex_command(expression: tuple[str, ...], anchor_text: str | None, as_json: bool) -> None:
    """Normalise a Persian time expression to ISO 8601, e.g. «ظرف ۲۰ روز» → P20D.

    EXPRESSION may be quoted or given as several words.
    """
    anchor = parse_anchor(anchor_text) if anchor_text is not None else None
    timex = normalize_timex(" ".join(expression), anchor=anchor)
    if as_json:
        click.echo(json.dumps(timex.to_json(), ensure_ascii=False))
    else:
        click.echo(format_timex(timex))
