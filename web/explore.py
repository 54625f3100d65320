"""The cooperation map and the timeline of a search, as pages and as JSON."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, request

from indexer.search import FACETS, FACETS_BY_PARAM, select
from indexer.search.explore import cooperation, timeline

from .charts import MAP_SIZE, map_layout
from .index import get_snapshot
from .params import read_search_request

bp = Blueprint("explore", __name__)
TIMELINE_BY = tuple(f.param for f in FACETS if not f.is_time)  # lines per org or topic


def _matched():
    req = read_search_request()
    found = select(get_snapshot(), req)
    return req, found


@bp.get("/map")
def map_page():
    req, found = _matched()
    coop = cooperation(found)
    org = FACETS_BY_PARAM["org"]
    names = {n.name: org.display_name(n.name) for n in coop.nodes}
    nodes, edges = map_layout(coop, req, names)
    return render_template(
        "map.html",
        req=req,
        nodes=nodes,
        edges=edges,
        size=MAP_SIZE,
        total=found.total,
        notice=found.notice,
    )


@bp.get("/api/map")
def map_json():
    _, found = _matched()
    coop = cooperation(found)
    return jsonify(
        {
            "nodes": [{"name": n.name, "count": n.count} for n in coop.nodes],
            "edges": [{"a": e.a, "b": e.b, "count": e.count} for e in coop.edges],
        }
    )


@bp.get("/api/timeline")
def timeline_json():
    by = request.args.get("by", "org")
    if by not in TIMELINE_BY:
        abort(400, description=f"by must be {' or '.join(TIMELINE_BY)}.")
    _, found = _matched()
    tl = timeline(get_snapshot(), found, by=by)
    return jsonify(
        {
            "months": tl.months,
            "total": tl.total,
            "series": [{"name": s.name, "counts": s.counts} for s in tl.series],
        }
    )
