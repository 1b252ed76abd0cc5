"""`annotator export` and the annotation formats of `annotator import`, through click's runner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.project import Project
from tests.core.test_brat_io import CONF, TEXT, ann_for
from tests.core.test_export_support import build_project


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.db"
    with Project.init(path) as project:
        build_project(project)
    return path


def one_line_error(result, fragment):
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert fragment in result.output
    assert result.output.strip().count("\n") == 0, result.output


@pytest.mark.parametrize("fmt", ["jsonl", "conll", "brat", "hf", "spacy"])
def test_export_every_format(runner, db, tmp_path, fmt):
    if fmt in ("hf", "spacy"):
        pytest.importorskip("datasets" if fmt == "hf" else "spacy", reason="the export extra is not installed")
    out = tmp_path / fmt
    result = runner.invoke(main, ["export", str(db), str(out), "--format", fmt, "--layer", "all", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "Exported 4 document(s)" in result.output
    card = (out / "README.md").read_text(encoding="utf-8")
    assert f"--format {fmt}" in card


def test_export_split_and_status(runner, db, tmp_path):
    result = runner.invoke(main, ["export", str(db), str(tmp_path / "o"), "--layer", "مریم", "--status", "done",
                                  "--split", "80/10/10", "--seed", "7", "--quiet"])
    assert result.exit_code == 0, result.output
    (line,) = (tmp_path / "o" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["split"] == "train"


@pytest.mark.parametrize("args, fragment", [
    (["--layer", "nobody"], "no annotator named 'nobody'"),
    (["--layer", "gold"], "no gold layer yet"),
    (["--layer", "all", "--split", "ten"], "--split 'ten'"),
])
def test_export_errors_are_one_line(runner, db, tmp_path, args, fragment):
    result = runner.invoke(main, ["export", str(db), str(tmp_path / "o"), *args])
    one_line_error(result, fragment)
    assert not (tmp_path / "o").exists()


def test_export_refuses_an_existing_export(runner, db, tmp_path):
    out = tmp_path / "o"
    assert runner.invoke(main, ["export", str(db), str(out), "--layer", "all"]).exit_code == 0
    one_line_error(runner.invoke(main, ["export", str(db), str(out), "--layer", "all"]), "--overwrite")
    assert runner.invoke(main, ["export", str(db), str(out), "--layer", "all", "--overwrite"]).exit_code == 0


def test_jsonl_export_imports_back_as_jsonl(runner, db, tmp_path):
    runner.invoke(main, ["export", str(db), str(tmp_path / "o"), "--layer", "all"])
    target = tmp_path / "copy.db"
    runner.invoke(main, ["init", str(target)])
    result = runner.invoke(main, ["import", str(target), str(tmp_path / "o" / "documents.jsonl"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "Imported 4 document(s) (3 new)" in result.output
    again = runner.invoke(main, ["export", str(target), str(tmp_path / "o2"), "--layer", "all"])
    assert again.exit_code == 0
    assert (tmp_path / "o" / "documents.jsonl").read_bytes() == (tmp_path / "o2" / "documents.jsonl").read_bytes()


def test_brat_init_import_export(runner, tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "annotation.conf").write_text(CONF, encoding="utf-8")
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    (folder / "doc.ann").write_text(ann_for(TEXT), encoding="utf-8")
    db = tmp_path / "b.db"
    created = runner.invoke(main, ["init", str(db), "--tagset", f"brat:{folder / 'annotation.conf'}"])
    assert created.exit_code == 0 and "tagset brat 1.0" in created.output
    missing = runner.invoke(main, ["import", str(db), str(folder), "--format", "brat"])
    one_line_error(missing, "--annotator NAME")
    result = runner.invoke(main, ["import", str(db), str(folder), "--format", "brat", "--annotator", "مریم"])
    assert result.exit_code == 0, result.output
    assert "7 span(s), 5 link(s)" in result.output
    exported = runner.invoke(main, ["export", str(db), str(tmp_path / "out"), "--format", "brat", "--layer", "مریم"])
    assert exported.exit_code == 0
    assert (tmp_path / "out" / "doc.ann").is_file(), "a brat file keeps its name through import and export"


def test_import_refusals_are_one_line(runner, tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    (folder / "doc.ann").write_text(ann_for(TEXT), encoding="utf-8")
    db = tmp_path / "d.db"
    runner.invoke(main, ["init", str(db)])
    result = runner.invoke(main, ["import", str(db), str(folder), "--format", "brat", "--annotator", "a"])
    one_line_error(result, "labels not in the tagset: Speaker (3), Promise (1)")
    bad_map = runner.invoke(main, ["import", str(db), str(folder), "--format", "brat", "--label-map", "Speaker"])
    one_line_error(bad_map, "THEIRS=OURS")
    with Project.open(db) as project:
        assert project.document_ids() == []
