"""The site model: pure logic over parsed documents (catalog, publication, links, checks)."""
