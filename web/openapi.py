"""The OpenAPI 3.1 description of the JSON API, built from the same constants
the API validates against, so the document cannot drift from the code."""

from __future__ import annotations

from functools import cache

from indexer.article import COPY_FIELDS, EXPORT_FIELDS, SUMMARY_FIELDS
from indexer.search import FACETS, MAX_PAGE_SIZE, MAX_TERMS, SORTS
from indexer.search.articles import SIMILAR_FIELDS

from .explore import TIMELINE_BY
from .params import MAX_PAGE, MAX_QUERY_CHARS

_ERROR = {
    "description": "Invalid parameter",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def _search_parameters() -> list[dict]:
    params = [
        {
            "name": "q",
            "in": "query",
            "description": f'Query (words, "phrases", AND/OR/NOT, '
            f"-word, field:value, prefix*); at most {MAX_QUERY_CHARS} characters and "
            f"{MAX_TERMS} words",
            "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS},
        },
        {
            "name": "sort",
            "in": "query",
            "schema": {"type": "string", "enum": list(SORTS)},
            "description": "Default: relevance with a query, newest without",
        },
        {
            "name": "page",
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        },
        {
            "name": "size",
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 10},
        },
        {
            "name": "from",
            "in": "query",
            "description": "Published on or after: YYYY, YYYY-MM or YYYY-MM-DD",
            "schema": {"type": "string"},
        },
        {
            "name": "to",
            "in": "query",
            "description": "Published on or before (a partial date "
            "means the end of that year or month)",
            "schema": {"type": "string"},
        },
    ]
    params.append(
        {
            "name": "copies",
            "in": "query",
            "description": "1 lists and counts "
            "syndicated copies one by one (default: one hit per group)",
            "schema": {"type": "integer", "enum": [0, 1]},
        }
    )
    for facet in FACETS:
        params.append(
            {
                "name": facet.param,
                "in": "query",
                "style": "form",
                "explode": True,
                "description": f"{facet.label} filter; repeat for OR",
                "schema": {"type": "array", "items": {"type": "string"}},
            }
        )
    return params


def _facets_schema() -> dict:
    value = {
        "type": "object",
        "required": ["value", "count", "selected", "name"],
        "properties": {
            "value": {"type": "string"},
            "count": {"type": "integer"},
            "selected": {"type": "boolean"},
            "name": {"type": "string", "description": "Display name (an organisation's full name)"},
        },
    }
    facet = {
        "type": "object",
        "properties": {
            "label": {"type": "string"},
            "field": {"type": "string"},
            "values": {"type": "array", "items": value},
        },
    }
    return {"type": "object", "properties": {f.param: facet for f in FACETS}}


def _object(**fields) -> dict:
    """A JSON-schema object from short type names: "string", "string?" (nullable),
    "string[]" (array), or a schema dict as it is."""
    return {"type": "object", "properties": {k: _type(v) for k, v in fields.items()}}


def _type(short) -> dict:
    if isinstance(short, dict):
        return short
    if short.endswith("[]"):
        return {"type": "array", "items": _type(short[:-2])}
    if short.endswith("?"):
        return {"type": [short[:-1], "null"]}
    return {"type": short}


# Every key of Article.to_json(), with its type; the schemas of hits, copies,
# exports and article pages are the subsets the code serialises (see
# indexer/article.py), and tests/test_web.py checks real responses against them.
ARTICLE_PROPERTIES = {
    "id": "string",
    "path": "string",
    "title": "string",
    "date": "string?",
    "organisations": "string[]",
    "mentions": "string[]",
    "organisation_names": "object",
    "topics": "string[]",
    "url": "string?",
    "source": "string?",
    "format": "string",
    "language": "string",
    "text": "string",
    "kinds": "string[]",
    "evidence": "object",
    "removed": "object[]",
    "overridden": "string[]",
}


