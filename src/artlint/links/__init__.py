"""Online link checking: ``artlint check --check-links``.

``collect``   which links of a document are fetched, under which URL (each URL once per run)
``settings``  ``[tool.artlint.links]`` and the command-line options
``guard``     the address policy: no loopback/private/reserved addresses, vetted per connection
``checker``   the scheduler and the HTTP logic: verdicts ok / redirected / dead / unverified
``cache``     results kept between runs in SQLite
``runner``    the phase ``artlint check`` runs after linting; diagnostics via the online-link rules
``options``   the command-line options and ``artlint cache clear``

Importing this package does not import ``requests``: only ``checker`` and ``guard`` do, and the
runner imports them only when a URL has to be fetched.
"""
