"""Extraction: one article file in, one Article out."""

from .pipeline import extract_bytes, extract_document, extract_file, extractor_fingerprint

__all__ = ["extract_bytes", "extract_document", "extract_file", "extractor_fingerprint"]
