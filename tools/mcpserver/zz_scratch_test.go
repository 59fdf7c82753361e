package mcpserver_test
import ("testing";"time")
func TestZZLoad(t *testing.T) {
	for _, n := range []int{1, 50, 200} {
		r := runLoad(t, peerKindsNamed("mcp-go streamable 2025-11-25")[0], n, 20, time.Second, true)
		t.Log(r)
	}
}
