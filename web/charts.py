"""Charts drawn on the server as SVG: no script and no external library.

- a facet's histogram (years): hits per year (counted as if the year selection were
  lifted, like the facet list), one bar a link that toggles that year;
- the cooperation map: organisations named together, on a circle;
- the timeline: hits per month, with lines for the busiest organisations.

Every mark is a link to the matching search, so the charts filter as the
facets do. Layout lives here; the numbers come from indexer.search.explore.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .params import search_url

WIDTH, HEIGHT, LABEL_SPACE = 240, 70, 14


@dataclass(frozen=True)
class Bar:
    """One bar of the year histogram or the timeline; a link to its search."""

    label: str  # a year, or a period: "2025-04", "2025-Q2"
    count: int
    x: float
    y: float
    width: float
    height: float
    href: str
    selected: bool = False
    show_label: bool = True


def histogram_bars(req, facet, values) -> list[Bar]:
    """A facet's histogram (the year facet's: every year between the first and
    last with hits, oldest left) as bars that toggle their value."""
    counted = facet.histogram(values)
    top = max((b.count for b in counted), default=0) or 1
    slot = WIDTH / max(1, len(counted))
    bars = []
    for i, bar in enumerate(counted):
        height = max(2.0, (HEIGHT - LABEL_SPACE) * bar.count / top) if bar.count else 0
        bars.append(
            Bar(
                bar.value,
                bar.count,
                i * slot + slot * 0.1,
                HEIGHT - LABEL_SPACE - height,
                slot * 0.8,
                height,
                search_url(req, toggle=(facet.param, bar.value)),
                bar.selected,
            )
        )
    return bars


# --- the cooperation map -----------------------------------------------------

MAP_SIZE = 640
MAP_RADIUS = 220
PALETTE = ("#3346d3", "#d9480f", "#2b8a3e", "#ae3ec9", "#1098ad", "#e67700")


@dataclass(frozen=True)
class MapNode:
    name: str
    full_name: str
    count: int
    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    anchor: str
    href: str


@dataclass(frozen=True)
class MapEdge:
    a: str
    b: str
    count: int
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    href: str


def map_layout(coop, req, full_names: dict[str, str]) -> tuple[list[MapNode], list[MapEdge]]:
    """Organisations on a circle, each next to the one it works with most.

    A circle keeps every label readable; ordering neighbours side by side
    keeps the strongest ties short instead of crossing the drawing.
    """
    order = _neighbour_order(coop)
    if not order:
        return [], []
    top = max(n.count for n in coop.nodes)
    centre = MAP_SIZE / 2
    nodes, where = [], {}
    for i, node in enumerate(order):
        angle = 2 * math.pi * i / len(order) - math.pi / 2
        x, y = centre + MAP_RADIUS * math.cos(angle), centre + MAP_RADIUS * math.sin(angle)
        r = 5 + 13 * math.sqrt(node.count / top)
        lx, ly = (
            centre + (MAP_RADIUS + r + 8) * math.cos(angle),
            centre + (MAP_RADIUS + r + 8) * math.sin(angle),
        )
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        where[node.name] = (x, y)
        nodes.append(
            MapNode(
                node.name,
                full_names.get(node.name, node.name),
                node.count,
                x,
                y,
                r,
                lx,
                ly + 4,
                anchor,
                search_url(req, toggle=("org", node.name)),
            )
        )
    strongest = max((e.count for e in coop.edges), default=1)
    edges = []
    for edge in coop.edges:
        (x1, y1), (x2, y2) = where[edge.a], where[edge.b]
        both = f'organisation:"{edge.a}" organisation:"{edge.b}"'
        edges.append(
            MapEdge(
                edge.a,
                edge.b,
                edge.count,
                x1,
                y1,
                x2,
                y2,
                1 + 7 * edge.count / strongest,
                search_url(req, q=f"{req.q} {both}".strip()),
            )
        )
    return nodes, edges


def _neighbour_order(coop) -> list:
    if not coop.nodes:
        return []
    ties: dict[str, dict[str, int]] = {n.name: {} for n in coop.nodes}
    for edge in coop.edges:
        ties[edge.a][edge.b] = ties[edge.b][edge.a] = edge.count
    by_name = {n.name: n for n in coop.nodes}
    order = [coop.nodes[0]]
    left = {n.name for n in coop.nodes[1:]}
    while left:
        last = order[-1].name
        nxt = max(left, key=lambda name: (ties[last].get(name, 0), by_name[name].count, name))
        order.append(by_name[nxt])
        left.remove(nxt)
    return order


# --- the timeline --------------------------------------------------------------

TIMELINE_WIDTH, TIMELINE_HEIGHT, TIMELINE_AXIS = 720, 150, 18
MIN_MONTHS = 4  # shown on the search page only when the hits span more months than this


@dataclass(frozen=True)
class SeriesLine:
    name: str
    colour: str
    points: str  # SVG polyline points


def timeline_chart(tl, req) -> tuple[list[Bar], list[SeriesLine]]:
    if not tl.months:
        return [], []
    top = max([*tl.total.values(), 1])
    slot = TIMELINE_WIDTH / len(tl.months)
    plot = TIMELINE_HEIGHT - TIMELINE_AXIS
    step = max(1, len(tl.months) // 8)
    bars = []
    for i, month in enumerate(tl.months):
        count = tl.total.get(month, 0)
        height = plot * count / top
        bars.append(
            Bar(
                month,
                count,
                i * slot + slot * 0.1,
                plot - height,
                slot * 0.8,
                height,
                search_url(req, date_range=tl.spans[month]),
                show_label=i % step == 0 and 0 < i < len(tl.months) - 1,  # edges would be cut
            )
        )
    lines = []
    for n, series in enumerate(tl.series):
        points = " ".join(
            f"{i * slot + slot / 2:.1f},{plot - plot * series.counts.get(m, 0) / top:.1f}"
            for i, m in enumerate(tl.months)
        )
        lines.append(SeriesLine(series.name, PALETTE[n % len(PALETTE)], points))
    return bars, lines
