"""A small annotated Persian project for the export and import tests (written for them).

The texts hold a ZWNJ word (می‌کنیم), an emoji outside the BMP (😀, two UTF-16 units), a newline
and «» quotes; the spans include a discontinuous quote, a mention linked to an actor and a quote
attributed straight to an actor.
"""

from __future__ import annotations

from annotator.model import ActorDraft, RelationDraft, SpanDraft
from annotator.project import Project
from tests.core.conftest import add_text

ARTICLE_A = (
    "شهردار تهران گفت: «ما این کار را ظرف ۲۰ روز تمام می‌کنیم.»\n"
    "😀 وی افزود که بودجه آن آماده است."
)
ARTICLE_B = "وزیر نیرو اعلام کرد: «برق روستاها تا پایان سال وصل می‌شود.» 🚀 این خبر را ایرنا داد."
ARTICLE_C = "نماینده مجلس  گفت که کتاب\u200cهای تازه به زودی بررسی خواهد شد."


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The ``nth`` occurrence of ``needle`` as a ``(start, end)`` pair."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def annotate_article_a(project: Project, document, annotator_id, actor_id, *, origin: str = "manual"):
    """Mention, cue, a two-part quote and a time expression, linked."""
    t = document.text
    mention, _ = project.add_span(SpanDraft(document.id, annotator_id, "ACTOR_MENTION", (where(t, "شهردار تهران"),),
                                            attrs={"mention_type": "NOM"}, origin=origin, actor_id=actor_id))
    cue, _ = project.add_span(SpanDraft(document.id, annotator_id, "CUE", (where(t, "گفت"),), origin=origin))
    quote, _ = project.add_span(SpanDraft(
        document.id, annotator_id, "QUOTE", (where(t, "ما این کار"), where(t, "تمام می‌کنیم")),
        attrs={"quote_type": "DIRECT"}, origin=origin))
    project.add_span(SpanDraft(document.id, annotator_id, "TIME_EXPR", (where(t, "ظرف ۲۰ روز"),),
                               attrs={"timex_type": "DURATION", "value": "P20D"}, origin=origin))
    project.add_relation(RelationDraft(document.id, annotator_id, "ATTRIBUTED_TO", quote.id, tail_span=mention.id,
                                       origin=origin))
    project.add_relation(RelationDraft(document.id, annotator_id, "HAS_CUE", quote.id, tail_span=cue.id, origin=origin))
    pronoun, _ = project.add_span(SpanDraft(document.id, annotator_id, "ACTOR_MENTION", (where(t, "وی"),),
                                            attrs={"mention_type": "PRON"}, origin=origin, actor_id=actor_id))
    return pronoun


def annotate_article_b(project: Project, document, annotator_id, actor_id):
    """A quote after an emoji-free start, attributed straight to an actor; an agency after 🚀."""
    t = document.text
    quote, _ = project.add_span(SpanDraft(document.id, annotator_id, "QUOTE", (where(t, "برق روستاها تا پایان سال وصل می‌شود."),),
                                          attrs={"quote_type": "DIRECT"}))
    project.add_relation(RelationDraft(document.id, annotator_id, "ATTRIBUTED_TO", quote.id, tail_actor=actor_id))
    project.add_span(SpanDraft(document.id, annotator_id, "ACTOR_MENTION", (where(t, "ایرنا"),), attrs={"mention_type": "NAME"}))


def build_project(project: Project) -> dict:
    """Fill an empty project: two annotators, three documents, an actor; returns the ids."""
    maryam = project.add_annotator("مریم")
    ali = project.add_annotator("علی")
    docs = [add_text(project, text, title=f"خبر {i}") for i, text in enumerate((ARTICLE_A, ARTICLE_B, ARTICLE_C), 1)]
    mayor, _ = project.add_actor(ActorDraft(name="علیرضا زاکانی", type="PER", aliases=("زاکانی",)))
    minister, _ = project.add_actor(ActorDraft(name="وزیر نیرو", type="PER"))
    annotate_article_a(project, docs[0], maryam.id, mayor.id)
    annotate_article_b(project, docs[1], maryam.id, minister.id)
    annotate_article_a(project, docs[0], ali.id, mayor.id)
    t = docs[2].text
    project.add_span(SpanDraft(docs[2].id, ali.id, "CUE", (where(t, "گفت"),), origin="suggested"))
    project.set_status(docs[0].id, maryam.id, "done")
    project.set_status(docs[1].id, maryam.id, "in_progress")
    return {"maryam": maryam, "ali": ali, "docs": docs, "mayor": mayor, "minister": minister}
