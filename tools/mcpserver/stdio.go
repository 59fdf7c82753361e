package mcpserver

import "os"

// stdin and stdout carry the stdio protocol; nothing else may write to stdout.
var (
	stdin  = os.Stdin
	stdout = os.Stdout
)
