"""Inter-annotator agreement: spans matched first, then what they carry and link to.

- :mod:`~annotator.agreement.units`: spans prepared once per document (merged fragments, bounds).
- :mod:`~annotator.agreement.matching`: one-to-one span matching, exact and by overlap.
- :mod:`~annotator.agreement.measures`: F1, Krippendorff's alpha (nominal), Cohen's kappa.
- :mod:`~annotator.agreement.layers`: per-character layers, counted as runs, for alpha.
- :mod:`~annotator.agreement.compare`: one document, two annotators: labels, attributes, speakers.
- :mod:`~annotator.agreement.report`: the aggregation over documents and pairs, and its JSON.
- :mod:`~annotator.agreement.compute`: the same over a :class:`~annotator.project.Project`.
- :mod:`~annotator.agreement.plain` and :mod:`~annotator.agreement.html`: tables and a standalone page.

"Only one annotator marked it" is always counted apart from "both marked it and disagree"
(on the label, the boundaries, an attribute or the speaker). Undefined figures are None.
"""

from annotator.agreement.compare import LabelCounts, LinkCounts, PairComparison, compare_pair, resolve_links
from annotator.agreement.compute import NotEnoughAnnotatorsError, compute_agreement, summary
from annotator.agreement.layers import Layer, character_layer, layer_alpha
from annotator.agreement.matching import (
    SpanMatching,
    match_exact,
    match_overlap,
    max_weight_assignment,
    overlap,
)
from annotator.agreement.measures import (
    alpha_from_coincidences,
    alpha_nominal,
    cohen_kappa,
    coincidences,
    coincidences_from_pairs,
    f1,
)
from annotator.agreement.report import (
    AgreementReport,
    DocumentAnnotations,
    Scheme,
    agreement_from_documents,
    scheme_from_tagset,
)

__all__ = [
    "AgreementReport", "DocumentAnnotations", "LabelCounts", "Layer", "LinkCounts", "NotEnoughAnnotatorsError",
    "PairComparison", "Scheme", "SpanMatching", "agreement_from_documents", "alpha_from_coincidences",
    "alpha_nominal", "character_layer", "cohen_kappa", "coincidences", "coincidences_from_pairs",
    "compare_pair", "compute_agreement", "f1", "layer_alpha", "match_exact", "match_overlap",
    "max_weight_assignment", "overlap", "resolve_links", "scheme_from_tagset", "summary",
]
