"""gui/kit: see docs/ARCHITECTURE.md."""
