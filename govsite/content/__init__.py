"""Reading the site's source files: discovery, front matter with line numbers, the field schema."""
