"""Imported once by the fork server that import workers start from: loads hazm and builds its
tokenisers there, so that every worker forked from the server starts ready instead of each
spending half a second building its own. Importing this module is its only job."""

from annotator.analysis import warm_up

warm_up()
