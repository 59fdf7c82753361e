package config

import "flag"

// HTTPConfig holds the settings of the hosted (HTTP) mode.
type HTTPConfig struct {
}

func (h *HTTPConfig) register(fs *flag.FlagSet, e *envReader) {}

func (h *HTTPConfig) check(c *Config) error { return nil }
