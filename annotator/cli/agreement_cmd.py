"""``annotator agreement``: inter-annotator agreement as tables, JSON or a standalone HTML page."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.base import main, user_errors
from annotator.project import Project


@main.command("agreement")
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON instead of tables.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), metavar="REPORT.html",
              help="Also write a standalone HTML report (charts and explanations, no external files).")
@click.option("--annotators", metavar="A,B[,...]",
              help="Compare these annotators (comma-separated names; default: everyone with "
                   "annotations except the layers named gold and preannotator).")
@user_errors
def agreement_command(db: Path, as_json: bool, html_path: Path | None, annotators: str | None) -> None:
    """How far annotators agree in DB: span F1 (exact and overlap), Krippendorff's alpha,
    label confusion, attributes, and speakers judged by the actor they resolve to.

    Every pair of annotators is compared on the documents both worked on.
    """
    from annotator.agreement import compute_agreement
    from annotator.agreement.html import render_html
    from annotator.agreement.plain import render_text

    names = annotators.split(",") if annotators is not None else None
    with Project.open(db) as project:
        report = compute_agreement(project, annotators=names)
    if html_path is not None:
        html_path.write_text(render_html(report), encoding="utf-8")
        click.echo(f"Wrote {html_path}.", err=True)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(report))