def _article(fields=None, **extra) -> dict:
    keys = fields or tuple(ARTICLE_PROPERTIES)
    schema = _object(**{k: ARTICLE_PROPERTIES[k] for k in keys}, **extra)
    schema["required"] = list(schema["properties"])
    return schema


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _get(summary: str, schema: dict | str, parameters=None, errors=None) -> dict:
    """A GET operation answering `schema` (a component name or a schema) as JSON."""
    if isinstance(schema, str):
        schema = _ref(schema)
    responses = {
        "200": {"description": summary, "content": {"application/json": {"schema": schema}}}
    }
    responses.update(errors or {"400": _ERROR})
    return {"get": {"summary": summary, "parameters": parameters or [], "responses": responses}}


def _file(summary: str, media_type: str) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": _search_parameters(),
            "responses": {
                "200": {"description": summary, "content": {media_type: {}}},
                "400": _ERROR,
            },
        }
    }


@cache  # built from constants: once per process, not per request
def spec() -> dict:
    summary = dict(
        query="string",
        total="integer",
        filters="object",
        to="string?",
        facets=_facets_schema(),
        **{"from": "string?"},
    )
    search = _search_parameters()
    by = {
        "name": "by",
        "in": "query",
        "schema": {"type": "string", "enum": list(TIMELINE_BY), "default": "org"},
    }
    not_found = {
        "404": {
            "description": "No such article",
            "content": {"application/json": {"schema": _ref("Error")}},
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "sixg-search API",
            "version": "1.0",
            "description": "Full-text, faceted search over 6G press articles. Every HTML "
            "page has a JSON twin with the same parameters.",
        },
        "paths": {
            "/api/search": _get(
                "Ranked hits, facet counts and paging for a search", "Search", search
            ),
            "/api/facets": _get("Facet counts only", "Facets", search),
            "/api/articles/{id}": _get(
                "One article: clean text, metadata, evidence, copies, similar articles",
                "ArticleDetail",
                [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                not_found,
            ),
            "/api/map": _get(
                "The cooperation map of a search: organisations and the articles about two of them",
                "Map",
                search,
            ),
            "/api/timeline": _get(
                "Articles per period of a search, with the busiest organisations or topics",
                "Timeline",
                [*search, by],
            ),
            "/api/openapi.json": _get("This description", {"type": "object"}, errors={}),
            "/api/reindex": {
                "post": {
                    "summary": "Run an incremental index (operator only)",
                    "security": [{"bearer": []}],
                    "responses": {
                        "200": {"description": "The run's report"},
                        "401": {"description": "Missing or wrong token"},
                        "403": {"description": "Re-indexing over the web is off"},
                        "409": {"description": "Another run holds the index"},
                    },
                }
            },
            "/export.json": _get(
                "Every article of a search (up to 10,000), in its order",
                {"type": "array", "items": _ref("ExportRow")},
                search,
            ),
            "/export.csv": _file("The same as CSV", "text/csv"),
            "/feed.atom": _file("An Atom feed of a search, newest first", "application/atom+xml"),
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
                },
                "Copy": _article(COPY_FIELDS),
                "Hit": _article(
                    SUMMARY_FIELDS,
                    title_html="string",
                    snippet_html="string",
                    score="number?",
                    copies={"type": "array", "items": _ref("Copy")},
                ),
                "ArticleDetail": _article(
                    copies={"type": "array", "items": _ref("Copy")},
                    similar={"type": "array", "items": _article(SIMILAR_FIELDS)},
                ),
                "ExportRow": _article(EXPORT_FIELDS, article_page="string"),
                "Facets": _object(**summary),
                "Search": _object(
                    **summary,
                    page="integer",
                    page_size="integer",
                    pages="integer",
                    sort="string",
                    notice="string?",
                    suggestion="object?",
                    hits={"type": "array", "items": _ref("Hit")},
                ),
                "Map": _object(
                    nodes={"type": "array", "items": _object(name="string", count="integer")},
                    edges={
                        "type": "array",
                        "items": _object(a="string", b="string", count="integer"),
                    },
                ),
                "Timeline": _object(
                    months="string[]",
                    total="object",
                    series={"type": "array", "items": _object(name="string", counts="object")},
                ),
            },
        },
    }
