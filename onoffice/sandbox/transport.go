package sandbox

import (
	"net/http"
	"net/http/httptest"
)

// DemoURL is the endpoint URL a client uses with the in-process transport.
const DemoURL = "http://sandbox.invalid" + StablePath

// Transport serves requests with the sandbox in-process, without a socket,
// so --demo needs no free port and sends nothing over the network.
func (s *Server) Transport() http.RoundTripper {
	return roundTripper{s}
}

type roundTripper struct{ s *Server }

func (rt roundTripper) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	rt.s.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}
