"""Stage 4, site: write the rendered pages and sheets, run MkDocs for each language into a staging
folder and swap it in for site/ only when every step succeeded."""
