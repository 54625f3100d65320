"""Reading, cleaning, metadata extraction, indexing and searching of 6G press articles.

The pipeline, one folder a stage, in the order an article goes through it:

    extract/   a file in, one Article out: reading (bytes -> text), htmlclean and
               textclean (-> body, title, removed lines), dates, organisations,
               topics, overrides (sidecar corrections); pipeline wires them
    index/     the Whoosh index kept in step with the corpus: schema, store,
               sync (incremental runs), signatures (for copy detection), cache
               (extractions by content), postings and arrays (the index as numpy)
    search/    queries over the index: `search()` is the front door for the
               site, the API and the CLI (see its docstring for its modules)
    collect/   articles into the corpus from the web: fetch (safe HTTP), store
               (names, sidecars, de-duplication), adding, feeds (following)

Beside them:

    article    the Article: the one model of an article, and its JSON
    datafiles  loading and validating the data files people edit (data/*.toml)

The web site and the `sixg-search` command live in the `web` package, which
depends on this one and never the other way round.
"""
