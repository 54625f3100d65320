"""The operator's login, and CSRF protection for every form that changes data.

The password comes from configuration (SIXG_ADMIN_PASSWORD); without one,
nobody can log in and nothing can be added over the web. A successful login
marks the session (Flask's signed cookie: HttpOnly, SameSite=Lax; its key
from SIXG_SECRET_KEY, else made afresh per process, which logs everyone out
at a restart). Every form carries a CSRF token held in the session;
`check_csrf` refuses a POST without the matching one.
"""

from __future__ import annotations

import hmac
import secrets
import time
from functools import wraps
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

bp = Blueprint("auth", __name__)
FAILED_LOGIN_DELAY = 1.0  # seconds a wrong password costs


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
        if password and hmac.compare_digest(sent.encode(), password.encode()):
            session.clear()
            session["operator"] = True
            session.permanent = False
            return redirect(target)
        time.sleep(FAILED_LOGIN_DELAY if not current_app.testing else 0)
        error = "Wrong password." if password else None
    status = 401 if error else 200
    return render_template("login.html", enabled=bool(password), error=error, next=target), status


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
    app.add_template_global(csrf_token)
    app.add_template_global(logged_in)
