"""The Qt-free review order of suggestions (ui.suggestion_ops), against the core's own grouping."""

from annotator.model import Relation, Span
from annotator.preannotate import accept_group, preannotate_document
from annotator.project import Project
from tests.ui.conftest import add_text
from tests.ui.test_suggestions import ARTICLE
from ui import suggestion_ops as sops


def span(id_, start, end, label="QUOTE", origin="suggested"):
    return Span(id_, 1, 1, label, ((start, end),), origin=origin)


def link(head, tail, origin="suggested"):
    return Relation(id=head * 100 + tail, document_id=1, annotator_id=1, type="HAS_CUE", head=head,
                    tail_span=tail, tail_actor=None, origin=origin)


def test_the_review_visits_heads_in_text_order_and_wraps():
    spans = {1: span(1, 0, 5, "CUE"), 2: span(2, 10, 30), 3: span(3, 12, 15, "TIME_EXPR"),
             4: span(4, 40, 50, origin="manual")}
    relations = [link(2, 1)]
    order = sops.review_order(spans, relations)
    assert [s.id for s in order] == [2, 3]  # the cue goes with its quote; manual spans are no suggestions
    assert sops.group_of(2, spans, relations) == [1]
    assert sops.neighbour(order, spans[3], 1).id == 2  # wraps round
    assert sops.neighbour(order, spans[2], -1).id == 3
    assert sops.neighbour(order, spans[4], -1).id == 3  # from a manual span
    assert sops.neighbour(order, None, 1).id == 2
    assert sops.neighbour([], None, 1) is None


def test_once_its_quote_is_accepted_a_cue_is_a_suggestion_of_its_own():
    spans = {1: span(1, 0, 5, "CUE"), 2: span(2, 10, 30, origin="manual")}
    assert [s.id for s in sops.review_order(spans, [link(2, 1, origin="manual")])] == [1]
    assert sops.group_of(2, spans, []) == []  # not a suggestion: nothing to take along


def test_group_of_agrees_with_the_core(tmp_path):
    with Project.init(tmp_path / "p.db") as project:
        document_id = add_text(project, ARTICLE, title="t")
        annotator = project.ensure_annotator("مریم")
        preannotate_document(project, document_id, annotator.id)
        spans = {s.id: s for s in project.spans(document_id, annotator_id=annotator.id)}
        relations = project.relations(document_id, annotator_id=annotator.id)
        for span_id in spans:
            core = accept_group(project, span_id).spans
            assert [span_id, *sops.group_of(span_id, spans, relations)] == [core[0], *sorted(core[1:], key=lambda i: spans[i].start)]
        assert sops.suggestion_count(spans.values()) == 8
        assert len(sops.review_order(spans, relations)) == 4
