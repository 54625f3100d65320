"""The OpenAPI 3.1 description of the JSON API, built from the same constants
the API validates against, so the document cannot drift from the code."""

from __future__ import annotations

from indexer.search import FACETS, MAX_PAGE_SIZE, MAX_TERMS, SORTS

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
        "required": ["value", "count", "selected"],
        "properties": {
            "value": {"type": "string"},
            "count": {"type": "integer"},
            "selected": {"type": "boolean"},
            "name": {"type": "string", "description": "Full name (org only)"},
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


def spec() -> dict:
    hit = _object(
        id="string",
        path="string",
        title="string",
        title_html="string",
        snippet_html="string",
        date="string?",
        organisations="string[]",
        topics="string[]",
        url="string?",
        source="string",
        score="number?",
        copies="object[]",
    )
    summary = dict(
        query="string",
        total="integer",
        filters="object",
        to="string?",
        facets=_facets_schema(),
        **{"from": "string?"},
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "sixg-search API",
            "version": "1.0",
            "description": "Full-text, faceted search over 6G press articles. Every HTML "
            "page has a JSON twin with the same parameters.",
        },
        "paths": {
            "/api/search": {
                "get": {
                    "summary": "Ranked hits, facet counts and paging for a search",
                    "parameters": _search_parameters(),
                    "responses": {
                        "200": {
                            "description": "Search results",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Search"}
                                }
                            },
                        },
                        "400": _ERROR,
                    },
                }
            },
            "/api/facets": {
                "get": {
                    "summary": "Facet counts only",
                    "parameters": _search_parameters(),
                    "responses": {
                        "200": {
                            "description": "Facet counts",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Facets"}
                                }
                            },
                        },
                        "400": _ERROR,
                    },
                }
            },
            "/api/articles/{id}": {
                "get": {
                    "summary": "One article: clean text, metadata, evidence, similar articles",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": {"description": "The article"},
                        "404": {
                            "description": "No such article",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                    },
                }
            },
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
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
                },
                "Facets": _object(**summary),
                "Search": _object(
                    **summary,
                    page="integer",
                    page_size="integer",
                    pages="integer",
                    sort="string",
                    notice="string?",
                    suggestion="object?",
                    hits={"type": "array", "items": hit},
                ),
            },
        },
    }
