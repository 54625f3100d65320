"""Extraction: one article file in, one Article out.

reading        bytes on disk -> decoded text, or a clear reason why not; which
               suffixes are articles (.html .htm .txt .md .markdown .pdf)
htmlclean      HTML -> title, body paragraphs, page metadata (trafilatura,
               then the shared clutter rules)
textclean      copied plain text -> title, body paragraphs, removed lines
forwards       e-mail forwards: the forwarded release as the text (mail headers
               removed), its headline and date
linkdumps      text-mode browser dumps with numbered links (lynx, w3m): the
               numbers, menus of links and References list taken out
stamps         a date stamp glued before a page's opening text set apart
markdown       Markdown: front matter (title, date, url, source) and body text
pdf            PDF: the text layer without headers, footers and page numbers,
               lines joined into paragraphs (pypdf)
lines          line-level judgements both cleaners share
dates          publication dates in text; vetting of the HTML date
organisations  which organisations an article is about, and mentions
topics         topics from the taxonomy, ranked by evidence
language       the article's language: declared by the page, else script, else py3langid
phrases        whole-word phrase matching shared by organisations and topics
overrides      corrections by hand from a sidecar .meta.json
pipeline       the stages wired into one Article (`extract_file`)
version        EXTRACTION_VERSION and the extractor's fingerprint, kept light

The pipeline (and trafilatura with it) is imported on first use of its
names, not with the package: a process that only reads a small module of
it or compares fingerprints (the indexing parent) starts ~0.2 s sooner.
"""

from .version import extractor_fingerprint

__all__ = ["extract_bytes", "extract_document", "extract_file", "extractor_fingerprint"]
_PIPELINE_NAMES = {"extract_bytes", "extract_document", "extract_file"}


def __getattr__(name: str):
    if name in _PIPELINE_NAMES:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
