"""The site engine's side: the MkDocs hook and Markdown extensions, shards, the Pagefind search index, incremental publish."""
