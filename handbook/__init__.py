"""Krav og mestring's engine: assessment format, validation, scoring, rendering and compiling.

It knows nothing about MkDocs; ``hooks/`` adapts it to the site generator.
Modules: ``model`` (YAML → spec), ``scoring`` (pure stdlib, also runs in Pyodide), ``citations``
(citation markers in pages), ``bibliography`` (CSL-YAML with positions), ``csl`` and ``csl_fixes``
(APA 7 by citeproc-py), ``refimport`` and ``refmerge`` (``refs import``), ``render`` (Jinja2),
``site``, ``pages``, ``nav`` and ``compile`` (the compile step), ``fragments``, ``course_store``
and ``buildcache`` (renders reused within a build; renders, courses and more kept between
builds), ``output_files`` (output linked to kept copies), ``abbreviations`` (the glossary for
author texts), ``runtime`` (Pyodide files), ``offline`` and ``precache_key`` (service workers
with Workbox, precompressed copies), ``cli``,
``qti`` (knowledge checks for an LMS); browser modules that also run in Pyodide: ``scoring``,
``resultfile`` (result files), ``deadlines`` (words in ``deadline_texts``) and ``ics``.
"""
