"""The CLI through click's runner: success paths and one-line errors."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.samples import sample_paths


@pytest.fixture
def runner():
    return CliRunner()


def test_init_import_stats(runner, tmp_path):
    db = tmp_path / "x.db"
    assert runner.invoke(main, ["init", str(db)]).exit_code == 0
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in sample_paths():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "empty.txt").write_text("")
    result = runner.invoke(main, ["import", str(db), str(folder), "--cores", "1"])
    assert result.exit_code == 0, result.output
    assert f"Imported {len(sample_paths())} document(s)" in result.output
    assert "empty.txt" in result.output and "empty" in result.output
    again = runner.invoke(main, ["import", str(db), str(folder), "--cores", "1"])
    assert f"{len(sample_paths())} already present" in again.output
    stats = json.loads(runner.invoke(main, ["stats", str(db), "--json"]).output)
    assert stats["documents"] == len(sample_paths())
    assert stats["tokens"] > stats["sentences"] > stats["documents"]
    assert stats["spans"] == {"total": 0, "by_label": {}, "by_annotator": {}}
    plain = runner.invoke(main, ["stats", str(db)])
    assert "documents" in plain.output


def test_annotators(runner, tmp_path):
    db = tmp_path / "x.db"
    runner.invoke(main, ["init", str(db)])
    assert runner.invoke(main, ["annotators", str(db), "add", "مریم", "--role", "lead"]).exit_code == 0
    listing = runner.invoke(main, ["annotators", str(db)])
    assert "مریم\tlead" in listing.output
    dup = runner.invoke(main, ["annotators", str(db), "add", "مریم"])
    assert dup.exit_code == 1 and "already exists" in dup.output and "Traceback" not in dup.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["stats", "{tmp}/missing.db"], "annotator init"),
        (["import", "{tmp}/x.db", "{tmp}/nope"], "nope"),
        (["init", "{tmp}/x.db"], "already exists"),
        (["import", "{tmp}/x.db", "{tmp}", "--map", "text"], "FIELD=COLUMN"),
    ],
)
def test_user_errors_are_one_line(runner, tmp_path, args, message):
    runner.invoke(main, ["init", str(tmp_path / "x.db")])
    result = runner.invoke(main, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0 or result.output.startswith("Usage")


def _commands(group: click.Group, prefix=""):
    for name, command in group.commands.items():
        yield prefix + name, command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + name + " ")


def test_every_command_and_option_has_help():
    missing = []
    for name, command in _commands(main):
        if not (command.help or "").strip():
            missing.append(name)
        for param in command.params:
            if isinstance(param, click.Option) and not (param.help or "").strip() and param.name != "help":
                missing.append(f"{name} --{param.name}")
    assert not missing, missing
