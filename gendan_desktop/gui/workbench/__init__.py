"""gui/workbench: see docs/ARCHITECTURE.md."""
