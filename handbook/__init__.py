"""Krav og mestring's engine: assessment format, validation, scoring, rendering and compiling.

It knows nothing about MkDocs; ``hooks/`` adapts it to the site generator.
"""

__all__ = ["model", "scoring", "render", "compile"]
