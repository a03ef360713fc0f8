"""Developer tools, not used by a build: the synthetic archive and the benchmark."""
