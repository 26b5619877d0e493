"""gui/aftersales: see docs/ARCHITECTURE.md."""
