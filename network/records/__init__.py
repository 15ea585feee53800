"""Records of associations, volunteers and events as the import format has them: one write path for mutations and
imports (validate, check catalogue references, merge by slug), and reading them back."""
