"""Character layers: what each coder says about each character, counted as runs, not lists.

For one document, :func:`character_layer` sweeps the fragment boundaries of every coder's spans
once and counts how many characters carry each combination of values. A combination holds, per
coder in a fixed order, the set of labels covering the character (a bit mask, one bit per label),
or "absent" when that coder did not work on the document. A 10,000-character article with 100
spans gives a few hundred runs, so alpha over a thousand documents costs milliseconds, not a
million-item list.

Two readings of a layer give the two alphas of the report:

- per label (``label=...``): each character is 1 if the coder's spans of that label cover it,
  else 0 (token-wise alpha as PolNeAR reports it, at character grain);
- all labels (``label=None``): each character's value is the *set* of labels covering it, compared
  nominally. A set, not the innermost label, because spans nest (a mention inside a quote) and
  "innermost" is ambiguous for crossing spans; the price is that agreeing on the quote but not on
  a mention inside it counts as disagreement on those characters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from operator import itemgetter

from annotator.agreement.measures import Coincidences, add_unit, alpha_from_units
from annotator.agreement.units import Unit, prepare
from annotator.model import Span

ABSENT = -1  # the mask of a coder who did not work on the document


class Layer:
    """Run-length counts ``{(mask per coder): characters}`` with the label of each bit.

    Layers that share their ``bits`` (pass one dict to every :func:`units_layer` call) can be
    added with :meth:`update`, e.g. to pool every document's characters.
    """

    __slots__ = ("bits", "runs")

    def __init__(self, bits: dict[str, int] | None = None):
        self.runs: Counter[tuple[int, ...]] = Counter()
        self.bits: dict[str, int] = bits if bits is not None else {}

    def update(self, other: Layer) -> None:
        if other.bits is not self.bits and any(self.bits.get(k, v) != v for k, v in other.bits.items()):
            raise ValueError("layers with different label bits cannot be added")
        self.bits.update(other.bits)
        self.runs.update(other.runs)

    @property
    def characters(self) -> int:
        return sum(self.runs.values())

    def decoded(self) -> Counter[tuple[tuple[str, ...] | None, ...]]:
        """The runs with label tuples instead of masks (None for an absent coder): for people and tests."""
        names = sorted(self.bits)

        def labels(mask: int) -> tuple[str, ...] | None:
            return None if mask == ABSENT else tuple(n for n in names if mask & self.bits[n])

        return Counter({tuple(labels(m) for m in key): n for key, n in self.runs.items()})

    def units(self, coders: Sequence[int], label: str | None = None) -> Mapping[tuple, int]:
        """``{values of the chosen coders: characters}``, absent coders left out, one-coder runs dropped."""
        if label is None and list(coders) == list(range(len(coders))) \
                and all(len(key) == len(coders) and ABSENT not in key for key in self.runs):
            return self.runs  # every coder coded every character: the keys are the units already
        bit = self.bits.get(label, 0) if label is not None else 0
        projected: Counter[tuple] = Counter()
        for key, characters in self.runs.items():
            if label is None:
                values: tuple = tuple(m for m in (key[i] for i in coders) if m != ABSENT)
            else:
                values = tuple(bool(m & bit) for m in (key[i] for i in coders) if m != ABSENT)
            if len(values) >= 2:
                projected[values] += characters
        return projected


def character_layer(length: int, coders: Sequence[Sequence[Span] | None], *,
                    bits: dict[str, int] | None = None) -> Layer:
    """The layer of one document.

    :param length: the document's length in code points
    :param coders: per coder, the spans they made in this document, or None if they did not work on it
    :param bits: label bits shared with other layers (new labels are added to it)
    """
    return units_layer(length, [None if spans is None else prepare(spans) for spans in coders], bits=bits)


def units_layer(length: int, coders: Sequence[Sequence[Unit] | None], *, bits: dict[str, int] | None = None) -> Layer:
    """:func:`character_layer` on prepared units.

    Each coder's labels are a bit mask kept while sweeping, with a depth per label so that a
    coder's nested spans of one label are handled.
    """
    layer = Layer(bits)
    bits = layer.bits
    events: list[tuple[int, int, int, int, int]] = []
    width = len(coders)
    for index, units in enumerate(coders):
        for unit in units or ():
            bit = bits.get(unit.label)
            if bit is None:
                bit = bits[unit.label] = 1 << len(bits)
            slot = (bit.bit_length() - 1) * width + index  # this coder's depth counter for this label
            for start, end in unit.frags:
                start, end = max(0, start), min(length, end)
                if start < end:
                    events.append((start, 1, index, bit, slot))
                    events.append((end, -1, index, bit, slot))
    events.sort(key=itemgetter(0))
    masks = [0 if units is not None else ABSENT for units in coders]
    depth = [0] * (len(bits) * width)
    runs = layer.runs
    previous = 0
    for position, delta, index, bit, slot in events:
        if position != previous:
            runs[tuple(masks)] += position - previous
            previous = position
        now = depth[slot] + delta
        depth[slot] = now
        if now == 0:
            masks[index] &= ~bit
        elif delta > 0 and now == 1:
            masks[index] |= bit
    if length > previous:
        runs[tuple(masks)] += length - previous
    return layer


def layer_coincidences(layer: Layer, *, coders: Sequence[int], label: str | None = None) -> Coincidences:
    """The coincidence matrix of a layer, for some of its coders, per label or over all labels.

    :param coders: positions in the layer's keys of the coders to compare
    :param label: compare "covered by this label" (True/False); None compares label sets (masks)
    """
    o: Coincidences = {}
    for values, characters in layer.units(coders, label).items():
        add_unit(o, values, characters)
    return o


def layer_alpha(layer: Layer, *, coders: Sequence[int], label: str | None = None) -> float | None:
    """Krippendorff's alpha (nominal) over the characters of a layer; see :func:`layer_coincidences`."""
    return alpha_from_units(layer.units(coders, label))
