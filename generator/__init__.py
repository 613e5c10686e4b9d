"""Reintegration fact sheets: YAML about countries of origin -> validated model -> site and sheets."""
