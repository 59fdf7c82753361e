package main

import "testing"

// TestPaired: the overhead is taken call by call (served − direct of the
// same round) before the percentiles, so it is never the difference of
// two percentiles of different calls, which can be negative.
func TestPaired(t *testing.T) {
	tests := []struct {
		name           string
		direct, served []float64
		want           latency
	}{
		{
			name:   "a slow onOffice round is not counted as the server's",
			direct: []float64{1, 1, 1, 1, 9},
			served: []float64{2, 2, 2, 2, 10},
			want:   latency{p50: 1, p99: 1},
		},
		{
			// Percentiles apart: p99(served) − p99(direct) = 4 − 9 < 0.
			name:   "a slow direct round next to a normal served one",
			direct: []float64{1, 1, 1, 1, 9},
			served: []float64{2, 2, 2, 4, 2},
			want:   latency{p50: 1, p99: 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := paired(tt.direct, tt.served)
			if got.overhead != tt.want {
				t.Errorf("overhead = %+v, want %+v", got.overhead, tt.want)
			}
			if got.client.p50 != percentile(tt.direct, 0.5) || got.server.p99 != percentile(tt.served, 0.99) {
				t.Errorf("client/server = %+v / %+v, want the percentiles of each side", got.client, got.server)
			}
		})
	}
}
