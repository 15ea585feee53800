"""The deployment's peer weights: fitted to its profiles and its answers, versioned, shown to staff."""
