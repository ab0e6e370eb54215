"""minutebook: a static site generator for council meetings, minutes and scrutiny."""

__version__ = "0.1.0"
