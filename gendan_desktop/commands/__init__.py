"""Subcommands of the command line, one module per feature area (see cli.py)."""
