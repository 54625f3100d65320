"""Reading, cleaning, metadata extraction and indexing of 6G press articles.

The pipeline, in the order an article goes through it:

    reading      bytes on disk -> decoded text, or a clear reason why not
    htmlclean    HTML -> body text (trafilatura, with our clutter rules after it)
    textclean    plain text -> body text, title and the lines it removed
    dates, organisations, topics
                 metadata from the cleaned article
    extract      ties the stages together into an Article
    sync         keeps the Whoosh index in step with the corpus folder
    search       queries, filters, facets and highlights over the index
"""
