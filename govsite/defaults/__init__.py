"""Built-in registries: the national topic taxonomy, genres and the Article 20 categories."""
