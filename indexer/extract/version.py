"""Which extractor produced a stored article: its version and its data files.

Kept apart from the pipeline so that the indexing parent process, which
only compares fingerprints, does not import trafilatura and the cleaners
(~0.2 s of its start-up); the workers import them to extract.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import version

from .. import datafiles

# Bump when a change to the pipeline should re-extract every indexed article.
EXTRACTION_VERSION = 61


@cache
def extractor_fingerprint() -> str:
    """Changes whenever extraction would give other results: code version or data files.

    Stored with each article, so that after an edit to one of the data files
    extraction reads (datafiles.EXTRACTION_FILES: clutter, organisations, topics,
    mail) the next `index` run re-extracts every article, not only the files that
    changed.
    """
    digest = hashlib.sha1(f"{EXTRACTION_VERSION} {version('trafilatura')}".encode())
    for name in datafiles.EXTRACTION_FILES:
        digest.update((datafiles.DATA_DIR / name).read_bytes())
    return digest.hexdigest()[:12]
