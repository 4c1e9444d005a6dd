"""The relation palette is told apart with normal colour vision and with each of the three
dichromacies, and every typed relation's colour stands out from the white canvas.

Dichromacy is simulated with the matrices of Machado, Oliveira and Fernandes (2009, severity
1.0) in linear RGB; colours are compared by their CIE76 distance in CIELAB (D65). A distance
of about 10 is plainly visible on a swatch or a line; the palette keeps every pair at least
15 apart in every simulation.
"""
from __future__ import annotations

from itertools import combinations

import pytest

from graph.ontology import RELATION_TYPES

SIMULATIONS = {
    "normal": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
MIN_DISTANCE = 15.0
# Weak or structural types, drawn thin, dotted or hidden by default: they need not reach 3:1.
FAINT = {"part_of", "located_in", "co_mentioned"}


def _linear(hex_colour: str) -> tuple[float, float, float]:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def _lab(rgb) -> tuple[float, float, float]:
    r, g, b = (min(max(c, 0.0), 1.0) for c in rgb)
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b,
               0.0193 * r + 0.1192 * g + 0.9505 * b)

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x / 0.95047), f(y), f(z / 1.08883)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _seen(hex_colour: str, matrix) -> tuple[float, float, float]:
    rgb = _linear(hex_colour)
    return _lab([sum(row[k] * rgb[k] for k in range(3)) for row in matrix])


def _distance(a, b) -> float:
    return sum((p - q) ** 2 for p, q in zip(a, b)) ** 0.5


def _contrast_on_white(hex_colour: str) -> float:
    r, g, b = _linear(hex_colour)
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_the_simulation_finds_a_known_confusion():
    # red and green of equal lightness merge for a deuteranope: the check can fail
    red, green = "#b35c00", "#6b7a00"
    assert _distance(_seen(red, SIMULATIONS["normal"]), _seen(green, SIMULATIONS["normal"])) > MIN_DISTANCE
    assert _distance(_seen(red, SIMULATIONS["deuteranopia"]), _seen(green, SIMULATIONS["deuteranopia"])) < MIN_DISTANCE


@pytest.mark.parametrize("vision", sorted(SIMULATIONS))
def test_every_two_relation_types_are_told_apart(vision):
    seen = {t.name: _seen(t.colour, SIMULATIONS[vision]) for t in RELATION_TYPES}
    closest = min(combinations(seen, 2), key=lambda pair: _distance(seen[pair[0]], seen[pair[1]]))
    assert _distance(seen[closest[0]], seen[closest[1]]) >= MIN_DISTANCE, closest


def test_typed_relation_colours_stand_out_from_the_canvas():
    low = {t.name: round(_contrast_on_white(t.colour), 2) for t in RELATION_TYPES
           if t.name not in FAINT and _contrast_on_white(t.colour) < 3.0}
    assert not low


def test_text_in_a_relation_colour_reads_at_4_5_to_1():
    from ui.styles import relation_text_colour

    low = {t.name: relation_text_colour(t.name) for t in RELATION_TYPES
           if _contrast_on_white(relation_text_colour(t.name)) < 4.5}
    assert not low
