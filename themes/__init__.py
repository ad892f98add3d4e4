"""The built-in theme, shipped inside the govsite package (this file only makes it a package)."""
