"""Every refusal of a merge names the problem and leaves the target (and the file) untouched."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.errors import AnnotatorError, ProjectFileError
from annotator.handout.merge import MergeError, merge_databases
from annotator.model import SpanDraft
from annotator.project import Project
from annotator.tagset import default_tagset, parse_tagset
from tests.core.conftest import add_text
from tests.core.test_merge import digest
from tests.core.test_package import TEXTS, docs, make_lead, package, state
from tests.core.test_project import find


@pytest.fixture
def lead(tmp_path):
    with make_lead(tmp_path) as project:
        yield project


@pytest.fixture
def pkg(lead, tmp_path):
    path = package(lead, tmp_path)
    with Project.open(path) as work:
        second = docs(work)[1]
        work.add_span(SpanDraft(second.id, work.annotator_by_name("مریم").id, "CUE",
                                (find(second.text, "اعلام کرد"),)))
    return path


def refused(lead, path, error=AnnotatorError, match=None, **options) -> str:
    """Merge ``path``, expect a refusal, check that nothing changed; return the message."""
    target = Path(lead.path)
    rows, main_bytes, other_bytes = state(lead.db), digest(target), digest(path)
    backups = set(target.parent.glob("*.before-merge-*"))
    with pytest.raises(error, match=match) as info:
        merge_databases(lead, [path], **options)
    assert state(lead.db) == rows
    assert digest(target) == main_bytes and digest(path) == other_bytes
    assert set(target.parent.glob("*.before-merge-*")) == backups
    return str(info.value)


def edit(path: Path, *statements: str) -> None:
    """Change a file behind the application's back, as a buggy tool or a hand edit would."""
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def test_a_file_that_is_not_sqlite(lead, tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database", encoding="utf-8")
    message = refused(lead, path, ProjectFileError, "not an annotator project database")
    assert str(path) in message


def test_an_sqlite_file_of_another_program(lead, tmp_path):
    path = tmp_path / "other-program.db"
    edit(path, "CREATE TABLE things (id INTEGER PRIMARY KEY)")
    refused(lead, path, ProjectFileError, "not an annotator project database")


def test_a_missing_file(lead, tmp_path):
    refused(lead, tmp_path / "missing.db", ProjectFileError, "no such project database")


def test_a_truncated_file(lead, pkg, tmp_path):
    broken = tmp_path / "truncated.db"
    data = pkg.read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    message = refused(lead, broken, ProjectFileError)
    assert str(broken) in message and ("damaged" in message or "malformed" in message)


def test_a_file_with_overwritten_pages(lead, pkg, tmp_path):
    broken = tmp_path / "overwritten.db"
    data = bytearray(pkg.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for number in range(1, len(data) // page):  # every page but the first loses its header
        data[number * page: number * page + 12] = b"\xff" * 12
    broken.write_bytes(bytes(data))
    refused(lead, broken, ProjectFileError, "damaged")


def test_a_file_from_a_newer_version(lead, pkg, tmp_path):
    newer = tmp_path / "newer.db"
    shutil.copy(pkg, newer)
    edit(newer, "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                " VALUES ('annotator', '9999_future', 'x')")
    refused(lead, newer, ProjectFileError, "newer version of annotator")


def test_an_incompatible_tagset_names_what_is_used_with_counts(lead, tmp_path):
    data = default_tagset().to_json()
    data["version"] = "9.0"
    event = {**data["span_labels"][-1], "name": "EVENT", "shortcut": "E", "attributes": []}
    data["span_labels"].append(event)
    path = tmp_path / "event.db"
    with Project.init(path, tagset=parse_tagset(data)) as other:
        maryam = other.add_annotator("مریم")
        document = add_text(other, TEXTS[0])
        other.add_span(SpanDraft(document.id, maryam.id, "EVENT", (find(document.text, "گفت"),)))
        other.add_span(SpanDraft(document.id, maryam.id, "EVENT", (find(document.text, "افزود"),)))
    message = refused(lead, path, MergeError)
    assert "'EVENT' is not a label" in message and ": 2 (in document 1)" in message
    assert "lacks: span label EVENT" in message and "tagset" in message


def test_a_text_altered_under_the_same_hash(lead, pkg):
    edit(pkg, "UPDATE documents SET text = replace(text, 'تهران', 'تبریز') WHERE id = 1")
    message = refused(lead, pkg, MergeError, "differs from this project's copy under the same content hash")
    assert "«خبر 1»" in message


def test_offsets_outside_the_text(lead, pkg):
    edit(pkg, "DROP TRIGGER spans_within_text_insert",
         "INSERT INTO spans (document_id, annotator_id, label, start, \"end\", fragments, attrs, created_at,"
         " updated_at) SELECT 1, id, 'CUE', 5, 5000, '[[5, 5000]]', '{}', 'x', 'x' FROM annotators")
    message = refused(lead, pkg, MergeError, "lies outside the text")
    assert "document 1" in message


def test_unknown_document_without_add_documents(lead, tmp_path):
    path = tmp_path / "stranger.db"
    with Project.init(path) as other:
        other.add_annotator("مریم")
        add_text(other, "متنی که پروژه ندارد.", title="بیگانه")
    message = refused(lead, path, MergeError, "not in this project")
    assert "«بیگانه»" in message and "--add-documents" in message


def test_a_text_that_does_not_match_its_hash_is_not_added(lead, tmp_path):
    path = tmp_path / "bad-hash.db"
    with Project.init(path) as other:
        other.add_annotator("مریم")
        add_text(other, "متنی که پروژه ندارد.")
    edit(path, "UPDATE documents SET text = 'متن دیگر'")
    refused(lead, path, MergeError, "does not match their content hash", add_documents=True)


def test_every_problem_of_several_files_is_listed_at_once(lead, pkg, tmp_path):
    stranger = tmp_path / "stranger.db"
    with Project.init(stranger) as other:
        add_text(other, "متنی که پروژه ندارد.")
    edit(pkg, "UPDATE documents SET text = text || '!' WHERE id = 2")
    target = Path(lead.path)
    before = state(lead.db)
    with pytest.raises(MergeError) as info:
        merge_databases(lead, [pkg, stranger])
    assert "maryam.db" in str(info.value) and "stranger.db" in str(info.value)
    assert state(lead.db) == before and not list(target.parent.glob("*.before-merge-*"))


def test_overlaps_the_tagset_forbids(lead, pkg):
    edit(pkg, "INSERT INTO spans (document_id, annotator_id, label, start, \"end\", fragments, attrs, created_at,"
              " updated_at) SELECT document_id, annotator_id, 'CUE', start, \"end\" + 1,"
              " json_array(json_array(start, \"end\" + 1)), '{}', 'x', 'x' FROM spans WHERE label = 'CUE'"
              " AND document_id = 1")
    message = refused(lead, pkg, MergeError, "2 annotation\\(s\\) do not fit")
    assert message.count("CUE spans may not overlap: 1 (in document 1)") == 2
