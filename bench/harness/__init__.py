"""Modules of bench/run: processes, servers, wrk loads, Lambda calls, cold starts, the report."""
