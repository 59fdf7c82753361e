package main

// One command refreshes every generated file: go generate ./...
// Each line runs the drift test that owns a generated file with -update, so
// the file is written by the same code that checks it. Review the diff
// before committing. TestGenerateCoversEveryUpdateFlag keeps this list
// complete and its test names right.

//go:generate go test ./tools -run ^TestSchemasGolden$ -update
//go:generate go test ./tools -run ^TestOwnSpans$ -update
//go:generate go test ./tools/mcpserver -run ^TestToolListSnapshots$ -update
//go:generate go test . -run ^TestToolsDocTable$ -update
//go:generate go test ./release -run ^TestServerJSONCommitted$ -update
//go:generate go test ./onoffice/sandbox -run ^TestSeedDigest$ -update
