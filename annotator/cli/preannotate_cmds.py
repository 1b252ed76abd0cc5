"""``annotator preannotate`` and ``annotator evaluate``: rule-based suggestions and their quality."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.base import docs_option, main, user_errors
from annotator.errors import InputError, ValidationError
from annotator.preannotate.apply import PREANNOTATOR, ApplyReport
from annotator.project import Project

LABEL_NAMES = {"QUOTE": "quotes", "CUE": "cues", "ACTOR_MENTION": "mentions", "TIME_EXPR": "time expressions",
               "COMMITMENT": "commitments"}


def _summary(report: ApplyReport) -> list[str]:
    lines = [f"Pre-annotated {report.documents} document(s):"]
    for label, count in sorted(report.added.items()):
        lines.append(f"  {LABEL_NAMES.get(label, label):<18} {count:>6} new")
    lines.append(f"  links              {report.relations:>6} new")
    lines.append(f"  unchanged          {report.kept:>6}   removed (stale) {report.removed}")
    if report.skipped:
        lines.append("  skipped            " + ", ".join(f"{n} {why}" for why, n in sorted(report.skipped.items())))
    lines.append(f"  actors created     {report.actors_created:>6} (origin suggested)")
    return lines


@main.command("preannotate")
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--docs", "docs", metavar="IDS", help="Only these document ids, e.g. 1,4,7-9 (default: all).")
@click.option("--annotator", "annotator", default=PREANNOTATOR, show_default=True,
              help="Layer to write suggestions into; created (role annotator) when missing.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@user_errors
def preannotate_cmd(db: Path, docs: str | None, annotator: str, as_json: bool, quiet: bool) -> None:
    """Suggest quotes, cues, speakers, deadlines and commitments in DB.

    Suggestions have origin "suggested" and a score; annotators accept or reject them. Running
    again updates them: manual work is never changed, rejected suggestions stay rejected.
    """
    from annotator.preannotate.apply import preannotate

    with Project.open(db) as project:
        if docs:
            ids = docs_option(docs)
            for document_id in ids:  # refuse an unknown id before anything is written
                project.document(document_id)
        else:
            ids = project.document_ids()
        if not ids:
            raise ValidationError(f"{db}: no documents to pre-annotate; import some with 'annotator import'")
        with click.progressbar(length=len(ids), label="Pre-annotating", show_pos=True,
                               hidden=quiet or as_json) as bar:
            report = preannotate(project, ids, annotator=annotator, progress=lambda *_: bar.update(1))
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(_summary(report)))


def format_report(report, *, misses: int = 0) -> list[str]:
    """The evaluation as a small table."""
    lines = [f"{'':<19}{'precision':>10}{'recall':>8}{'F1':>8}   tp/predicted/gold"]
    rows = [(LABEL_NAMES[label], report.spans[label]) for label in LABEL_NAMES]
    rows.insert(1, ("quotes (exact)", report.exact_quotes))
    for name, score in rows:
        lines.append(f"{name:<19}{score.precision:>10.3f}{score.recall:>8.3f}{score.f1:>8.3f}"
                     f"   {score.tp}/{score.predicted}/{score.gold}")
    sp = report.speakers
    lines.append(f"speaker attribution on matched quotes: {sp.accuracy:.3f} ({sp.correct} correct, "
                 f"{sp.wrong} wrong, {sp.missing} missing of {sp.total}); strict {sp.strict:.3f}")
    lines.append(f"quote type on matched quotes: {report.quote_type_accuracy:.3f}")
    for miss in report.misses[:misses]:
        lines.append(f"  {miss['document']}: {miss['what']}: «{miss['text']}»")
    return lines


@main.command("evaluate")
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("gold", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--annotator", "annotator", default=PREANNOTATOR, show_default=True,
              help="Layer to pre-annotate into and compare; keep it apart from people's layers.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--misses", type=click.IntRange(0), default=0, show_default=True,
              help="Also list this many missed, extra or misattributed quotes.")
@user_errors
def evaluate_cmd(db: Path, gold: Path, annotator: str, as_json: bool, misses: int) -> None:
    """Pre-annotate the texts of GOLD.jsonl in DB and report precision, recall and F1.

    GOLD holds one export-shaped record per line (text, spans, relations, actors); texts missing
    from DB are imported. Quotes and cues match on overlap; speakers are compared on matched
    quotes by actor name or alias.
    """
    from annotator.preannotate.evaluate import load_gold
    from annotator.preannotate.gold import evaluate_project

    records = load_gold(gold)
    if not records:
        raise InputError("no gold documents", path=gold)
    with Project.open(db) as project:
        report = evaluate_project(project, records, annotator=annotator)
    if as_json:
        out = report.to_json()
        if misses:
            out["misses"] = report.misses[:misses]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    click.echo(f"Evaluated {report.documents} document(s) of {gold} in layer {annotator}:")
    click.echo("\n".join(format_report(report, misses=misses)))
