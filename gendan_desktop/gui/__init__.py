"""Qt front end. Calls core services; the core never calls back into it."""
