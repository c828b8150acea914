"""Creates the DuckDB file the dbt project reads: raw.real_tickets (ids 1-3) and
raw.synthetic_tickets (ids 101-102). Usage: make_warehouse.py <path.duckdb>"""

import json
import sys

import duckdb

con = duckdb.connect(sys.argv[1])
con.execute("create schema if not exists raw")
con.execute("create or replace table raw.real_tickets as select * from (values (1, 'printer jammed'), (2, 'vpn drops'), (3, 'reset my password')) t(id, text)")
con.execute("create or replace table raw.synthetic_tickets as select * from (values (101, 'screen flickers after update'), (102, 'cannot sync calendar')) t(id, text)")
con.close()
print(json.dumps({"created": sys.argv[1]}))
