package tools

func emailTools() []Tool { return nil }
