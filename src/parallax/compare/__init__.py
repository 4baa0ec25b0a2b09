"""Per-story stages: entity merging, quotes, timeline, triangulation, framing, summary.
Each is a `StoryStage` that fills sections of a `Story`."""
