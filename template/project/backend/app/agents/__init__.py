"""AI agents: one module per agent, each on BaseAgent."""
