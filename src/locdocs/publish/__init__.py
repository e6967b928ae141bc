"""Stage 5 of the pipeline: build units (version x locale) and publish them with mike.

``locdocs build`` (pipeline.py) prepares each version's source tree (versions.py), builds every (version, locale)
unit in its own MkDocs process (unit_build.py), in parallel, reusing units whose inputs did not change (units.py),
puts the units of a version side by side with one sitemap (assemble.py) and deploys each version to the local
gh-pages branch with mike (mike.py).
"""
