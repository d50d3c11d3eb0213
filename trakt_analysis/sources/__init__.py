"""Where data comes from: files, the v1 API, and the catalog the explorer and CLI offer."""
