"""Exports: the JSON bundle, Markdown summaries and (later) HTML, CSV and user templates.

Pure Python on top of the model and the method; no textual.
"""
