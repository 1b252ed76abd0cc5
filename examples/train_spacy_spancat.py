"""Train a spaCy span categoriser on an ``annotator export --format spacy`` folder.

    annotator export project.db corpus/ --format spacy --layer gold --split 80/10/10
    python examples/train_spacy_spancat.py corpus/ model/ --epochs 20 --labels ACTOR_MENTION CUE

The pipeline is a blank Persian one (``spacy.blank("fa")``) with spaCy's default ``spancat``
model, so nothing is downloaded. It keeps the export's own (hazm) tokens, prints precision,
recall and F1 on ``dev.spacy`` after every epoch and saves the best pipeline to ``model/``;
load it with ``spacy.load("model/")`` and read predictions from ``doc.spans["sc"]``.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Sequence
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import minibatch

SPANS_KEY = "sc"


def load_examples(path: Path, nlp, labels: Sequence[str] | None) -> list[Example]:
    """Examples whose predicted side has the export's tokens and no spans."""
    examples = []
    for reference in DocBin().from_disk(path).get_docs(nlp.vocab):
        if labels:
            reference.spans[SPANS_KEY] = [s for s in reference.spans[SPANS_KEY] if s.label_ in labels]
        words = [t.text for t in reference]
        spaces = [bool(t.whitespace_) for t in reference]
        examples.append(Example(Doc(nlp.vocab, words=words, spaces=spaces), reference))
    return examples


def train(export_dir: Path, model_dir: Path, *, epochs: int = 10, labels: Sequence[str] | None = None,
          max_span_tokens: int = 6, seed: int = 0, log: Callable[[str], None] = print) -> dict[str, float]:
    """Train on ``train.spacy``, pick the best epoch on ``dev.spacy``, save it to ``model_dir``.

    :returns: the best dev scores (``spans_sc_p``, ``spans_sc_r``, ``spans_sc_f``)
    """
    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("fa")
    spancat = nlp.add_pipe("spancat", config={
        "spans_key": SPANS_KEY,
        "suggester": {"@misc": "spacy.ngram_suggester.v1", "sizes": list(range(1, max_span_tokens + 1))}})
    train_examples = load_examples(export_dir / "train.spacy", nlp, labels)
    dev_examples = load_examples(export_dir / "dev.spacy", nlp, labels) or train_examples
    for label in sorted({s.label_ for e in train_examples for s in e.reference.spans[SPANS_KEY]}):
        spancat.add_label(label)
    optimizer = nlp.initialize(lambda: train_examples)
    best: dict[str, float] = {"spans_sc_f": -1.0}
    for epoch in range(1, epochs + 1):
        random.shuffle(train_examples)
        losses: dict[str, float] = {}
        for batch in minibatch(train_examples, size=8):
            nlp.update(batch, drop=0.1, sgd=optimizer, losses=losses)
        scores = nlp.evaluate(dev_examples)
        f = scores.get("spans_sc_f") or 0.0
        log(f"epoch {epoch:3d}  loss {losses.get('spancat', 0.0):9.3f}  "
            f"P {scores.get('spans_sc_p') or 0:.3f}  R {scores.get('spans_sc_r') or 0:.3f}  F {f:.3f}")
        if f > best["spans_sc_f"]:
            best = {k: float(scores.get(k) or 0.0) for k in ("spans_sc_p", "spans_sc_r", "spans_sc_f")}
            nlp.to_disk(model_dir)
    return best


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export_dir", type=Path, help="a folder written by annotator export --format spacy")
    parser.add_argument("model_dir", type=Path, help="where to save the trained pipeline")
    parser.add_argument("--epochs", type=int, default=10, help="passes over the training documents")
    parser.add_argument("--labels", nargs="*", help="train on these labels only (default: all)")
    parser.add_argument("--max-span-tokens", type=int, default=6, help="longest span the model proposes")
    args = parser.parse_args(argv)
    best = train(args.export_dir, args.model_dir, epochs=args.epochs, labels=args.labels,
                 max_span_tokens=args.max_span_tokens)
    print(f"best dev F1 {best['spans_sc_f']:.3f}; pipeline saved to {args.model_dir}")


if __name__ == "__main__":
    main()
