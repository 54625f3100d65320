"""Reading files: discovery at any depth, encodings, and refusals with reasons."""

from __future__ import annotations

import pytest

from indexer.extract.reading import ReadError, SourceFile, decode, discover, read_bytes

CHINESE = "中国将深化与欧盟、韩国和印度在6G领域的国际交流与合作。工业和信息化部表示。"


def test_discover_finds_html_and_text_at_any_depth_and_skips_hidden(tmp_path):
    for name in [
        "a.txt",
        "b.HTML",
        "sub/c.htm",
        "sub/deeper/d.txt",
        "sub/notes.md",
        "sub/release.PDF",
        "notes.docx",
        ".hidden/e.txt",
        "sub/.f.txt",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    assert [f.relpath for f in discover(tmp_path)] == [
        "a.txt",
        "b.HTML",
        "sub/c.htm",
        "sub/deeper/d.txt",
        "sub/notes.md",
        "sub/release.PDF",
    ]


@pytest.mark.parametrize(
    "text,encoding",
    [
        ("Café – “6G” résumé", "utf-8"),
        ("Café – “6G” résumé", "cp1252"),
        (CHINESE, "gb18030"),
    ],
)
def test_undeclared_encodings_are_detected(text, encoding):
    assert decode(text.encode(encoding), is_html=False) == text


def test_declared_gb2312_charset_reads_as_gbk_superset():
    html = f'<html><head><meta charset="gb2312"></head><body>{CHINESE}</body></html>'
    assert CHINESE in decode(html.encode("gbk"), is_html=True)


def test_declared_charset_that_lies_is_not_trusted():
    html = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><p>Café 6G</p>'
    assert "Café 6G" in decode(html.encode("cp1252"), is_html=True)


def test_byte_order_mark():
    assert decode("\ufeffHello 6G".encode("utf-8"), is_html=False) == "Hello 6G"


@pytest.mark.parametrize(
    ("controls", "binary"),
    [(5, False), (6, True)],  # of 100 bytes: more than 5 % control characters is binary
)
def test_a_text_with_a_few_control_characters_is_still_text(tmp_path, controls, binary):
    """Tab, line feed, form feed, carriage return and escape are text's own; the
    other control characters count, up to 5 % of the file's start."""
    path = tmp_path / "notes.txt"
    text = b"\x01\x02\x1f\x0e\x08\x0b"[:controls] + b"\t\n\x0c\r\x1b" + b"a" * (95 - controls)
    path.write_bytes(text)
    if binary:
        with pytest.raises(ReadError, match="binary"):
            decode(read_bytes(path), is_html=False)
    else:
        assert decode(read_bytes(path), is_html=False).endswith("a")


def test_binary_and_empty_files_are_refused_with_a_reason(tmp_path):
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ReadError, match="binary"):
        decode(read_bytes(binary), is_html=True)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    with pytest.raises(ReadError, match="empty"):
        read_bytes(empty)
    with pytest.raises(ReadError, match="disappeared"):
        read_bytes(tmp_path / "gone.txt")


def test_source_file_kind(tmp_path):
    assert SourceFile(tmp_path / "a.HTM", "a.HTM").is_html
    assert not SourceFile(tmp_path / "a.txt", "a.txt").is_html


FRENCH = "Coopération européenne à Séoul : l’accord 6G est signé."


@pytest.mark.parametrize(
    "data,is_html,expected",
    [
        ("6G spectrum sharing in Europe and Japan".encode("utf-16-le"), False, "6G spectrum"),
        ("<p>6G spectrum sharing in Europe</p>".encode("utf-16-be"), True, "6G spectrum"),
        ("\ufeff6G research".encode("utf-32-le"), False, "6G research"),
        (FRENCH.encode("cp1252"), False, FRENCH),
        ("Größere Übertragungsraten für 6G.".encode("latin-1"), False, "Größere"),
        ("中国移动签署6G合作备忘录".encode("gbk"), False, "中国移动签署6G合作备忘录"),
        (FRENCH.encode() + b"\xff" + FRENCH.encode(), False, "Coopération européenne"),
        (('<meta charset="iso-8859-1"><p>' + FRENCH).encode(), True, FRENCH),
        (b'<meta charset="punycode"><p>6G text</p>', True, "6G text"),
        (b'<meta charset="utf-16"><p>Hello 6G</p>', True, "Hello 6G"),
    ],
)
def test_encodings_that_lie_or_hide(data, is_html, expected):
    assert expected in decode(data, is_html=is_html)
