"""The operator's login, and CSRF protection for every form that changes data.

The password comes from configuration (SIXG_ADMIN_PASSWORD); without one,
nobody can log in and nothing can be added over the web. A successful login
marks the session (Flask's signed cookie: HttpOnly, SameSite=Lax; its key
from SIXG_SECRET_KEY, else made afresh per process, which logs everyone out
at a restart). Every form carries a CSRF token held in the session;
`check_csrf` refuses a POST without the matching one.

Wrong passwords are limited, without making anyone wait inside a request (a
sleeping request would hold one of the server's few threads, and a few
parallel guesses would stall the site): after LOGIN_FAILURES_PER_ADDRESS
wrong passwords from one client address within LOGIN_WINDOW seconds, or
LOGIN_FAILURES_OVERALL from all addresses together, a login attempt from
that address (from anyone) answers 429 with Retry-After, without looking at
the password, until the oldest of those failures is LOGIN_WINDOW old; a
right password then works again and forgets its address's failures. The
failures are counted in a small file in the index folder
(`login-failures.json`, locked while read and written), so that the worker
processes of `serve --workers N` share one count and a restarted worker
does not forget it; where the folder cannot be written (or on a system
without fcntl), each process counts on its own.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import math
import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from .index import index_dir

try:
    import fcntl
except ImportError:  # Windows: serve runs one process there, which counts in memory
    fcntl = None

bp = Blueprint("auth", __name__)
LOGIN_LIMITS = {
    "LOGIN_WINDOW": 300.0,  # seconds a wrong password is counted
    "LOGIN_FAILURES_PER_ADDRESS": 5,
    "LOGIN_FAILURES_OVERALL": 30,
}
FAILURES_FILE = "login-failures.json"  # in the index folder


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check_csrf() -> None:
    sent = request.form.get("csrf_token", "")
    expected = session.get("csrf", "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(
            400,
            description="The form expired or did not come from this site; reload it and try again.",
        )


def logged_in() -> bool:
    return bool(session.get("operator"))


def login_required(view):
    """GET: the login page (coming back here after); anything else: 403."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not logged_in():
            if request.method == "GET":
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            abort(403, description="Log in first: adding articles is for the operator only.")
        if request.method == "POST":
            check_csrf()
        return view(*args, **kwargs)

    return wrapped


@bp.route("/login", methods=["GET", "POST"])
def login():
    password = current_app.config.get("ADMIN_PASSWORD") or ""
    target = _safe_next(request.values.get("next", ""))
    error = None
    if request.method == "POST":
        check_csrf()
        sent = request.form.get("password", "")
        if password:
            throttle = _throttle()
            verdict = throttle.attempt(
                request.remote_addr or "unknown",
                lambda: hmac.compare_digest(sent.encode(), password.encode()),
            )
            if verdict.retry_after:
                error = (
                    f"Too many wrong passwords {verdict.whose} in the last "
                    f"{_duration(throttle.window)}: try again in {_duration(verdict.retry_after)}."
                )
                page = render_template("login.html", enabled=True, error=error, next=target)
                return page, 429, {"Retry-After": str(verdict.retry_after)}
            if verdict.right:
                session.clear()
                session["operator"] = True
                session.permanent = False
                return redirect(target)
        error = "Wrong password." if password else None
    status = 401 if error else 200
    return render_template("login.html", enabled=bool(password), error=error, next=target), status


def _now() -> float:
    return time.time()  # wall time: shared by processes, kept across restarts


def _duration(seconds: float) -> str:
    seconds = math.ceil(seconds)
    if seconds < 120:
        return f"{seconds} second{'' if seconds == 1 else 's'}"
    return f"{math.ceil(seconds / 60)} minutes"


@dataclass(frozen=True)
class Verdict:
    right: bool  # the password was right
    retry_after: int = 0  # seconds: refused without looking at the password
    whose: str = ""  # whose failures hold it back


class LoginThrottle:
    """Wrong passwords of the last `window` seconds, per client address and overall
    (see the module docstring), kept in `path` (None: in this process's memory)."""

    _memory: dict[str, list] = {}  # per process, when there is no file
    _memory_lock = threading.Lock()

    def __init__(self, path: Path | None, window: float, per_address: int, overall: int):
        self.path, self.window = path, float(window)
        self.per_address, self.overall = int(per_address), int(overall)

    def attempt(self, address: str, right: Callable[[], bool]) -> Verdict:
        """Refused while `address` is held back, else whether `right()`: a wrong password
        is counted, a right one forgets the address's failures. Checked and counted
        under the lock, so parallel guesses cannot all pass the limit at once."""
        with self._failures() as failures:
            now = _now()
            mine = sorted(t for a, t in failures if a == address)
            every = sorted(t for _, t in failures)
            for times, limit, whose in (
                (mine, self.per_address, "from your address"),
                (every, self.overall, "on this site"),
            ):
                if len(times) >= limit:
                    free_at = times[len(times) - limit] + self.window
                    return Verdict(False, max(1, math.ceil(free_at - now)), whose)
            if right():
                failures[:] = [f for f in failures if f[0] != address]
                return Verdict(True)
            failures.append([address, now])
            return Verdict(False)

    @contextlib.contextmanager
    def _failures(self):
        """The failures of the window (a list of [address, time]), changed in place."""
        if self.path is not None and fcntl is not None:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:  # a read-only index folder: count in this process
                pass
            else:
                with os.fdopen(fd, "r+", encoding="utf-8", errors="replace") as fh:
                    fcntl.flock(fh, fcntl.LOCK_EX)  # released when closed
                    failures = self._recent(_parsed(fh.read()))
                    yield failures
                    with contextlib.suppress(OSError):  # a full disk: the count is lost
                        fh.seek(0)
                        fh.truncate()
                        fh.write(json.dumps(self._recent(failures)))
                        fh.flush()
                return
        with self._memory_lock:
            failures = self._memory.setdefault(str(self.path), [])
            failures[:] = self._recent(failures)
            yield failures

    def _recent(self, failures: list) -> list:
        oldest = _now() - self.window
        return [f for f in failures if f[1] > oldest]


def _parsed(text: str) -> list:
    try:
        data = json.loads(text) if text.strip() else []
    except ValueError:
        return []
    if not isinstance(data, list):
        return []
    return [
        [f[0], float(f[1])]
        for f in data
        if isinstance(f, list)
        and len(f) == 2
        and isinstance(f[0], str)
        and isinstance(f[1], int | float)
    ]


def _throttle() -> LoginThrottle:
    config = current_app.config
    folder = index_dir()
    return LoginThrottle(
        folder / FAILURES_FILE if folder.is_dir() else None,
        config["LOGIN_WINDOW"],
        config["LOGIN_FAILURES_PER_ADDRESS"],
        config["LOGIN_FAILURES_OVERALL"],
    )


@bp.post("/logout")
def logout():
    check_csrf()
    session.clear()
    return redirect(url_for("pages.search_page"))


def _safe_next(target: str) -> str:
    """Only a path on this site (no //host, no scheme): no open redirect."""
    if any(ord(c) < 32 or ord(c) == 127 for c in target):  # CR/LF: a broken header
        return url_for("collect.add_page")
    parts = urlsplit(target)
    plain = target.startswith("/") and not target.startswith("//") and "\\" not in target
    if plain and not parts.netloc and not parts.scheme:
        return target
    return url_for("collect.add_page")


def init_app(app) -> None:
    for key, value in LOGIN_LIMITS.items():
        app.config.setdefault(key, value)
    app.add_template_global(csrf_token)
    app.add_template_global(logged_in)
