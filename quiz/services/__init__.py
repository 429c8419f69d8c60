"""Plain functions over the models: no `request`, no templates."""
