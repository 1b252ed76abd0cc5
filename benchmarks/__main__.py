"""`python -m benchmarks [--corpus DIR ...] [--only NAME ...]`"""

from __future__ import annotations

import argparse
from pathlib import Path

SUITES = ["import"]


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
        if suite == "import":
            from benchmarks import bench_import

            bench_import.run(corpus)


if __name__ == "__main__":
    main()
