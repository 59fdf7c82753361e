package tools

func fileTools() []Tool { return nil }
