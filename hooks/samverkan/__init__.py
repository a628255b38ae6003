"""Samverkanstorget's content core: load, validate and generate, independent of MkDocs."""
