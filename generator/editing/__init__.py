"""Editors' tools on top of the pipeline: a new country file, figures past their age, the fact diff
of a pull request, and which texts still need a translation."""
