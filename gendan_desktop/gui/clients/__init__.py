"""gui/clients: see docs/ARCHITECTURE.md."""
