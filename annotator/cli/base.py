"""The root click group and the helpers every command module shares."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from annotator.errors import AnnotatorError, InputError
from annotator.ids import DocumentId, parse_id_list

F = TypeVar("F", bound=Callable[..., Any])


def user_errors(func: F) -> F:
    """Turn :class:`AnnotatorError` into a one-line ``click.ClickException``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AnnotatorError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper  # type: ignore[return-value]


def docs_option(text: str) -> list[DocumentId]:
    """The document ids of a ``--docs 1,2,5-9`` option, sorted and distinct.

    :raises InputError: naming the option and the bad part
    """
    try:
        return [DocumentId(i) for i in parse_id_list(text)]
    except InputError as exc:
        raise InputError(f"--docs {exc.reason}") from None


@click.group(invoke_without_command=True)
@click.version_option(package_name="annotator")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Build Persian corpora of who said what, about whom, and who promised what.

    Run without a command to open the annotation window on the default project.
    """
    if ctx.invoked_subcommand is None:
        from annotator.cli.launch import open_default_gui

        open_default_gui()


def parse_pairs(
    pairs: tuple[str, ...], *, option: str, form: str, example: str, split_at_last: bool = False
) -> dict[str, str]:
    """``("a=b", ...)`` from a repeatable option as a dict; one readable error for a bad pair.

    :param option: the option's name, e.g. ``--map``, for the message
    :param form: how a pair is written, e.g. ``FIELD=COLUMN``
    :param example: a correct value, e.g. ``text=body``
    :param split_at_last: split at the last ``=`` (keys that contain one, like
      ``QUOTE.quote_type=MIXED=INDIRECT``)
    """
    mapping: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.rpartition("=") if split_at_last else pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(f"{option} {pair!r}: write it as {form}, e.g. {option} {example}")
        mapping[key.strip()] = value.strip()
    return mapping
