package tools

import (
	"fmt"
	"strings"
	"testing"
)

func TestZZApptSizePrint(t *testing.T) {
	tot, mine := 0, 0
	for _, x := range All() {
		n := len(x.Schema) + len(x.Description) + len(x.Name) + len(x.Title)
		tot += n
		if x.Module == "appointments" || x.Module == "files" || x.Module == "emails" {
			mine += n
			fmt.Println(x.Name, n)
			if strings.Contains(t.Name(), "Print") {
				fmt.Println(string(x.Schema))
			}
		}
	}
	fmt.Println("total", tot, "mine", mine, "tools", len(All()))
}
