"""Print words and Flesch–Kincaid grade for article files: the same measure the test suite enforces.

Usage: .venv/bin/python scripts/article_stats.py resources/library/*/*.md
"""

from __future__ import annotations

import sys
from pathlib import Path

import textstat

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nec_companion.content.plaintext import plain_text, word_count


def split_body(text: str) -> str:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4 :]
    return text


def main(paths: list[str]) -> int:
    worst = 0
    for name in paths:
        body = split_body(Path(name).read_text(encoding="utf-8"))
        grade = textstat.flesch_kincaid_grade(plain_text(body))
        words = word_count(body)
        flag = "" if grade <= 8 and 300 <= words <= 1200 else "   <-- fix"
        worst = max(worst, 1 if flag else 0)
        print(f"{grade:5.1f}  {words:5d} words  {name}{flag}")
    return worst


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
