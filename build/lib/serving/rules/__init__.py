"""Rule recognizers by entity type (no training); `serving.recognizers` runs them all."""
