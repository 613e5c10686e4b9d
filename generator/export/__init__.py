"""Open data: the validated content as JSON, flat CSV tables with a Frictionless Data Package, and
Open Referral HSDS 3.0, for others to reuse (issue 18). Reads the model; the site and the command write it."""
