"""Per-article stages: sentences and named-entity mentions (spaCy), embeddings,
quotes, dates, claims and loaded terms. Each is an `ArticleStage`."""
