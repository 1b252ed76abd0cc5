"""Project commands: init, import, stats, annotators."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.base import main, parse_pairs, user_errors
from annotator.project import Project


@main.command("init")
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--tagset", "tagset_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Tagset JSON file, built-in name, brat:PATH/annotation.conf or conll:PATH (the tags of CoNLL files) "
                   "(default: the built-in fa-news-attribution).")
@user_errors
def init_cmd(db: Path, tagset_path: Path | None) -> None:
    """Create a new, empty project database DB."""
    from annotator.tagset_sources import load_any_tagset

    tagset = load_any_tagset(str(tagset_path)) if tagset_path else None
    with Project.init(db, tagset=tagset) as project:
        click.echo(f"Created {db} with tagset {project.tagset.name} {project.tagset.version}.")


@main.command("import")
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["auto", "txt", "jsonl", "csv", "brat", "doccano", "conll", "label-studio",
                                   "prodigy", "annotator-jsonl"]),
              default="auto", show_default=True,
              help="Input format; auto picks by file extension. brat, doccano, conll, label-studio, prodigy "
                   "and annotator-jsonl (our export, also detected for jsonl) bring annotations too.")
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN",
              help="Read FIELD (text, title, url, date, id, source) from COLUMN; repeatable.")
@click.option("--normalize", is_flag=True,
              help="Also apply hazm's full normaliser (rewrites spacing; off by default).")
@click.option("--cores", "--workers", "cores", type=click.IntRange(1, 64), default=None,
              help="CPU cores to use (default: all, up to 8); 1 runs everything in this process.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--annotator", "annotator_name", default=None,
              help="Whose annotations they become (brat, doccano, conll; overrides the names in our jsonl "
                   "and Label Studio's).")
@click.option("--label-map", "label_map", multiple=True, metavar="THEIRS=OURS",
              help="Rename a label or relation type of the files to one of the tagset; repeatable.")
@click.option("--skip-invalid", is_flag=True,
              help="Leave out annotations that break the tagset's rules instead of refusing the import.")
@user_errors
def import_cmd(db: Path, paths: tuple[Path, ...], fmt: str, mapping: tuple[str, ...],
               normalize: bool, cores: int | None, quiet: bool, annotator_name: str | None,
               label_map: tuple[str, ...], skip_invalid: bool) -> None:
    """Import articles from files and folders (txt, jsonl, csv) into DB, or annotated
    documents (brat, doccano, conll, label-studio, prodigy, annotator-jsonl) in one all-or-nothing
    transaction.

    Each file lands whole or is reported and skipped; a text already in the project is
    skipped as a duplicate.
    """
    from annotator.cli.export_cmds import import_annotation_files, is_annotation_import

    if is_annotation_import(fmt, paths):
        fmt = "annotator-jsonl" if fmt in ("auto", "jsonl") else fmt
        return import_annotation_files(db, paths, fmt, annotator_name, label_map, skip_invalid)
    from annotator.importers import iter_sources
    from annotator.ingest import ImportReport, import_paths

    field_map = parse_pairs(mapping, option="--map", form="FIELD=COLUMN", example="text=body")
    total = sum(1 for _ in iter_sources(list(paths), fmt=fmt))
    with Project.open(db) as project, click.progressbar(
        length=total, label="Importing", show_pos=True, hidden=quiet
    ) as bar:
        done = [0]

        def advance(report: ImportReport) -> None:
            bar.update(report.files - done[0])
            done[0] = report.files

        report = import_paths(project, list(paths), fmt=fmt, mapping=field_map or None,
                              normalize=normalize, cores=cores, progress=advance)
    for problem in report.problems:
        click.echo(f"skipped {problem}", err=True)
    click.echo(
        f"Imported {report.added} document(s) from {report.files} file(s); "
        f"{report.duplicates} already present; {report.skipped} skipped."
    )


@main.command("stats")
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@user_errors
def stats_cmd(db: Path, as_json: bool) -> None:
    """Documents, sentences, tokens, spans per label and annotator, and status counts."""
    with Project.open(db) as project:
        stats = project.stats()
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    click.echo(f"documents  {stats['documents']}")
    click.echo(f"sentences  {stats['sentences']}")
    click.echo(f"tokens     {stats['tokens']}")
    click.echo(f"spans      {stats['spans']['total']}")
    for label, count in stats["spans"]["by_label"].items():
        click.echo(f"  {label:<16} {count}")
    click.echo(f"relations  {stats['relations']}")
    click.echo(f"actors     {stats['actors']}")
    for name, counts in stats["status"].items():
        click.echo(f"  {name}: {counts['done']} done, {counts['in_progress']} in progress, {counts['todo']} to do")


@main.group("annotators", invoke_without_command=True)
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def annotators_group(ctx: click.Context, db: Path) -> None:
    """List (the default) and add the people who annotate DB."""
    ctx.obj = db
    if ctx.invoked_subcommand is None:
        ctx.invoke(annotators_list)


@annotators_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["annotator", "lead"]), default="annotator", show_default=True,
              help="Leads merge, review and adjudicate.")
@click.pass_obj
@user_errors
def annotators_add(db: Path, name: str, role: str) -> None:
    """Add annotator NAME."""
    with Project.open(db) as project:
        annotator = project.add_annotator(name, role=role)
    click.echo(f"Added {annotator.name} ({annotator.role}).")


@annotators_group.command("list")
@click.pass_obj
@user_errors
def annotators_list(db: Path) -> None:
    """List the annotators and their roles."""
    with Project.open(db) as project:
        annotators = project.annotators()
    if not annotators:
        click.echo("No annotators yet; add one with 'annotator annotators DB add NAME'.")
    for annotator in annotators:
        click.echo(f"{annotator.name}\t{annotator.role}")
