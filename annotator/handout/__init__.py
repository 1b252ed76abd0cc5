"""Hand-out and merge: packages for annotators, merging their work back, and assignments.

- :mod:`~annotator.handout.package`: ``package_for`` writes a new project database for one annotator;
- :mod:`~annotator.handout.merge`: ``merge_databases`` brings annotators' databases back;
- :mod:`~annotator.handout.assignment`: who annotates which document, as pure plans.
"""
