"""Renderers: estimate data in, text out. Rich is imported only for tables."""
