"""Where each node sits in the HTML view: computed here, once, so the browser does no layout.

Each speaker is a flower: the speaker in the middle, their claims around it
on a sunflower spiral (even spacing at any count). The flowers are packed in
rows, largest first, and each source sits where its claims are, at their
centre, pushed out of any flower it would cover (with more than a dozen
sources, on a ring around the flowers in the direction of their claims, since
a source quoting many speakers has its centre in the middle of everything).
Linear in the size of the
graph and deterministic: 10,000 claims take a fraction of a second, and the
same ledger gives the same page. Claims with no speaker form one more flower
around an empty centre.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
STEP = 1.2  # spacing of claims on a flower
CORE = 2.5  # distance of the first claim from the speaker
GAP = 3.0  # space between flowers
START = math.pi / 2  # the first claim below its speaker: labels are drawn to the right, so none covers another
UNATTRIBUTED = "(unattributed)"
#: Up to this many sources sit among their claims; more go on a ring around the speakers.
RING_ABOVE = 12


@dataclass
class _Flower:
    centre_node: str | None
    claims: list[str]
    x: float = 0.0
    y: float = 0.0

    @property
    def radius(self) -> float:
        return CORE + STEP * math.sqrt(len(self.claims))


def _flowers(graph: nx.MultiDiGraph) -> list[_Flower]:
    said: dict[str | None, list[str]] = defaultdict(list)
    attributed = set()
    for speaker, claim, relation in graph.edges(data="relation"):
        if relation == "said":
            said[str(speaker)].append(str(claim))
            attributed.add(str(claim))
        elif relation == "misattributed":
            said.setdefault(str(speaker), [])  # named wrongly: placed, even with nothing said
    for node in graph.nodes:
        if str(node).startswith("claim:") and node not in attributed:
            said[None].append(str(node))
    flowers = [_Flower(centre, sorted(claims)) for centre, claims in said.items()]
    return sorted(flowers, key=lambda f: (-len(f.claims), f.centre_node or UNATTRIBUTED))


def _pack(flowers: list[_Flower]) -> None:
    """Rows of flowers, largest first, each row about as wide as the whole is tall."""
    area = sum((2 * f.radius + GAP) ** 2 for f in flowers)
    width = max(math.sqrt(area) * 1.3, max((2 * f.radius for f in flowers), default=0.0))
    x = y = row_height = 0.0
    for flower in flowers:
        size = 2 * flower.radius + GAP
        if x > 0 and x + size > width:
            x, y = 0.0, y + row_height
            row_height = 0.0
        flower.x, flower.y = x + size / 2, y + size / 2
        x += size
        row_height = max(row_height, size)


def _push_out(x: float, y: float, flowers: list[_Flower]) -> tuple[float, float]:
    """Move a point that falls inside a flower to just outside it, away from its centre."""
    for flower in flowers:
        dx, dy = x - flower.x, y - flower.y
        distance = math.hypot(dx, dy)
        if distance < flower.radius + 0.5:
            if distance < 1e-9:
                dx, dy, distance = 0.0, -1.0, 1.0
            scale = (flower.radius + 0.8) / distance
            return flower.x + dx * scale, flower.y + dy * scale
    return x, y


def positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """x, y of every speaker, claim and source node (venues are shown on their claims, not placed)."""
    flowers = _flowers(graph)
    _pack(flowers)
    placed: dict[str, tuple[float, float]] = {}
    for flower in flowers:
        if flower.centre_node is not None:
            placed[flower.centre_node] = (flower.x, flower.y)
        for k, claim in enumerate(flower.claims):
            r = CORE + STEP * math.sqrt(k + 0.5)
            angle = START + k * GOLDEN_ANGLE
            placed[claim] = (flower.x + r * math.cos(angle), flower.y + r * math.sin(angle))
    held: dict[str, list[str]] = defaultdict(list)
    for claim, source, relation in graph.edges(data="relation"):
        if relation == "reported-by" and claim in placed:
            held[str(source)].append(str(claim))
    sources = sorted(str(n) for n in graph.nodes if str(n).startswith("source:"))
    centres = {}
    for node in sources:
        claims = held.get(node)
        if claims:
            centres[node] = (
                sum(placed[c][0] for c in claims) / len(claims),
                sum(placed[c][1] for c in claims) / len(claims),
            )
    if len(sources) <= RING_ABOVE:
        _sources_among_claims(sources, centres, flowers, placed)
    else:
        _sources_on_a_ring(sources, centres, flowers, placed)
    # screen y grows downwards, the graph's upwards: flip so the first row is at the top
    return {node: (round(x, 3), round(-y, 3)) for node, (x, y) in placed.items()}


def _sources_among_claims(
    sources: list[str], centres: dict[str, tuple[float, float]], flowers: list[_Flower], placed: dict[str, Any]
) -> None:
    """A few sources: each at the centre of its claims (out of any flower); one with no claims in a row below."""
    bottom = max((f.y + f.radius for f in flowers), default=0.0) + GAP
    loose = 0
    for node in sources:
        if node in centres:
            placed[node] = _push_out(*centres[node], flowers)
        else:  # an original others copied, with no claim here
            placed[node] = (loose * 3.0, bottom)
            loose += 1


def _sources_on_a_ring(
    sources: list[str], centres: dict[str, tuple[float, float]], flowers: list[_Flower], placed: dict[str, Any]
) -> None:
    """Many sources: evenly on a ring around the flowers, each at the bearing of its claims from the middle.

    Sources quote many speakers, so their claims' centres all fall near the
    middle of the field; on a ring they stay apart and keep their direction.
    """
    left = min((f.x - f.radius for f in flowers), default=0.0)
    right = max((f.x + f.radius for f in flowers), default=0.0)
    top = min((f.y - f.radius for f in flowers), default=0.0)
    bottom = max((f.y + f.radius for f in flowers), default=0.0)
    mx, my = (left + right) / 2, (top + bottom) / 2
    radius = math.hypot(right - left, bottom - top) / 2 + 3 * GAP
    bearing = {
        node: math.atan2(centres[node][1] - my, centres[node][0] - mx) if node in centres else math.pi
        for node in sources
    }
    ordered = sorted(sources, key=lambda n: (bearing[n], n))
    for i, node in enumerate(ordered):
        angle = -math.pi + 2 * math.pi * i / len(ordered)
        placed[node] = (mx + radius * math.cos(angle), my + radius * math.sin(angle))
