"""The HTTP API: the route table's rows (``VERBS`` of each module, gathered in table.py) and the
handlers that run on the server (``serve``, codecs, streams). What a row's host runs is in
service/on_host/, so which side of the relay a function runs on shows in where it lives."""
