"""The hand-out commands through CliRunner: package, merge, assign, unassign, assignments."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.model import SpanDraft
from annotator.project import Project
from tests.core.test_package import docs, make_lead
from tests.core.test_project import find


@pytest.fixture
def lead(tmp_path):
    with make_lead(tmp_path) as project:
        yield project


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args):
    return runner.invoke(main, [str(a) for a in args])


def one_line_error(result, text):
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert text in result.output and result.output.strip().count("\n") == 0, result.output


@pytest.fixture
def lead_file(lead):
    path = lead.path
    lead.close()
    return path


def test_package_then_merge_round_trip(runner, lead_file, tmp_path):
    out = tmp_path / "m.db"
    result = run(runner, "package", lead_file, out, "--for", "مریم", "--docs", "1-2")
    assert result.exit_code == 0, result.output
    assert "2 document(s)" in result.output and "3 span(s)" in result.output
    with Project.open(out) as work:
        second = docs(work)[1]
        work.add_span(SpanDraft(second.id, work.annotator_by_name("مریم").id, "CUE",
                                (find(second.text, "اعلام کرد"),)))
    result = run(runner, "merge", lead_file, out)
    assert result.exit_code == 0, result.output
    assert "مریم: 2 document(s), 1 changed; spans 1 added, 0 removed, 3 unchanged" in result.output
    assert "backup of the previous file" in result.output
    result = run(runner, "merge", lead_file, out, "--json")
    report = json.loads(result.output)
    assert report["changed"] is False and report["annotators"]["مریم"]["spans_unchanged"] == 4


def test_package_errors_are_one_line(runner, lead_file, tmp_path):
    one_line_error(run(runner, "package", lead_file, tmp_path / "x.db", "--for", "مریم"), "--docs")
    one_line_error(run(runner, "package", lead_file, tmp_path / "x.db", "--for", "مریم", "--assigned"),
                   "no documents are assigned to مریم")
    one_line_error(run(runner, "package", lead_file, tmp_path / "x.db", "--for", "مریم", "--docs", "1-x"),
                   "write ids like 1,2,5-9")
    one_line_error(run(runner, "package", lead_file, lead_file, "--for", "مریم", "--docs", "1"), "already exists")


def test_merge_refusals_through_the_cli(runner, lead_file, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("junk", encoding="utf-8")
    one_line_error(run(runner, "merge", lead_file, junk), "not an annotator project database")
    stranger = tmp_path / "stranger.db"
    run(runner, "init", stranger)
    with Project.open(stranger) as other:
        from tests.core.conftest import add_text

        add_text(other, "متنی که پروژه ندارد.")
    result = run(runner, "merge", lead_file, stranger)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "nothing was merged" in result.output and "--add-documents" in result.output
    assert run(runner, "merge", lead_file, stranger, "--add-documents").exit_code == 0


def test_assign_modes_and_progress(runner, lead_file):
    result = run(runner, "assign", lead_file, "--to", "مریم,علی", "--per-document", "1", "--by", "لیلا")
    assert result.exit_code == 0, result.output
    assert "Assigned 3 new" in result.output
    result = run(runner, "assign", lead_file, "--to", "مریم,علی", "--double-sample", "100", "--seed", "3")
    assert result.exit_code == 0 and "Now assigned: مریم 3, علی 3" in result.output
    result = run(runner, "assignments", lead_file, "--json")
    rows = {r["name"]: r for r in json.loads(result.output)}
    assert rows["مریم"]["assigned"] == 3 and rows["مریم"]["in_progress"] == 1 and rows["مریم"]["todo"] == 2
    result = run(runner, "assignments", lead_file)
    assert "مریم\t3 assigned: 2 to do, 1 in progress, 0 done" in result.output
    assert run(runner, "unassign", lead_file, "--from", "علی", "--docs", "1,2").exit_code == 0
    assert "علی\t1 assigned" in run(runner, "assignments", lead_file).output
    result = run(runner, "package", lead_file, lead_file.with_name("ali.db"), "--for", "علی", "--assigned")
    assert "1 document(s)" in result.output


def test_assign_errors_are_one_line(runner, lead_file):
    one_line_error(run(runner, "assign", lead_file, "--to", "مریم"), "say which documents")
    one_line_error(run(runner, "assign", lead_file, "--to", "نیما", "--all"), "no annotator named 'نیما'")
    one_line_error(run(runner, "assign", lead_file, "--to", "مریم", "--per-document", "2"),
                   "2 different annotators out of 1")
    one_line_error(run(runner, "assign", lead_file, "--to", "مریم", "--docs", "1", "--all"), "choose one")
    one_line_error(run(runner, "assign", lead_file, "--to", "مریم", "--docs", "9"), "no document with id 9")
    one_line_error(run(runner, "unassign", lead_file, "--from", "مریم"), "--docs IDS or --all")
