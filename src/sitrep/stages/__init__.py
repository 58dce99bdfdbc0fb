"""Built-in pipeline stages; importing a module registers its stage."""
