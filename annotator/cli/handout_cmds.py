"""Hand-out commands: package, merge, assign, unassign, assignments."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from annotator.cli.base import docs_option, main, user_errors
from annotator.errors import ValidationError
from annotator.model import Annotator
from annotator.project import Project

_DB = click.Path(dir_okay=False, path_type=Path)


def _names(project: Project, names: str) -> list[Annotator]:
    return [project.annotator_by_name(n.strip()) for n in names.split(",") if n.strip()]


@main.command("package")
@click.argument("db", type=_DB)
@click.argument("out", type=_DB)
@click.option("--for", "name", required=True, metavar="NAME", help="The annotator the package is for.")
@click.option("--docs", metavar="IDS", help="Documents to hand out, e.g. 1,2,5-9.")
@click.option("--assigned", is_flag=True, help="Hand out the documents assigned to NAME.")
@user_errors
def package_cmd(db: Path, out: Path, name: str, docs: str | None, assigned: bool) -> None:
    """Write a new project database OUT for one annotator: the tagset, all actors, the chosen
    documents, and that annotator's own work on them. OUT must not exist yet."""
    from annotator.handout.package import package_for, select_documents

    with Project.open(db) as project:
        ids = docs_option(docs) if docs is not None else None
        chosen = select_documents(project, name, ids=ids, assigned=assigned)
        report = package_for(project, out, name, chosen)
    click.echo(report.line())


@main.command("merge")
@click.argument("db", type=_DB)
@click.argument("others", nargs=-1, required=True, type=_DB)
@click.option("--add-documents", is_flag=True,
              help="Add documents DB lacks instead of refusing the merge.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@user_errors
def merge_cmd(db: Path, others: tuple[Path, ...], add_documents: bool, as_json: bool) -> None:
    """Merge annotators' databases OTHERS into DB, after a backup copy of DB.

    Each annotator's work in a file replaces theirs in DB for the documents the file holds
    (identical work is left alone, so merging twice changes nothing). Everything is checked
    first; on any problem nothing is written and every problem is listed.
    """
    from annotator.handout.merge import merge_databases

    with Project.open(db) as project:
        report = merge_databases(project, list(others), add_documents=add_documents)
    if as_json:
        data = {k: v for k, v in dataclasses.asdict(report).items() if k != "changes"}
        data["backup"] = str(report.backup) if report.backup else None
        data["changed"] = report.changed
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for line in report.lines():
        click.echo(line)
    if report.backup:
        click.echo(f"backup of the previous file: {report.backup}")


@main.command("assign")
@click.argument("db", type=_DB)
@click.option("--to", "names", required=True, metavar="NAME[,NAME...]", help="The annotators to assign to.")
@click.option("--docs", metavar="IDS", help="Only these documents, e.g. 1,2,5-9.")
@click.option("--all", "all_docs", is_flag=True, help="All documents of the project.")
@click.option("--per-document", type=click.IntRange(1), metavar="N",
              help="N different annotators per document, balanced round-robin.")
@click.option("--double-sample", type=click.FloatRange(0, 100), metavar="PCT",
              help="One annotator per document, and a second one for a seeded sample of PCT percent.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the --double-sample draw.")
@click.option("--by", "by", metavar="NAME", help="The lead making the assignment (recorded).")
@user_errors
def assign_cmd(db: Path, names: str, docs: str | None, all_docs: bool, per_document: int | None,
               double_sample: float | None, seed: int, by: str | None) -> None:
    """Assign documents of DB to annotators.

    With only --docs or --all every named annotator gets every document; --per-document and
    --double-sample spread the documents (all of them unless --docs narrows them).
    """
    from annotator.handout import assignment as plans

    if per_document is not None and double_sample is not None:
        raise ValidationError("choose one of --per-document and --double-sample")
    if docs is None and not all_docs and per_document is None and double_sample is None:
        raise ValidationError("say which documents: --docs IDS, --all, --per-document N or --double-sample PCT")
    if docs is not None and all_docs:
        raise ValidationError("choose one of --docs and --all")
    with Project.open(db) as project:
        if by:
            project.user = project.annotator_by_name(by).id
        people = _names(project, names)
        annotators = [a.id for a in people]
        documents = docs_option(docs) if docs is not None else project.document_ids()
        if per_document is not None:
            pairs = plans.plan_per_document(documents, annotators, per_document)
        elif double_sample is not None:
            pairs = plans.plan_double_sample(documents, annotators, double_sample, seed=seed)
        else:
            pairs = plans.plan_all(documents, annotators)
        before = len(project.assignments())
        project.assign_pairs(pairs)
        added = len(project.assignments()) - before
        per_name = {a.name: len(project.assigned_documents(a.id)) for a in people}
    click.echo(f"Assigned {added} new document-annotator pair(s) ({len(pairs) - added} already assigned). "
               "Now assigned: " + ", ".join(f"{n} {c}" for n, c in per_name.items()) + ".")


@main.command("unassign")
@click.argument("db", type=_DB)
@click.option("--from", "names", required=True, metavar="NAME[,NAME...]", help="The annotators to take from.")
@click.option("--docs", metavar="IDS", help="These documents, e.g. 1,2,5-9.")
@click.option("--all", "all_docs", is_flag=True, help="All their documents.")
@user_errors
def unassign_cmd(db: Path, names: str, docs: str | None, all_docs: bool) -> None:
    """Take documents back from annotators; their annotations stay."""
    if (docs is None) == (not all_docs):
        raise ValidationError("say which documents: --docs IDS or --all")
    with Project.open(db) as project:
        annotators = [a.id for a in _names(project, names)]
        documents = docs_option(docs) if docs is not None else project.document_ids()
        before = len(project.assignments())
        project.unassign(documents, annotators)
        removed = before - len(project.assignments())
    click.echo(f"Unassigned {removed} document-annotator pair(s).")


@main.command("assignments")
@click.argument("db", type=_DB)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@user_errors
def assignments_cmd(db: Path, as_json: bool) -> None:
    """Per annotator: documents assigned, and how many are to do, in progress and done."""
    with Project.open(db) as project:
        rows = project.assignment_progress()
    if as_json:
        click.echo(json.dumps([dataclasses.asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("No annotators yet; add one with 'annotator annotators DB add NAME'.")
    for r in rows:
        click.echo(f"{r.name}\t{r.assigned} assigned: {r.todo} to do, {r.in_progress} in progress, {r.done} done")
