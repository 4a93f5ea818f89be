-- One database per data controller, as in the embedded mode's one SQLite file per subgraph.
CREATE DATABASE hub_identity;
CREATE DATABASE hub_dwp;
CREATE DATABASE hub_moj;
CREATE DATABASE hub_vcs;
