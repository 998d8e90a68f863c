"""The kernel every domain stands on: a package of small apps (see DESIGN.md)."""
