"""One loader per kind of content file."""
