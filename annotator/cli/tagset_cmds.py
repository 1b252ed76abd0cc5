"""`annotator tagset DB show | validate FILE | set FILE [--rename OLD=NEW]`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from annotator.cli.base import main, parse_pairs, user_errors
from annotator.project import Project


def _renames(pairs: tuple[str, ...]) -> dict[str, str]:
    return parse_pairs(pairs, option="--rename", form="OLD=NEW", example="QUOTE=CITATION", split_at_last=True)


@main.group("tagset", invoke_without_command=True)
@click.argument("db", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def tagset_group(ctx: click.Context, db: Path) -> None:
    """Show, check or change the tagset stored in project DB (default: show)."""
    ctx.obj = db
    if ctx.invoked_subcommand is None:
        ctx.invoke(show_cmd)


@tagset_group.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print the tagset file itself.")
@click.pass_obj
@user_errors
def show_cmd(db: Path, as_json: bool = False) -> None:
    """Print the labels, relation types and actor types in use."""
    with Project.open(db) as project:
        tagset = project.tagset
    if as_json:
        click.echo(json.dumps(tagset.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{tagset.name} {tagset.version}")
    click.echo("span labels:")
    for label in tagset.span_labels:
        attrs = ", ".join(a.name + ("*" if a.required else "") for a in label.attributes)
        click.echo(f"  [{label.shortcut}] {label.name:<14} {label.display.fa} / {label.display.en}"
                   + (f"  ({attrs})" if attrs else ""))
    if tagset.relation_types:
        click.echo("relation types:")
        for rt in tagset.relation_types:
            limit = "" if rt.max_per_head is None else f", at most {rt.max_per_head}"
            click.echo(f"  {rt.name:<14} {'|'.join(rt.head)} -> {'|'.join(rt.tail)}{limit}")
    if tagset.actor_types:
        click.echo("actor types: " + ", ".join(t.name for t in tagset.actor_types))


@tagset_group.command("validate")
@click.argument("file", metavar="FILE")
@click.option("--rename", "renames", multiple=True, metavar="OLD=NEW",
              help="Carry annotations from an old name to a new one; repeatable.")
@click.pass_obj
@user_errors
def validate_cmd(db: Path, file: str, renames: tuple[str, ...]) -> None:
    """Check tagset FILE (a JSON file or built-in name), and what setting it on DB would do."""
    from annotator.tagset_evolution import plan_tagset_change
    from annotator.tagset_sources import load_any_tagset

    tagset = load_any_tagset(file)
    click.echo(f"{file}: valid tagset {tagset.name} {tagset.version}.")
    with Project.open(db) as project:
        plan = plan_tagset_change(project, tagset, _renames(renames))
    for line in plan.diff.describe():
        click.echo(f"  {line}")
    if plan.refused:
        click.echo("Setting it on this project would be refused:\n" + plan.explain(), err=True)
        raise SystemExit(1)


@tagset_group.command("set")
@click.argument("file", metavar="FILE")
@click.option("--rename", "renames", multiple=True, metavar="OLD=NEW",
              help="Carry annotations from an old name to a new one, e.g. QUOTE=CITATION or "
                   "QUOTE.quote_type=MIXED=INDIRECT; repeatable.")
@click.pass_obj
@user_errors
def set_cmd(db: Path, file: str, renames: tuple[str, ...]) -> None:
    """Replace the tagset of DB with FILE, after a backup copy of the database.

    Refused, with counts per document, when annotations in use would no longer fit.
    """
    from annotator.tagset_evolution import set_tagset
    from annotator.tagset_sources import load_any_tagset

    tagset = load_any_tagset(file)
    with Project.open(db) as project:
        plan, backup, _ = set_tagset(project, tagset, _renames(renames))
    click.echo(f"Tagset is now {tagset.name} {tagset.version}"
               + (f"; backup of the previous file: {backup}" if backup else "") + ".")
    click.echo(f"Renamed {plan.renamed_spans} span(s), {plan.renamed_relations} relation(s), "
               f"{plan.renamed_actors} actor(s).")
