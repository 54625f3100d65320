"""Settings from the environment: taken as written, and only the documented names."""

from __future__ import annotations

import logging

from web import create_app


def test_an_admin_token_that_looks_like_a_number_stays_text(monkeypatch):
    """Was: SIXG_ADMIN_TOKEN=1e3 became the number 1000.0 (Flask JSON-decodes
    prefixed variables), so the token the operator set never matched."""
    monkeypatch.setenv("SIXG_ADMIN_TOKEN", "1e3")
    app = create_app({"TESTING": True})
    assert app.config["ADMIN_TOKEN"] == "1e3"
    response = app.test_client().post("/api/reindex", headers={"Authorization": "Bearer 1e3"})
    assert response.status_code != 401  # accepted (the run itself may fail: no corpus)


def test_the_index_folder_is_set_by_one_variable_only(monkeypatch, tmp_path, caplog):
    """Was: SIXG_INDEX and SIXG_INDEX_DIR both set it, and the second silently won."""
    monkeypatch.setenv("SIXG_INDEX", str(tmp_path / "right"))
    monkeypatch.setenv("SIXG_INDEX_DIR", str(tmp_path / "wrong"))
    with caplog.at_level(logging.WARNING):
        app = create_app({"TESTING": True})
    assert app.config["INDEX_DIR"] == str((tmp_path / "right").resolve())
    assert "SIXG_INDEX_DIR" in caplog.text and "did you mean SIXG_INDEX?" in caplog.text
