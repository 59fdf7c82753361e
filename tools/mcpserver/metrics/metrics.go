// Package metrics collects what operators of the hosted mode watch, in the
// Prometheus format: tool calls, their latency (ours and onOffice's),
// answer sizes, confirmations and sessions.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

const namespace = "onoffice_mcp"

// Metrics is one server's registry. It is not the global registry, so
// servers in one process (tests) do not share counters.
type Metrics struct {
	reg           *prometheus.Registry
	calls         *prometheus.CounterVec
	duration      *prometheus.HistogramVec
	upstream      *prometheus.HistogramVec
	answerBytes   *prometheus.HistogramVec
	confirmations *prometheus.CounterVec
	sessions      prometheus.Gauge
	sessionsTotal prometheus.Counter
}

// New returns the metrics of one server, with the Go runtime's and the
// process's own.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "tool_calls_total",
			Help: "Tool calls by tool, effect (read, write, delete, external, discovery) and outcome (ok, error).",
		}, []string{"tool", "effect", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "tool_call_duration_seconds",
			Help:    "Time from a tool call's start to its answer, onOffice included.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"tool"}),
		upstream: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "onoffice_duration_seconds",
			Help:    "Time a tool call spent waiting for the onOffice API.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"tool"}),
		answerBytes: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "tool_answer_bytes",
			Help:    "Size of a tool call's answer (text and structured content).",
			Buckets: prometheus.ExponentialBuckets(256, 4, 8), // 256 B … 4 MiB
		}, []string{"tool"}),
		confirmations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "confirmations_total",
			Help: "Confirmations by method (elicitation, token, none) and outcome: requested (prompt shown or token issued), refused (token or answer refused, or declined; nothing ran), ok or error (the confirmed call ran).",
		}, []string{"method", "outcome"}),
		sessions: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace, Name: "sessions",
			Help: "MCP sessions open now.",
		}),
		sessionsTotal: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: namespace, Name: "sessions_opened_total",
			Help: "MCP sessions opened since the start.",
		}),
	}
	m.reg.MustRegister(m.calls, m.duration, m.upstream, m.answerBytes, m.confirmations, m.sessions, m.sessionsTotal,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// ToolCall records one finished call; upstream is its time spent in
// onOffice, bytes the size of its answer.
func (m *Metrics) ToolCall(tool, effect string, ok bool, d, upstream time.Duration, bytes int) {
	outcome := "ok"
	if !ok {
		outcome = "error"
	}
	m.calls.WithLabelValues(tool, effect, outcome).Inc()
	m.duration.WithLabelValues(tool).Observe(d.Seconds())
	m.upstream.WithLabelValues(tool).Observe(upstream.Seconds())
	m.answerBytes.WithLabelValues(tool).Observe(float64(bytes))
}

// Confirmation records a guarded call's outcome.
func (m *Metrics) Confirmation(method, outcome string) {
	m.confirmations.WithLabelValues(method, outcome).Inc()
}

// SessionOpened and SessionClosed track the open sessions.
func (m *Metrics) SessionOpened() { m.sessions.Inc(); m.sessionsTotal.Inc() }

// SessionClosed: see SessionOpened.
func (m *Metrics) SessionClosed() { m.sessions.Dec() }
