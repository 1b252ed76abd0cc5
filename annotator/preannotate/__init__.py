"""Rule-based Persian pre-annotation (issue 8): suggested cues, quotes, speakers, deadlines and
commitments that annotators accept or reject.

Pure detection (no project)::

    from annotator.preannotate import detect
    found = detect(text, tokenization, published=date(2024, 5, 1))   # -> Suggestions

Through a project (suggestions land in one annotator's layer with origin "suggested")::

    preannotate(project, project.document_ids(), annotator="preannotator")
    suggestions(project, document_id, annotator_id)                  # -> [Span]

Accepting and rejecting, as undoable edits for the window (see :mod:`.edits`)::

    AcceptSuggestion(span_id).apply(project); RejectSuggestion(span_id).apply(project)
    AcceptAll(document_id, annotator_id); RejectAll(document_id, annotator_id)
"""

from annotator.preannotate.apply import (
    PREANNOTATOR,
    ApplyReport,
    preannotate,
    preannotate_document,
    rejected_places,
    suggestions,
)
from annotator.preannotate.detect import detect
from annotator.preannotate.edits import AcceptAll, AcceptSuggestion, RejectAll, RejectSuggestion, accept_group
from annotator.preannotate.evaluate import Report, evaluate, load_gold
from annotator.preannotate.model import SuggestedActor, SuggestedLink, SuggestedSpan, Suggestions

__all__ = [
    "PREANNOTATOR",
    "AcceptAll",
    "AcceptSuggestion",
    "ApplyReport",
    "RejectAll",
    "RejectSuggestion",
    "Report",
    "SuggestedActor",
    "SuggestedLink",
    "SuggestedSpan",
    "Suggestions",
    "accept_group",
    "detect",
    "evaluate",
    "load_gold",
    "preannotate",
    "preannotate_document",
    "rejected_places",
    "suggestions",
]
