"""Hand-out packages: what goes in, what stays out, and refusals. Also the shared fixtures of the
merge tests (a lead project with two annotators, three documents and two actors)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from annotator.errors import NotFoundError, ValidationError
from annotator.handout.package import package_for, select_documents
from annotator.model import ActorDraft, RelationDraft, SpanDraft
from annotator.project import Project
from tests.core.conftest import SHORT_ARTICLE, add_text
from tests.core.test_project import find

TEXTS = [
    SHORT_ARTICLE,
    "وزیر نیرو اعلام کرد: «سد تا پایان سال آماده می‌شود.»",
    "نماینده مجلس گفت بودجه کافی نیست.",
]
TABLES = ["project_meta", "annotators", "documents", "document_tokens", "actors", "spans", "relations",
          "document_status", "assignments", "adjudication", "audit_log"]


def state(db_or_path) -> dict:
    """Every row of every table (ids and timestamps included), to compare two moments."""
    conn = sqlite3.connect(db_or_path) if not hasattr(db_or_path, "execute") else db_or_path
    try:
        return {t: list(conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")) for t in TABLES}
    finally:
        if conn is not db_or_path:
            conn.close()


def annotate(project, document, annotator, *, actor=None, quote_type="DIRECT"):
    """A quote with its cue and speaker mention, and the two links (as an annotator would)."""
    quote, _ = project.add_span(SpanDraft(document.id, annotator.id, "QUOTE",
                                          (find(document.text, "ما این کار را ظرف ۲۰ روز تمام می‌کنیم."),),
                                          {"quote_type": quote_type}))
    cue, _ = project.add_span(SpanDraft(document.id, annotator.id, "CUE", (find(document.text, "گفت"),)))
    mention, _ = project.add_span(SpanDraft(document.id, annotator.id, "ACTOR_MENTION",
                                            (find(document.text, "شهردار تهران"),),
                                            actor_id=actor.id if actor else None))
    project.add_relation(RelationDraft(document.id, annotator.id, "ATTRIBUTED_TO", quote.id, tail_span=mention.id))
    project.add_relation(RelationDraft(document.id, annotator.id, "HAS_CUE", quote.id, tail_span=cue.id))
    return quote, cue, mention


def make_lead(tmp_path) -> Project:
    """The lead's project file: annotators لیلا (lead), مریم and علی; three documents; two actors;
    مریم's and علی's quote, cue and mention in document 1 (hers linked to the mayor); her status."""
    project = Project.init(tmp_path / "lead.db")
    project.add_annotator("لیلا", role="lead")
    maryam, ali = project.add_annotator("مریم"), project.add_annotator("علی")
    documents = [add_text(project, text, title=f"خبر {i}") for i, text in enumerate(TEXTS, 1)]
    mayor, _ = project.add_actor(ActorDraft(name="شهردار تهران", type="PER", aliases=("شهردار",)))
    project.add_actor(ActorDraft(name="شهرداری تهران", type="ORG", subtype="MUNICIPALITY"))
    annotate(project, documents[0], maryam, actor=mayor)
    annotate(project, documents[0], ali, quote_type="INDIRECT")
    project.set_status(documents[0].id, maryam.id, "in_progress")
    project.add_time(documents[0].id, maryam.id, 90)
    return project


@pytest.fixture
def lead(tmp_path):
    with make_lead(tmp_path) as project:
        yield project


def docs(project):
    return [project.document(d) for d in project.document_ids()]


def package(lead, tmp_path, name="مریم", ids=None, file="maryam.db"):
    ids = ids if ids is not None else lead.document_ids()[:2]
    package_for(lead, tmp_path / file, name, ids)
    return tmp_path / file


def test_package_holds_tagset_actors_documents_and_only_that_annotators_work(lead, tmp_path):
    first, second, third = docs(lead)
    maryam = lead.annotator_by_name("مریم")
    report = package_for(lead, tmp_path / "m.db", "مریم", [first.id, second.id])
    assert (report.documents, report.actors, report.spans, report.relations, report.statuses) == (2, 2, 3, 2, 1)
    with Project.open(tmp_path / "m.db") as out:
        assert out.tagset.to_json() == lead.tagset.to_json()
        assert out.actors() == lead.actors()  # all of them, same ids
        assert out.document_ids() == [first.id, second.id]
        for d in (first, second):
            assert out.document(d.id).text == d.text and out.document(d.id).uid == d.uid
            assert out.tokenization(d.id) == lead.tokenization(d.id)
        assert [(a.id, a.name, a.role) for a in out.annotators()] == [(maryam.id, "مریم", "annotator")]
        assert out.spans(first.id) == lead.spans(first.id, annotator_id=maryam.id)
        assert out.relations(first.id) == lead.relations(first.id, annotator_id=maryam.id)
        assert out.status(first.id, maryam.id) == lead.status(first.id, maryam.id)
        assert out.spans(second.id) == []
        meta = json.loads(out.setting("handout"))
        assert meta["for"] == "مریم" and meta["documents"] == 2
        assert out.count_documents(search="شهردار") == 1  # the search index is built
    assert third.id not in Project.open(tmp_path / "m.db").document_ids()


def test_package_of_assigned_documents_carries_assignments(lead, tmp_path):
    maryam = lead.annotator_by_name("مریم")
    lead.assign(lead.document_ids()[1:], [maryam.id])
    chosen = select_documents(lead, "مریم", assigned=True)
    assert chosen == lead.document_ids()[1:]
    package_for(lead, tmp_path / "m.db", "مریم", chosen)
    with Project.open(tmp_path / "m.db") as out:
        assert out.assigned_documents(maryam.id) == chosen
        assert all(a.assigned_by is None for a in out.assignments())


def test_package_refuses_to_overwrite(lead, tmp_path):
    target = tmp_path / "exists.db"
    target.write_bytes(b"keep me")
    with pytest.raises(ValidationError, match="already exists"):
        package_for(lead, target, "مریم", lead.document_ids())
    assert target.read_bytes() == b"keep me"


def test_package_refuses_unknown_annotator_and_documents(lead, tmp_path):
    with pytest.raises(NotFoundError, match="no annotator named"):
        package_for(lead, tmp_path / "x.db", "نیما", lead.document_ids())
    with pytest.raises(ValidationError, match="no document with id 99"):
        package_for(lead, tmp_path / "x.db", "مریم", [1, 99])
    assert not (tmp_path / "x.db").exists()


def test_selection_needs_docs_or_assigned(lead):
    with pytest.raises(ValidationError, match="--docs"):
        select_documents(lead, "مریم")
    with pytest.raises(ValidationError, match="not both"):
        select_documents(lead, "مریم", ids=[1], assigned=True)
    with pytest.raises(ValidationError, match="no documents are assigned to علی"):
        select_documents(lead, "علی", assigned=True)
    with pytest.raises(ValidationError, match="no document with id 7"):
        select_documents(lead, "علی", ids=[1, 7])


def test_cancelled_package_leaves_no_file(lead, tmp_path):
    report = package_for(lead, tmp_path / "c.db", "مریم", lead.document_ids(), cancelled=lambda: True)
    assert report.cancelled and not (tmp_path / "c.db").exists()


def test_repackaging_after_a_merge_continues_the_work(lead, tmp_path):
    from annotator.handout.merge import merge_databases

    _, second, _ = docs(lead)
    path = package(lead, tmp_path)
    with Project.open(path) as work:
        maryam = work.annotator_by_name("مریم")
        work.add_span(SpanDraft(second.id, maryam.id, "CUE", (find(second.text, "اعلام کرد"),)))
    merge_databases(lead, [path])
    again = package(lead, tmp_path, ids=[second.id], file="again.db")
    with Project.open(again) as work:
        assert [s.label for s in work.spans(second.id)] == ["CUE"]
