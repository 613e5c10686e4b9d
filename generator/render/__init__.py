"""Stage 3, render: the model as text in one language, Markdown pages for the site and HTML sheets
printed to PDF, with the words (gettext catalogues), formats (Babel) and templates they use."""
