"""Krav og mestring's engine: assessment format, validation, scoring, rendering and compiling.

It knows nothing about MkDocs; ``hooks/`` adapts it to the site generator.
Modules: ``model`` (YAML → spec), ``scoring`` (pure stdlib, also runs in Pyodide), ``citations``,
``render`` (Jinja2), ``site`` (the compile step), ``runtime`` (Pyodide files), ``cli``;
``deadlines`` (with its words in ``deadline_texts``) and ``ics``: the sick-leave deadline planner
and its calendar file (pure stdlib, also run in Pyodide).
"""
