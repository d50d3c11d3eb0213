"""Demo data: the bundled users, the generator, and stand-in servers for tests and notebooks."""
