"""Opening the window from the command line (``annotator``, ``annotator gui DB``)."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import click

from annotator.cli.base import main, user_errors

GUI_ENTRY_POINTS = "annotator.gui"


def _start_gui(path: Path) -> None:
    """Start the window registered under the ``annotator.gui`` entry point.

    The core never imports the Qt package: the window registers itself (pyproject.toml),
    so the layering holds even for the command that opens it.
    """
    found = entry_points(group=GUI_ENTRY_POINTS)
    if not found:
        raise click.ClickException("no annotation window is installed; install the project with 'make run'")
    try:
        run = next(iter(found)).load()
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise click.ClickException(f"the annotation window cannot start ({exc}); reinstall with 'make run'") from None
    raise SystemExit(run(path))


def open_default_gui() -> None:
    """Create the default project on first start, then open the window on it."""
    from annotator.defaults import ensure_default_project

    _start_gui(ensure_default_project())


@main.command("gui")
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@user_errors
def gui_cmd(db: Path) -> None:
    """Open the annotation window on project DB."""
    from annotator.project import Project

    Project.open(db).close()  # a clear error now for a missing or foreign file
    _start_gui(db)
