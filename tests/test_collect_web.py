"""The "Add articles" page: login, CSRF, add by URL, upload, paste (Flask test client)."""

from __future__ import annotations

import io
import re
import time

import pytest

from web import KNOWN_SETTINGS, create_app

from .test_collect import PAGE, TITLE, files
from .test_formats import MARKDOWN
from .webserver import serving

PASSWORD = "correct horse battery staple"


@pytest.fixture
def app(built_index, corpus_dir, monkeypatch):
    monkeypatch.setenv("SIXG_ALLOW_PRIVATE_URLS", "1")
    return create_app(
        {
            "TESTING": True,
            "INDEX_DIR": str(built_index),
            "CORPUS_DIR": str(corpus_dir),
            "ADMIN_PASSWORD": PASSWORD,
        }
    )


def csrf_in(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def token(client, path="/login") -> str:
    return csrf_in(client.get(path).text)


def log_in(client) -> str:
    assert _login(client, PASSWORD).status_code == 302
    return token(client, "/add")


def test_settings_are_documented():
    assert {"SIXG_ADMIN_PASSWORD", "SIXG_SECRET_KEY", "SIXG_ALLOW_PRIVATE_URLS"} <= set(
        KNOWN_SETTINGS
    )


def test_logged_out_the_page_sends_to_the_login_and_posts_are_refused(client, corpus_dir):
    response = client.get("/add?url=https://example.org/a")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/add?url%3Dhttps")
    before = files(corpus_dir)
    for path, data in [
        ("/add/urls", {"urls": "https://example.org/a"}),
        ("/add/paste", {"text": "Some article text."}),
        ("/add/upload", {"files": (io.BytesIO(b"<p>x</p>"), "a.html")}),
    ]:
        response = client.post(path, data=data)
        assert response.status_code == 403 and "Log in first" in response.text
    assert files(corpus_dir) == before


def test_without_a_password_nobody_can_log_in(built_index, corpus_dir, monkeypatch):
    monkeypatch.delenv("SIXG_ADMIN_PASSWORD", raising=False)
    app = create_app(
        {"TESTING": True, "INDEX_DIR": str(built_index), "CORPUS_DIR": str(corpus_dir)}
    )
    client = app.test_client()
    assert "SIXG_ADMIN_PASSWORD" in client.get("/login").text
    with client.session_transaction() as session:
        session["csrf"] = "t"
    response = client.post("/login", data={"password": "", "csrf_token": "t"})
    assert response.status_code == 200 and "is off" in response.text
    assert client.get("/add").status_code == 302


def test_a_wrong_password_or_a_missing_csrf_token_is_refused(client):
    response = client.post("/login", data={"password": "guess", "csrf_token": token(client)})
    assert response.status_code == 401 and "Wrong password" in response.text
    response = client.post("/login", data={"password": PASSWORD})
    assert response.status_code == 400 and "reload it" in response.text
    csrf = log_in(client)
    response = client.post("/add/paste", data={"text": "Some text.", "csrf_token": csrf + "x"})
    assert response.status_code == 400


def test_the_login_sends_back_only_to_this_site(client):
    targets = ("//evil.example/add", "https://evil.example/", "/\\evil.example", "/add\r\nX: 1")
    for target in targets:  # (a CR/LF in `next` was a 500 after a right password)
        response = client.post(
            "/login", data={"password": PASSWORD, "csrf_token": token(client), "next": target}
        )
        assert response.headers["Location"] == "/add"
    response = client.post(
        "/login", data={"password": PASSWORD, "csrf_token": token(client), "next": "/add?url=x"}
    )
    assert response.headers["Location"] == "/add?url=x"


def test_bookmarklet_address_only_fills_the_form(client):
    csrf = log_in(client)
    with serving() as site:
        url = site.page("/news/a", PAGE)
        page = client.get("/add", query_string={"url": url})
        assert page.status_code == 200 and f">{url}</textarea>" in page.text
        assert 'class="bookmarklet" href="javascript:location.href=' in page.text
        assert site.hits == {}  # nothing fetched until the operator confirms
        response = client.post("/add/urls", data={"urls": url, "csrf_token": csrf})
    assert response.status_code == 200
    assert "Added" in response.text and TITLE in response.text
    assert "NGMN" in response.text and 'href="/articles/' in response.text
    search = client.get("/api/search", query_string={"q": "sustainability"}).json
    assert any(h["title"] == TITLE for h in search["hits"])


def test_upload_and_paste_show_what_was_added(client, corpus_dir):
    csrf = log_in(client)
    response = client.post(
        "/add/upload",
        data={"files": (io.BytesIO(MARKDOWN.encode()), "../../mou.md"), "csrf_token": csrf},
        content_type="multipart/form-data",
    )
    assert (
        response.status_code == 200
        and "Nordic operators and 6G-IA sign a memorandum" in response.text
    )
    assert (corpus_dir / "uploaded/nordic-operators-and-6g-ia-sign-a-memorandum.md").exists()
    text = (
        "Tokyo, 9 June 2025\n\nThe Beyond 5G Promotion Consortium and the 6G Flagship signed "
        "a memorandum on terahertz research and joint test beds in Oulu and Tokyo.\n\n"
        "Follow us on Twitter and LinkedIn"
    )
    response = client.post("/add/paste", data={"text": text, "csrf_token": csrf})
    assert response.status_code == 200 and "Added" in response.text
    assert "The cleaner removed 2 lines" in response.text
    assert "follow-us</span> Follow us on Twitter" in response.text
    response = client.post(
        "/add/upload",
        data={"files": (io.BytesIO(b"MZ..."), "tool.exe"), "csrf_token": csrf},
        content_type="multipart/form-data",
    )
    assert "Not added" in response.text and "not HTML, text, Markdown or PDF" in response.text


def test_logout_ends_the_session(client):
    csrf = log_in(client)
    assert client.post("/logout", data={"csrf_token": csrf}).status_code == 302
    assert client.get("/add").status_code == 302


def test_review_findings_odd_addresses_and_headers_are_clear_answers(tmp_path):
    """Found in review: `http://[::1` was a 500 on the add forms, a CR/LF in the
    login's `next` a 500 after a right password, and 100.64.0.0/10 (cloud metadata)
    or 6to4-wrapped loopback passed the address check."""
    from indexer.collect.fetch import is_public
    from indexer.collect.store import normalise_url, site_folder, valid_address

    assert not valid_address("http://[::1") and not valid_address("http://x:99999")
    assert valid_address("https://example.org/a?b=1")
    assert (
        normalise_url("http://[::1") == "http://[::1" and site_folder("http://[x") == "unknown-site"
    )
    for address in (
        "100.100.100.200",
        "100.64.0.1",
        "2002:7f00:1::1",
        "192.0.0.8",
        "::ffff:10.0.0.1",
    ):
        assert not is_public(address), address
    assert is_public("93.184.216.34") and is_public("2606:2800:220:1:248:1893:25c8:1946")


def test_several_files_in_one_upload_are_one_index_run(client, corpus_dir, built_index):
    """Was: each file of a submission was indexed in a run (and a commit) of its own,
    and a file already in the corpus was a failure like any other."""
    from indexer.index.store import latest_generation

    csrf = log_in(client)
    seed = sorted(corpus_dir.glob("*.txt"))[0]
    generation = latest_generation(built_index)
    response = client.post(
        "/add/upload",
        data={
            "files": [
                (io.BytesIO(PAGE.encode()), "ngmn.html"),
                (io.BytesIO(MARKDOWN.encode()), "mou.md"),
                (io.BytesIO(b"MZ..."), "tool.exe"),
                (io.BytesIO(seed.read_bytes()), "again.txt"),
                (io.BytesIO(b"   \n"), "empty.txt"),
            ],
            "csrf_token": csrf,
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert latest_generation(built_index) == generation + 1  # one commit for the batch
    statuses = re.findall(r'<article class="outcome (\w+)">', response.text)
    assert statuses == ["added", "added", "failed", "known", "failed"]
    assert TITLE in response.text and "Nordic operators and 6G-IA" in response.text
    assert "tool.exe: not HTML, text, Markdown or PDF" in response.text
    assert f"already collected: {seed.name}" in response.text
    assert "empty.txt: not an article" in response.text
    assert not any(p.name.startswith("again") for p in corpus_dir.rglob("*"))
    for words in ("sustainability", "memorandum spectrum"):  # searchable at once
        assert client.get("/api/search", query_string={"q": words}).json["total"] >= 1


def _login(client, password: str):
    return client.post("/login", data={"password": password, "csrf_token": token(client)})


def test_wrong_passwords_are_limited_per_address_without_waiting(app, monkeypatch):
    """Was: each wrong password slept 1 s inside the request, holding one of the
    server's few threads: a few parallel guesses stalled the site."""
    from web import auth

    app.testing = False  # (the sleep was skipped under test)
    slept = []
    monkeypatch.setattr(time, "sleep", slept.append)
    now = [1_000_000.0]
    monkeypatch.setattr(auth, "_now", lambda: now[0])
    client = app.test_client()
    for _ in range(5):
        assert _login(client, "guess").status_code == 401
    assert slept == []
    refused = _login(client, PASSWORD)  # refused unseen: the limit is not a password oracle
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "300"
    assert "Too many wrong passwords from your address" in refused.text
    assert "try again in 5 minutes" in refused.text
    assert client.get("/add").status_code == 302
    other = app.test_client()  # another address is not held back
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert _login(other, PASSWORD).status_code == 302
    now[0] += 240
    assert _login(client, "guess").headers["Retry-After"] == "60"
    now[0] += 61  # the window has passed: the operator logs in
    assert _login(client, PASSWORD).status_code == 302
    assert client.get("/add").status_code == 200


def test_wrong_passwords_from_many_addresses_are_limited_overall(app, monkeypatch):
    from web import auth

    monkeypatch.setattr(auth, "_now", lambda: 2_000_000.0)
    app.config.update(LOGIN_FAILURES_PER_ADDRESS=3, LOGIN_FAILURES_OVERALL=7)
    clients = []
    for n in range(4):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"198.51.100.{n}"
        clients.append(client)
    statuses = [_login(c, "guess").status_code for c in clients for _ in range(2)]
    assert statuses == [401] * 7 + [429]
    refused = _login(clients[0], PASSWORD)
    assert refused.status_code == 429 and "on this site" in refused.text


def test_processes_sharing_an_index_folder_share_the_count(app, built_index, corpus_dir):
    """`serve --workers N`: each worker is a process of its own (here: two apps)."""
    second = create_app(
        {
            "TESTING": True,
            "INDEX_DIR": str(built_index),
            "CORPUS_DIR": str(corpus_dir),
            "ADMIN_PASSWORD": PASSWORD,
        }
    )
    first_client, second_client = app.test_client(), second.test_client()
    for client in (first_client, second_client, first_client, second_client, first_client):
        assert _login(client, "guess").status_code == 401
    assert _login(second_client, PASSWORD).status_code == 429
    assert (built_index / "login-failures.json").is_file()


def test_a_damaged_failures_file_is_no_server_error(client, built_index):
    """Bytes that are not UTF-8 (a disk fault, a hand edit) start the count afresh."""
    (built_index / "login-failures.json").write_bytes(b"\xff\xfe[[\x80")
    assert _login(client, "guess").status_code == 401
    assert _login(client, PASSWORD).status_code == 302


def test_parallel_guesses_cannot_pass_the_limit_together(app):
    from concurrent.futures import ThreadPoolExecutor

    clients = [app.test_client() for _ in range(12)]
    tokens = [token(c) for c in clients]

    def guess(n: int) -> int:
        data = {"password": f"guess {n}", "csrf_token": tokens[n]}
        return clients[n].post("/login", data=data).status_code

    with ThreadPoolExecutor(12) as pool:
        statuses = sorted(pool.map(guess, range(12)))
    assert statuses == [401] * 5 + [429] * 7
