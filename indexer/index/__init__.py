"""The index: a Whoosh index kept in step with the corpus folder.

schema      the fields, and Articles to index documents and back
analysis    text analysis per language family: English, Snowball stemmers, CJK bigrams
store       where the index lives; opening it while another process writes
prepared    documents analysed in the extraction workers, filed by the writer as they are
pool        the writer's postings kept by term (no sort of every posting at the commit)
sync        incremental runs: what changed on disk goes in one commit; index_paths,
            the fast path for a few given files
watch       `serve`'s folder watcher (inotify or polling): changes indexed as they come
cluster     extraction on a Dask.distributed cluster (`index --scheduler`)
cache       extracted articles kept by content hash (rebuilds skip cleaning)
health      damage detection (`sixg-search check`) and what `--repair` needs
signatures  MinHash signatures of articles, for copy detection at search time
postings    the posting-block layout on disk (a Whoosh codec)
arrays      posting lists and columns read as numpy arrays
lru         a cache bounded by the memory its arrays take
"""
