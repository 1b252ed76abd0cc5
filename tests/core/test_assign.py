"""Assignment plans (properties) and storing them through the service (audited, with progress)."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.errors import InputError, ValidationError
from annotator.handout.assignment import (
    parse_id_list,
    plan_all,
    plan_double_sample,
    plan_per_document,
    sample_size,
    set_adjudication_status,
)
from annotator.store import assignments as assign_sql
from tests.core.conftest import add_text

documents = st.lists(st.integers(1, 10_000), max_size=120, unique=True)
annotators = st.lists(st.sampled_from("ABCDEFGH"), min_size=1, max_size=8, unique=True)


def loads(plan, names):
    counts = Counter(a for _, a in plan)
    return [counts[n] for n in names]


def by_document(plan):
    grouped: dict = {}
    for d, a in plan:
        grouped.setdefault(d, []).append(a)
    return grouped


@given(documents, annotators, st.data())
def test_per_document_gives_n_distinct_annotators_balanced_within_one(docs, names, data):
    n = data.draw(st.integers(1, len(names)))
    plan = plan_per_document(docs, names, n)
    grouped = by_document(plan)
    assert list(grouped) == docs
    assert all(len(a) == n == len(set(a)) for a in grouped.values())
    assert max(loads(plan, names)) - min(loads(plan, names)) <= 1


@given(documents, annotators, st.floats(0, 100, allow_nan=False), st.integers(0, 2**32))
def test_double_sample_size_distinct_second_balanced_and_deterministic(docs, names, percent, seed):
    if len(names) < 2 and sample_size(len(docs), percent):
        with pytest.raises(ValidationError, match="at least two annotators"):
            plan_double_sample(docs, names, percent, seed=seed)
        return
    plan = plan_double_sample(docs, names, percent, seed=seed)
    grouped = by_document(plan)
    assert list(grouped) == docs
    assert all(len(set(a)) == len(a) for a in grouped.values())
    assert sum(len(a) == 2 for a in grouped.values()) == sample_size(len(docs), percent)
    assert max(loads(plan, names)) - min(loads(plan, names)) <= 1
    assert plan_double_sample(docs, names, percent, seed=seed) == plan


def test_sample_size_rounds_half_up_and_the_seed_matters():
    assert [sample_size(25, 10), sample_size(10, 25), sample_size(10, 24), sample_size(0, 50)] == [3, 3, 2, 0]
    docs = list(range(1, 201))
    samples = {seed: {d for d, a in by_document(plan_double_sample(docs, "ABC", 10, seed=seed)).items()
                      if len(a) == 2} for seed in range(5)}
    assert len({frozenset(s) for s in samples.values()}) > 1


def test_double_annotated_documents_spread_over_many_pairs():
    plan = plan_double_sample(range(1, 101), list("ABCD"), 60, seed=1)
    pairs = Counter(frozenset(a) for a in by_document(plan).values() if len(a) == 2)
    assert len(pairs) == 6 and max(pairs.values()) - min(pairs.values()) <= 2  # load balance comes first


def test_plan_refusals():
    with pytest.raises(ValidationError, match="3 different annotators out of 2"):
        plan_per_document([1], ["A", "B"], 3)
    with pytest.raises(ValidationError, match="at least one annotator"):
        plan_all([1], [])
    with pytest.raises(ValidationError, match="percentage"):
        plan_double_sample([1], ["A", "B"], 120)
    assert plan_all([1, 2], ["A", "B", "A"]) == [(1, "A"), (1, "B"), (2, "A"), (2, "B")]


@given(st.lists(st.tuples(st.integers(1, 500), st.integers(0, 20)), min_size=1, max_size=10))
def test_parse_id_list_reads_what_it_is_given(parts):
    text = ",".join(f"{a}-{a + n}" if n else str(a) for a, n in parts)
    assert parse_id_list(text) == sorted({i for a, n in parts for i in range(a, a + n + 1)})


@pytest.mark.parametrize("text", ["", "a", "1,,2", "5-2", "0", "1-", "-3"])
def test_parse_id_list_refuses_with_the_bad_part(text):
    with pytest.raises(InputError, match="ids"):
        parse_id_list(text)


# -- the service ---------------------------------------------------------------------------------


@pytest.fixture
def team(project):
    lead = project.add_annotator("لیلا", role="lead")
    maryam, ali = project.add_annotator("مریم"), project.add_annotator("علی")
    documents = [add_text(project, f"متن شماره {i} برای آزمون.").id for i in range(1, 7)]
    project.user = lead.id
    return project, lead, maryam, ali, documents


def test_assign_and_unassign_are_audited_and_idempotent(team):
    project, lead, maryam, _, documents = team
    changes = project.assign(documents[:4], [maryam.id])
    assert changes.status and changes.document_ids == frozenset(documents[:4])
    assert project.assign(documents[:4], [maryam.id]).empty
    assert project.assigned_documents(maryam.id) == documents[:4]
    (entry,) = [e for e in project.audit_log() if e.action == "assign"]
    assert entry.entity_id == maryam.id and entry.after == {"documents": documents[:4]}
    assert all(a.assigned_by == lead.id for a in project.assignments(annotator_id=maryam.id))
    project.unassign(documents[:2], [maryam.id])
    assert project.assigned_documents(maryam.id) == documents[2:4]
    assert [e.action for e in project.audit_log()][:1] == ["unassign"]
    assert project.assignments(document_id=documents[3]) == project.assignments(annotator_id=maryam.id)[1:]


def test_assign_refuses_unknown_ids_without_writing(team):
    project, _, maryam, _, documents = team
    with pytest.raises(ValidationError, match="no document with id 99"):
        project.assign([documents[0], 99], [maryam.id])
    with pytest.raises(Exception, match="no annotator with id 42"):
        project.assign(documents, [42])
    assert project.assignments() == []


def test_progress_counts_statuses_of_assigned_documents(team):
    project, _, maryam, ali, documents = team
    project.assign_pairs(plan_per_document(documents, [maryam.id, ali.id], 1))
    mine = project.assigned_documents(maryam.id)
    project.set_status(mine[0], maryam.id, "done")
    project.set_status(mine[1], maryam.id, "in_progress")
    project.set_status(project.assigned_documents(ali.id)[0], maryam.id, "done")  # not hers: not counted
    rows = {r.name: r for r in project.assignment_progress()}
    assert (rows["مریم"].assigned, rows["مریم"].todo, rows["مریم"].in_progress, rows["مریم"].done) == (3, 1, 1, 1)
    assert (rows["علی"].assigned, rows["علی"].todo) == (3, 3)
    assert rows["لیلا"].assigned == 0


def test_adjudication_status_is_stored_per_document(team):
    project, _, _, _, documents = team
    assert assign_sql.get_adjudication(project.db, documents[0]) == ("todo", None)
    set_adjudication_status(project, documents[0], "in_progress")
    assert assign_sql.get_adjudication(project.db, documents[0])[0] == "in_progress"
    assert assign_sql.adjudication_counts(project.db) == {"todo": 5, "in_progress": 1, "done": 0}
    with pytest.raises(ValidationError, match="unknown status"):
        set_adjudication_status(project, documents[0], "finished")
