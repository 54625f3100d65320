"""Web actions that change data, allowed only with the operator's token.

The only one: `POST /api/reindex`, which runs what `sixg-search index` runs.
It is off unless the operator sets SIXG_ADMIN_TOKEN; callers then send
`Authorization: Bearer <token>`. Searching never needs a token.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, abort, current_app, jsonify, request

from indexer.datafiles import DataFileError
from indexer.index.sync import CorpusMissing, IndexBusy, sync_index

from .index import locations

bp = Blueprint("admin", __name__, url_prefix="/api")
LOCK_WAIT = 5.0


@bp.post("/reindex")
def reindex():
    _require_token()
    try:
        report = sync_index(*locations(), lock_timeout=LOCK_WAIT)
    except IndexBusy as exc:
        abort(409, description=str(exc))
    except (DataFileError, CorpusMissing) as exc:  # the operator's to mend: a message, no 500
        abort(503, description=str(exc))
    return jsonify(
        summary=report.summary(),
        added=report.added,
        updated=report.updated,
        removed=report.removed,
        unchanged=report.unchanged,
        failed=[{"path": f.path, "reason": f.reason} for f in report.failed],
    )


def _require_token() -> None:
    expected = current_app.config.get("ADMIN_TOKEN") or ""
    if not expected:
        abort(
            403,
            description="Re-indexing over the web is off: the operator has not set "
            "SIXG_ADMIN_TOKEN.",
        )
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(sent.encode(), str(expected).encode()):
        abort(401, description="A valid token is needed: Authorization: Bearer <token>.")
