"""gui/orders: see docs/ARCHITECTURE.md."""
