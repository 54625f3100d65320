"""Collecting articles into the corpus: from the web, uploads, pasted text, feeds.

fetch    safe HTTP: http/https only, timeouts, a size limit, a redirect limit,
         private and loopback addresses refused (checked on every hop)
store    file names (corpus/<site>/<slug>.html, never overwriting), sidecars
         with url and fetch time, URL normalisation and de-duplication
adding   an item fetched or given, checked, stored and indexed, with its outcome
         (add_urls, add_uploads, add_paste)
feeds    following the RSS/Atom feeds of data/feeds.toml (follow, FollowSchedule)

Only the operator adds articles: the web side (web/collect.py) asks for a
login first, and the CLI runs on the operator's machine.
"""
