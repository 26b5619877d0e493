"""gui/production: see docs/ARCHITECTURE.md."""
