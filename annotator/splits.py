"""Train/validation/test splits by document: deterministic for a seed, never one document in two.

    ratios = parse_split("80/10/10")
    where = assign_splits(["uid-a", "uid-b", ...], ratios, seed=1)   # {"uid-a": "train", ...}

Keys are whatever identifies a document (the exporter uses its content uid, so the same article
lands in the same split in every project and for every annotator's copy of it).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence

from annotator.errors import InputError

SPLIT_NAMES: tuple[str, str, str] = ("train", "validation", "test")
DEFAULT_SPLIT = "80/10/10"
DEFAULT_SEED = 1


def parse_split(spec: str) -> tuple[float, float, float]:
    """Read ``"80/10/10"`` (or ``"0.8/0.1/0.1"``, or ``"90/10"`` for no test set) as fractions.

    :param spec: two or three non-negative numbers separated by ``/``
    :raises InputError: anything else, or numbers that add up to nothing
    """
    parts = spec.split("/")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(parts) not in (2, 3) or len(numbers) != len(parts) or any(n < 0 for n in numbers):
        raise InputError(f"--split {spec!r}: write train/validation/test percentages, e.g. 80/10/10")
    total = sum(numbers)
    if total <= 0:
        raise InputError(f"--split {spec!r}: the parts add up to 0; give e.g. 80/10/10")
    numbers += [0.0] * (3 - len(numbers))
    return numbers[0] / total, numbers[1] / total, numbers[2] / total


def split_sizes(count: int, ratios: Sequence[float]) -> tuple[int, int, int]:
    """How many of ``count`` documents go to each split: largest remainders, so sizes add up.

    :param count: the number of documents
    :param ratios: three fractions that add up to 1
    """
    exact = [count * r for r in ratios]
    sizes = [int(x) for x in exact]
    by_remainder = sorted(range(3), key=lambda i: (-(exact[i] - sizes[i]), i))
    for i in by_remainder[: count - sum(sizes)]:
        sizes[i] += 1
    return sizes[0], sizes[1], sizes[2]


def assign_splits(keys: Iterable[str], ratios: Sequence[float], *, seed: int) -> dict[str, str]:
    """Give every distinct key one split name; the same keys, ratios and seed give the same answer.

    Keys are sorted before a seeded shuffle, so the order they come in does not matter.

    :param keys: document keys (repeats are the same document)
    :param ratios: train, validation and test fractions (see :func:`parse_split`)
    :param seed: the shuffle's seed
    """
    unique = sorted(set(keys))
    random.Random(seed).shuffle(unique)
    train, validation, _ = split_sizes(len(unique), ratios)
    names = [SPLIT_NAMES[0]] * train + [SPLIT_NAMES[1]] * validation
    names += [SPLIT_NAMES[2]] * (len(unique) - len(names))
    return dict(zip(unique, names, strict=True))


def split_counts(assignment: Mapping[str, str]) -> dict[str, int]:
    """How many keys each split got, in split order."""
    counts = dict.fromkeys(SPLIT_NAMES, 0)
    for name in assignment.values():
        counts[name] += 1
    return counts
