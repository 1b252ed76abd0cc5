"""`python -m benchmarks [--corpus DIR ...] [--only NAME ...]`: run the benchmark suites.

Each suite prints its figures and writes bench-results/NAME.json. Targets are compared
with baselines measured in the same run (ratios), since machines are noisy.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

SUITES = ["import", "window", "export", "agreement", "merge", "preannotate", "review"]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--corpus", action="append", type=Path, default=[],
                        help="extra folder of .txt articles to mix into the import corpus")
    parser.add_argument("--only", action="append", choices=SUITES, help="run only these suites")
    args = parser.parse_args()
    corpus = [p for p in args.corpus if p.is_dir()]
    default_corpus = Path("../shared/corpus")
    if not args.corpus and default_corpus.is_dir():
        corpus = [default_corpus]
    for suite in args.only or SUITES:
        module = importlib.import_module(f"benchmarks.bench_{suite}")
        module.run(corpus) if suite == "import" else module.run()


if __name__ == "__main__":
    main()
