package hosting

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

// LimitBody reads a POST body within the size limit (413 when larger, 400
// when it cannot be read), notes its JSON-RPC method and tool for the
// access log, and hands the bytes on.
func LimitBody(limit int64) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost {
				next.ServeHTTP(w, r)
				return
			}
			body, status := readBody(w, r, limit)
			if status != 0 {
				refuse(w, r, "body", http.StatusText(status), status)
				return
			}
			peek(InfoFrom(r.Context()), body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			r.ContentLength = int64(len(body))
			next.ServeHTTP(w, r)
		})
	}
}

func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, int) {
	if r.ContentLength > limit {
		return nil, http.StatusRequestEntityTooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, http.StatusRequestEntityTooLarge
		}
		return nil, http.StatusBadRequest
	}
	return body, 0
}

// peek reads the JSON-RPC method (and tool name) of a request body; a
// message without a method but with an id is a client's answer to a
// server request, such as a confirmation prompt.
func peek(info *Info, body []byte) {
	var m struct {
		ID     json.RawMessage `json:"id"`
		Method string          `json:"method"`
		Params struct {
			Name string `json:"name"`
		} `json:"params"`
	}
	if json.Unmarshal(body, &m) != nil {
		return
	}
	info.RPC = m.Method
	if m.Method == "" && len(m.ID) > 0 {
		info.Answer = true
	}
	if m.Method == "tools/call" {
		info.Tool = m.Params.Name
	}
}
