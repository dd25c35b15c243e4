"""The reader's stylesheet (kept apart from render.py so that showing a ready-made page needs no Markdown)."""

from __future__ import annotations


def reader_stylesheet(*, base_point_size: float) -> str:
    """CSS for QTextBrowser (its subset of CSS): calm colours, generous spacing, sizes relative to the base."""
    p = base_point_size
    return f"""
body {{ color: #1f2a30; font-size: {p:.1f}pt; line-height: 150%; }}
h1 {{ font-size: {p * 1.6:.1f}pt; color: #17384a; margin-top: 4px; margin-bottom: 6px; }}
h2 {{ font-size: {p * 1.25:.1f}pt; color: #17384a; margin-top: 18px; margin-bottom: 6px; }}
h3 {{ font-size: {p * 1.05:.1f}pt; color: #17384a; margin-top: 12px; }}
p {{ margin-top: 6px; margin-bottom: 8px; }}
li {{ margin-bottom: 4px; }}
dd {{ margin-bottom: 8px; }}
a {{ color: #0b5c7a; }}
a.gloss {{ color: #1f2a30; text-decoration: underline; }}
a.addq {{ color: #0b5c7a; font-size: {p * 0.9:.1f}pt; }}
.crumb {{ color: #4a5a63; font-size: {p * 0.9:.1f}pt; margin-bottom: 0px; }}
.summary {{ color: #3b4b54; font-size: {p * 1.08:.1f}pt; }}
.sources {{ color: #3b4b54; font-size: {p * 0.9:.1f}pt; }}
.reviewed {{ color: #3b4b54; }}
.translation {{ color: #3b4b54; background-color: #eef3f5; padding: 6px; }}
.aka {{ color: #4a5a63; }}
.weblink {{ color: #1f2a30; }}
.highlight {{ background-color: #fff1b8; }}
"""
