"""``annotator export`` and the annotation formats of ``annotator import`` (brat, doccano, our jsonl)."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from annotator.cli.base import main, parse_pairs, user_errors
from annotator.model import GOLD_LAYER
from annotator.project import Project

#: Formats ``annotator import`` hands to :func:`import_annotation_files` instead of the text importer.
ANNOTATION_FORMATS = ("brat", "doccano", "conll", "label-studio", "prodigy", "annotator-jsonl")


def _command_line(*parts: object, split: str | None, seed: int) -> str:
    """The export command with every choice spelled out, for the dataset card."""
    words = ["annotator", "export", *map(str, parts)]
    if split:
        words += ["--split", split, "--seed", str(seed)]
    return " ".join(shlex.quote(w) for w in words)


class _LazyBar:
    """A progress bar that appears with the first progress report, so early errors print alone."""

    def __init__(self, total: int, *, hidden: bool):
        self.total, self.hidden = max(1, total), hidden
        self.bar = None
        self.shown = 0

    def show(self, done: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=self.total, label="Exporting", show_pos=True, hidden=self.hidden)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def __enter__(self) -> _LazyBar:  # noqa: PYI034
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@main.command("export")
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "hf", "spacy", "conll", "brat"]),
              default="jsonl", show_default=True, help="What to write (hf and spacy need pip install 'annotator[export]').")
@click.option("--layer", default=GOLD_LAYER, show_default=True,
              help="Whose annotations: an annotator's name, gold (the annotator named gold, else adjudicated "
                   "spans) or all (every annotator's layer, suggestions included).")
@click.option("--status", type=click.Choice(["any", "done"]), default="any", show_default=True,
              help="done: only documents the layer's annotator marked done.")
@click.option("--split", default=None, metavar="TRAIN/VAL/TEST",
              help="Split by document, e.g. 80/10/10 (hf and spacy always split, 80/10/10 by default).")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed of the split.")
@click.option("--overwrite", is_flag=True, help="Replace an earlier export in OUT.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@user_errors
def export_cmd(db: Path, out: Path, fmt: str, layer: str, status: str, split: str | None, seed: int,
               overwrite: bool, quiet: bool) -> None:
    """Export annotations of DB into the folder OUT, with a dataset card (README.md)."""
    from annotator.exporters import export_project

    with Project.open(db) as project, _LazyBar(len(project.document_ids()), hidden=quiet) as bar:
        report = export_project(project, out, format=fmt, layer=layer, status=status, split=split, seed=seed,
                                overwrite=overwrite,
                                command=_command_line(db, out, "--format", fmt, "--layer", layer, "--status", status,
                                                      split=split, seed=seed),
                                progress=lambda r: bar.show(r.done))
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    parts = ", ".join(f"{name} {c['documents']}" for name, c in report.per_split.items()) if report.split else ""
    click.echo(f"Exported {report.documents} document(s), {report.spans} span(s), {report.relations} link(s) "
               f"to {out} ({fmt}{'; ' + parts if parts else ''}).")


def import_annotation_files(db: Path, paths: tuple[Path, ...], fmt: str, annotator: str | None,
                            label_map: tuple[str, ...], skip_invalid: bool) -> None:
    """The body of ``annotator import --format brat|doccano|annotator-jsonl`` (called by that command)."""
    from annotator.interchange import import_annotations

    mapping = parse_pairs(label_map, option="--label-map", form="THEIRS=OURS", example="Person=ACTOR_MENTION")
    with Project.open(db) as project:
        report = import_annotations(project, list(paths), fmt=fmt, annotator=annotator, label_map=mapping,
                                    skip_invalid=skip_invalid)
    for line in report.skipped:
        click.echo(f"skipped {line}", err=True)
    for line in report.dropped:
        click.echo(f"dropped {line}", err=True)
    click.echo(f"Imported {report.documents} document(s) ({report.new_documents} new), {report.spans} span(s), "
               f"{report.relations} link(s), {report.actors} new actor(s); {len(report.skipped)} skipped.")


def is_annotation_import(fmt: str, paths: tuple[Path, ...]) -> bool:
    """Whether ``annotator import`` should read annotations: an annotation format, or jsonl files
    that are our own export (their lines have ``spans``)."""
    if fmt in ANNOTATION_FORMATS:
        return True
    if fmt not in ("auto", "jsonl") or not paths:
        return False
    from annotator.interchange.own_jsonl import looks_like_export

    return all(p.is_file() and p.suffix.lower() in (".jsonl", ".ndjson") and looks_like_export(p) for p in paths)
