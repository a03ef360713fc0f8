"""Stage 5: render the linked archive and its views into Markdown pages, feeds and open data."""
