"""Turning the site model into output files: views for templates, lists, feeds, sitemap and open data."""
