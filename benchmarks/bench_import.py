"""Import of 2,000 articles: throughput, memory, and ratios to hazm alone and to a raw insert."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.common import best_of, corpus_texts, peak_rss_mb, rss_mb, write_result


def _hazm_alone(texts: list[str]) -> float:
    from annotator import text as textpipe

    textpipe.tokenize("گرم کردن")  # build the tokenisers outside the timing
    import hazm

    sentences, words = hazm.SentenceTokenizer(), hazm.WordTokenizer()
    start = time.perf_counter()
    for text in texts:
        for sentence in sentences.tokenize(text):
            words.tokenize(sentence)
    return time.perf_counter() - start


def _raw_insert(texts: list[str], folder: Path) -> float:
    from sqlite_utils import Database

    db = Database(folder / "raw.db")
    start = time.perf_counter()
    db["docs"].insert_all(({"id": i, "text": t} for i, t in enumerate(texts)), pk="id")
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def _import(files: Path, folder: Path, cores: int, name: str) -> tuple[float, list[float]]:
    from annotator.ingest import import_paths
    from annotator.project import Project

    memory: list[float] = []
    with Project.init(folder / f"{name}.db") as project:
        start = time.perf_counter()
        report = import_paths(project, [files], cores=cores,
                              progress=lambda r: memory.append(rss_mb()) if r.files % 250 == 0 else None)
        elapsed = time.perf_counter() - start
        assert report.added > 0 and not report.problems, report.problems[:3]
    return elapsed, memory


def _stages(texts: list[str], folder: Path) -> dict[str, float]:
    """Where one core's import time goes, stage by stage, in seconds (best of three each),
    with the texts in batches as the import hands them over."""
    from annotator import text as textpipe
    from annotator.analysis import analyse_batch
    from annotator.ingest import tokenizer_name
    from annotator.ingest_work import BATCH_SIZE
    from annotator.project import Project
    from annotator.store import documents as doc_sql
    from annotator.store import meta as meta_sql
    from annotator.store.documents import DocumentRow

    batches = [texts[i:i + BATCH_SIZE] for i in range(0, len(texts), BATCH_SIZE)]
    canonical = [[textpipe.canonicalize(t) for t in batch] for batch in batches]
    analysed = [a for batch in batches for a in analyse_batch(batch, False, False)]

    def write() -> None:
        path = folder / "stages.db"
        path.unlink(missing_ok=True)
        with Project.init(path) as project:
            meta_sql.begin(project.db)
            indexed = []
            for a in analysed:
                row = DocumentRow(uid=a.uid, title="t", text=a.text, raw_text=None, canon_version=1)
                document_id, _ = project.add_document(row, a.tokens, tokenizer=tokenizer_name(), index_for_search=False)
                indexed.append((document_id, "t", a.search))
            doc_sql.index_for_search(project.db, indexed)
            meta_sql.commit(project.db)

    return {
        "canonicalise": best_of(3, lambda: [textpipe.canonicalize(t) for t in texts]),
        "tokenise_as_offsets": best_of(3, lambda: [textpipe.tokenize_packed_many(batch) for batch in canonical]),
        "calling_hazm_and_counting_instead": best_of(
            3, lambda: [textpipe._aligned_by_counting(t) for batch in canonical for t in batch]),
        "analyse_all_in_one": best_of(3, lambda: [analyse_batch(batch, False, False) for batch in batches]),
        "write_with_search_index": best_of(3, write),
    }


def run(extra_dirs: list[Path], count: int = 2000, rounds: int = 5) -> dict:
    texts = corpus_texts(count, extra_dirs)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = folder / "articles"
        files.mkdir()
        for i, text in enumerate(texts):
            (files / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        # The baseline and the imports take turns, and each figure is the best of its rounds:
        # a noisy neighbour on the machine slows one run, not the ratio.
        hazm_runs, one_runs, two_runs, memory = [], [], [], []
        for round_ in range(rounds):
            hazm_runs.append(_hazm_alone(texts))
            seconds, memory = _import(files, folder, 1, f"one{round_}")
            one_runs.append(seconds)
            two_runs.append(_import(files, folder, 2, f"two{round_}")[0])
        hazm_alone, one_core, two_cores = min(hazm_runs), min(one_runs), min(two_runs)
        raw = _raw_insert(texts, folder)
        peak = peak_rss_mb()  # before the stage breakdown, which holds every result in memory
        stages = _stages(texts, folder)
    figures = {
        "articles": count,
        "rounds": rounds,
        "characters": sum(map(len, texts)),
        "hazm_alone_s": hazm_alone,
        "import_1_core_s": one_core,
        "import_2_cores_s": two_cores,
        "raw_sqlite_utils_insert_s": raw,
        "docs_per_s_1_core": count / one_core,
        "docs_per_s_2_cores": count / two_cores,
        "ratio_import_1_core_to_hazm (target <= 1.5)": one_core / hazm_alone,
        "ratio_import_2_cores_to_hazm (target < 1)": two_cores / hazm_alone,
        "ratio_import_1_core_to_raw_insert": one_core / raw,
        **{f"stage_{name}_to_hazm": seconds / hazm_alone for name, seconds in stages.items()},
        "rss_mb_during_import_first": memory[0] if memory else rss_mb(),
        "rss_mb_during_import_last": memory[-1] if memory else rss_mb(),
        "peak_rss_mb": peak,
    }
    write_result("import", figures)
    return figures
