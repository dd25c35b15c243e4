"""The bundled education library: articles, glossary, validation, rendering and search (no Qt)."""
