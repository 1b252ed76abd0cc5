"""Pre-annotation: quality on the gold set, and the speed of 1,000 articles on one core.

The texts are the project's samples and the gold texts, cycled and made unique as in
:func:`benchmarks.common.corpus_texts`. Detection runs on stored tokens (tokenising is the
import's work), so the same-run baseline is hazm tokenising the same texts. The write path
(detect + validated writes through the service, one transaction per document) is timed on a
project file, and so is an idempotent re-run.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.common import peak_rss_mb, write_result

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "gold" / "gold.jsonl"


def _texts(count: int, extra_dirs: list[Path]) -> list[str]:
    from annotator.preannotate.evaluate import load_gold
    from annotator.samples import sample_texts

    base = list(sample_texts()) + [g["text"] for g in load_gold(GOLD)]
    for folder in extra_dirs:
        base += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*.txt"))]
    return [f"{base[i % len(base)]}\nنسخه {i}" for i in range(count)]


def _hazm_alone(texts: list[str]) -> float:
    import hazm

    from annotator import text as textpipe

    textpipe.tokenize("گرم کردن")
    sentences, words = hazm.SentenceTokenizer(), hazm.WordTokenizer()
    start = time.perf_counter()
    for text in texts:
        for sentence in sentences.tokenize(text):
            words.tokenize(sentence)
    return time.perf_counter() - start


def _detect_alone(analysed: list) -> tuple[float, int]:
    from annotator.preannotate import detect

    start = time.perf_counter()
    spans = sum(len(detect(text, tokens).spans) for text, tokens in analysed)
    return time.perf_counter() - start, spans


def _write_path(texts: list[str], folder: Path) -> tuple[float, float, dict]:
    from annotator.ingest import import_paths
    from annotator.preannotate import preannotate
    from annotator.project import Project

    files = folder / "articles"
    files.mkdir()
    for i, text in enumerate(texts):
        (files / f"{i:05d}.txt").write_text(text, encoding="utf-8")
    with Project.init(folder / "bench.db") as project:
        import_paths(project, [files], cores=1)
        ids = project.document_ids()
        start = time.perf_counter()
        report = preannotate(project, ids)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = preannotate(project, ids)
        rerun = time.perf_counter() - start
        assert again.added == {} and again.removed == 0, again.to_json()
    return first, rerun, report.to_json()


def _gold_figures() -> dict:
    from annotator.preannotate.evaluate import load_gold
    from annotator.preannotate.gold import evaluate_texts

    report = evaluate_texts(load_gold(GOLD))
    figures = {}
    for label, name in (("QUOTE", "quotes"), ("CUE", "cues"), ("ACTOR_MENTION", "mentions"), ("TIME_EXPR", "timex")):
        score = report.spans[label]
        figures |= {f"gold_{name}_precision": score.precision, f"gold_{name}_recall": score.recall,
                    f"gold_{name}_f1": score.f1}
    return figures | {"gold_quotes_exact_f1": report.exact_quotes.f1,
                      "gold_speaker_accuracy (target >= 0.9)": report.speakers.accuracy,
                      "gold_speaker_accuracy_strict": report.speakers.strict,
                      "gold_documents": report.documents}


def run(extra_dirs: list[Path] | None = None, count: int = 1000) -> dict:
    from annotator import text as textpipe

    texts = [textpipe.canonicalize(t) for t in _texts(count, extra_dirs or [])]
    hazm_alone = _hazm_alone(texts)
    analysed = [(text, textpipe.tokenize(text)) for text in texts]
    detect_s, spans = _detect_alone(analysed)
    with tempfile.TemporaryDirectory() as tmp:
        write_s, rerun_s, report = _write_path(texts, Path(tmp))
    figures = _gold_figures() | {
        "articles": count,
        "characters": sum(map(len, texts)),
        "suggested_spans": spans,
        "detect_s": detect_s,
        "detect_and_write_s (target <= 30)": write_s,
        "rerun_unchanged_s": rerun_s,
        "hazm_tokenize_same_texts_s": hazm_alone,
        "ratio_detect_to_hazm": detect_s / hazm_alone,
        "ratio_detect_and_write_to_hazm": write_s / hazm_alone,
        "docs_per_s_detect_and_write": count / write_s,
        "actors_created": report["actors_created"],
        "peak_rss_mb": peak_rss_mb(),
    }
    write_result("preannotate", figures)
    return figures


if __name__ == "__main__":
    run()
